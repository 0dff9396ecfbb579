import type { ServiceEnvironment } from './createProfileService';
import type { TabMessage } from './protocol';
import { openProfileStore } from './store/openProfileStore';
import type { LockManagerLike } from './tabs/electOwner';

/**
 * The worker's real environment: Web Locks, BroadcastChannel, IndexedDB. Where a browser lacks
 * locks or channels (very old engines) the tab simply owns its own profile.
 */
export function browserEnvironment(): ServiceEnvironment {
  const locks = ((navigator as { locks?: unknown }).locks as LockManagerLike | undefined) ?? soleOwner;
  return {
    locks,
    openChannel(name) {
      if (typeof BroadcastChannel === 'function')
        return new BroadcastChannel(name) as unknown as ReturnType<ServiceEnvironment['openChannel']>;
      return { postMessage(_: TabMessage) {}, addEventListener() {}, close() {} };
    },
    openStore: (config, onError) => openProfileStore({ name: config.storageName, writeDelayMs: config.writeDelayMs, onError }),
    tabId: crypto.randomUUID(),
  };
}

/** Without Web Locks every tab is its own owner (their writes may then race: documented). */
const soleOwner: LockManagerLike = {
  async request(_name, _options, callback) {
    return callback({});
  },
};
