// The shop's consent manager: it remembers the shopper's choice (the SDK never stores consent) and
// tells the SDK on every page load, through the snippet in index.html.
// @ts-check

const KEY = 'fieldnote-consent';

/** @returns {'granted' | 'denied' | 'pending'} the stored choice. */
export function storedConsent() {
  const value = localStorage.getItem(KEY);
  return value === 'granted' || value === 'denied' ? value : 'pending';
}

/**
 * Records the choice and hands it to the SDK.
 * @param {'granted' | 'denied'} state - the shopper's choice.
 * @returns {Promise<void>} once the SDK has applied it (`'denied'`: the profile is erased).
 */
export async function chooseConsent(state) {
  localStorage.setItem(KEY, state);
  const tb = await whenTastebud();
  await tb.setConsent(state);
}

/**
 * The instance the snippet's `init` created (`window.Tastebud.instance`, CONTRACT §3), once the
 * async script has loaded and started it.
 * @returns {Promise<import('../../src/types').Tastebud>} the instance.
 */
export function whenTastebud() {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const instance = window.Tastebud?.instance;
      if (instance) resolve(instance);
      else if (Date.now() - started > 20_000) reject(new Error('the Tastebud script did not start'));
      else setTimeout(look, 25);
    };
    look();
  });
}
