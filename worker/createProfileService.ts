import type { StorageKind, TrackEvent } from '../core/engine/types';
import { resolvePrivacy } from '../core/privacy/resolvePrivacy';
import type { ServiceConfig, ServiceNotice } from '../core/protocol/workerProtocol';
import { createFollower } from './createFollower';
import { createOwner, type Owner } from './createOwner';
import type { OwnerCall, OwnerCalls, OwnerMethod, TabMessage } from './protocol';
import type { PersistentStore } from './store/createDeferredStore';
import { type Election, electOwner, type LockManagerLike } from './tabs/electOwner';

/** What the service needs from its environment (the worker's globals, or fakes in tests). */
export interface ServiceEnvironment {
  locks: LockManagerLike;
  openChannel(name: string): ChannelLike;
  openStore(config: ServiceConfig, onError: (error: Error) => void): Promise<{ store: PersistentStore; storage: StorageKind }>;
  tabId: string;
}

/** The slice of BroadcastChannel the service uses. */
export interface ChannelLike {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', listener: (event: { data: TabMessage }) => void): void;
  close(): void;
}

/**
 * The profile service behind the worker boundary: one per tab. The owner tab (elected by Web Lock)
 * learns and persists; the others forward their events and reads over a BroadcastChannel and take
 * over, without losing queued events, when the owner's tab closes.
 * @param env - locks, channel, storage and this tab's id.
 * @param config - storage name, model options and write cadence from the page.
 * @param notify - tells the page about profile changes, sync attempts and errors.
 */
export async function createProfileService(
  env: ServiceEnvironment,
  config: ServiceConfig,
  notify: (notice: ServiceNotice) => void,
) {
  // The page's options are checked once, here, where they enter the worker: a bad one rejects init.
  const ownerConfig = { ...config, privacy: resolvePrivacy(config.privacy) };
  const channel = env.openChannel(`tastebud:${config.storageName}`);
  const post = (message: TabMessage) => channel.postMessage(message);
  const follower = createFollower(env.tabId, post);
  let owner: Owner | null = null;
  let nextSeq = 1;
  let profileNoticePending = false;

  const reportError = (error: Error) => notify({ kind: 'error', name: error.name, message: error.message });
  const profileChanged = () => {
    if (profileNoticePending) return;
    profileNoticePending = true;
    // One notice per burst: a page re-rendering per event would cost the shopper frames.
    setTimeout(() => {
      profileNoticePending = false;
      notify({ kind: 'profile' });
    }, 0);
  };

  channel.addEventListener('message', ({ data }) => {
    if (owner) void serveAsOwner(owner, data);
    else if (data.kind === 'changed') {
      if (data.forgotten) follower.drop();
      profileChanged();
    } else follower.receive(data);
  });

  async function serveAsOwner(current: Owner, message: TabMessage): Promise<void> {
    if (message.kind === 'events') {
      await current.ingest(message.events, message.from, message.first);
      post({ kind: 'changed', forgotten: false });
      profileChanged();
      try {
        await current.flush();
        post({ kind: 'ack', to: message.from, upTo: current.applied(message.from) });
      } catch (error) {
        reportError(error as Error); // no ack: the follower keeps the events and sends them again
      }
    } else if (message.kind === 'call') {
      try {
        const value = await current.read(message.call);
        post({ kind: 'reply', to: message.from, id: message.id, ok: true, value });
        if (message.call.method === 'forget') afterForget();
      } catch (error) {
        const e = error as Error;
        post({ kind: 'reply', to: message.from, id: message.id, ok: false, name: e.name, message: e.message });
      }
    }
  }

  function afterForget(): void {
    post({ kind: 'changed', forgotten: true });
    profileChanged();
  }

  async function becomeOwner(): Promise<void> {
    const current = await createOwner(
      ownerConfig,
      () => env.openStore(config, reportError),
      reportError,
      (result) => notify({ kind: 'sync', result }),
    );
    // What this tab sent the old owner and never saw acknowledged: learn it now (skipping
    // what the old owner already persisted), then answer the reads it asked.
    const unacked = follower.takeUnacked();
    if (unacked.length) {
      await current.ingest(
        unacked.map((u) => u.event),
        env.tabId,
        unacked[0]?.seq ?? 0,
      );
      await current.flush().catch(reportError);
    }
    owner = current;
    follower.drop();
    for (const pending of follower.takeCalls()) current.read(pending.call).then(pending.resolve, pending.reject);
    post({ kind: 'owner', tabId: env.tabId });
    if (unacked.length) profileChanged();
  }

  const { election }: { election: Election } = await electOwner(env.locks, `tastebud:${config.storageName}:owner`, becomeOwner);

  /** One call on the profile: answered here if this tab owns it, else by the owner over the channel. */
  function read<M extends OwnerMethod>(call: OwnerCall<M>): Promise<ReturnType<OwnerCalls[M]>> {
    if (owner) return owner.read(call);
    return follower.call(call);
  }

  return {
    /** Learns a batch of validated events (in this tab if it owns the profile, else via the owner). */
    track(events: TrackEvent[]): void {
      const first = nextSeq;
      nextSeq += events.length;
      if (owner) {
        owner.ingest(events, env.tabId, first).then(() => {
          post({ kind: 'changed', forgotten: false });
          profileChanged();
        }, reportError);
      } else follower.track(events, first);
    },
    /** Resolves when every event tracked so far is learned and persisted. */
    async flush(): Promise<void> {
      if (owner) await owner.flush();
      else await follower.flush();
    },
    read,
    /** Erases the profile in every tab and deletes the database. */
    async forget(options: { everything?: boolean } = {}): Promise<void> {
      follower.drop();
      await read({ method: 'forget', args: [options] });
      if (owner) afterForget();
    },
    /** Whether this tab owns the profile (for tests and diagnostics). */
    get role(): 'owner' | 'follower' {
      return owner ? 'owner' : 'follower';
    },
    close(): void {
      election.release();
      owner?.close();
      channel.close();
    },
  };
}

export type ProfileService = Awaited<ReturnType<typeof createProfileService>>;
