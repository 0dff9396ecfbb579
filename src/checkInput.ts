import type { TastebudOptions } from './types';

const nonEmpty = (value: unknown) => typeof value === 'string' && value !== '';
const CONSENTS = ['granted', 'denied', 'pending'];
const AUTOMATIONS = ['local', 'ignore', 'person'];
const oneOf = (values: string[]) => (value: unknown) => values.includes(value as string);

/** Each checked option: how to tell a good value, and what it must be. */
const RULES: ReadonlyArray<[keyof TastebudOptions, (value: unknown) => boolean, string]> = [
  ['consent', oneOf(CONSENTS), `one of ${CONSENTS}`],
  ['automation', oneOf(AUTOMATIONS), `one of ${AUTOMATIONS}`],
  ['endpoint', nonEmpty, 'a non-empty string'],
  ['storageName', nonEmpty, 'a non-empty string'],
  ['workerUrl', (value) => typeof value === 'string' || value instanceof URL, 'a string or a URL'],
  ['syncIntervalMs', (value) => (value as number) > 0, 'a number > 0'],
];

/** Throws a TypeError naming the first malformed option. */
export function checkOptions(options: TastebudOptions): void {
  for (const [name, ok, what] of RULES) {
    if (options[name] !== undefined && !ok(options[name]))
      throw new TypeError(`[tastebud] createTastebud(): ${name} must be ${what}`);
  }
}
