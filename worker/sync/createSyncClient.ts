import { createLane } from '../../core/createLane';
import type { ReportingSummary } from '../../core/engine/buildProfileSummary';
import type { Engine } from '../../core/engine/createEngine';
import {
  buildReport,
  cryptoRandom,
  type LedgerEntry,
  ledgerEpsilon,
  PRIVACY_DEFAULTS,
  type RandomSource,
  type ResolvedPrivacy,
  wouldExceedBudget,
} from '../../core/privacy/index';
import type { SentReport, SyncConfig, SyncResult } from '../../core/protocol/workerProtocol';
import { type Backoff, backoffDelay } from './backoffDelay';
import { deliverReport } from './deliverReport';
import { fetchModel } from './fetchModel';
import { modelEtag } from './modelEtag';
import { repairSyncState } from './repairSyncState';
import type { LedgerRecord, PendingReport, SyncSchedule, SyncState, SyncStore } from './types';

/** What the sync client needs from the profile it reports on. */
export interface SyncDeps {
  config: SyncConfig;
  /** The privacy settings, resolved where the page gave them (core/privacy/resolvePrivacy.ts). */
  privacy: ResolvedPrivacy;
  store: SyncStore;
  /** Runs a task on the profile's engine in turn with learning (the owner's serial lane). */
  withEngine<T>(task: (engine: Engine) => T | Promise<T>): Promise<T>;
  /** After every attempt, scheduled or asked for. */
  notify(result: SyncResult): void;
  onError(error: Error): void;
  fetch?: typeof fetch;
  now?: () => number;
  random?: RandomSource;
  /** Resolves when the browser is online. @default `navigator.onLine` and the `online` event */
  online?: () => Promise<void>;
  /** Backoff of failed deliveries and of attempts that failed on the device (tests shorten it). */
  retry?: Backoff;
}

/** The sync client of one profile (it runs in the tab that owns the profile). */
export interface SyncClient {
  /** Delivers the pending report, or builds and sends one now (respecting consent and budget); an attempt under way is followed by a fresh one. */
  syncNow(): Promise<SyncResult>;
  status(): ReportingSummary;
  /** Stops timers and retries; a pending report stays stored for the next page. */
  close(): void;
}

/** The schedule's random delay, as a share of the interval: reports never come closer than the interval. */
const JITTER = 0.1;
/** k of the report's grid γ = C/2^k (docs/privacy-math.md): fixed, so a report's cost is known before it is built. */
const QUANTIZATION_BITS = PRIVACY_DEFAULTS.quantizationBits;
const YEAR_MS = 365 * 86_400_000;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Starts sync for a profile: delivers a report left pending by an earlier page, checks the global
 * model, and reports on a fixed, data-independent cadence (an idle shopper's report is noise alone).
 * @param deps - config, storage, access to the profile, and injectable fetch/clock/randomness.
 * @returns the client, once its state is loaded.
 */
export async function createSyncClient(deps: SyncDeps): Promise<SyncClient> {
  const { config, privacy, store, withEngine } = deps;
  const { endpoint, intervalMs } = config;
  const sharedDimensions = await withEngine((engine) => engine.snapshot().sharedDimensions);
  const modelVersion = () => withEngine((engine) => engine.snapshot().global?.version ?? null);
  const fetcher = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const random = deps.random ?? cryptoRandom();
  const online = deps.online ?? waitOnline;
  let state: SyncState = await loadRepaired();
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<SyncResult> | null = null;
  /** The attempt a `syncNow()` queued behind the one under way; later calls share it. */
  let asked: Promise<SyncResult> | null = null;
  // The `sync` lane (core/createLane.ts): model checks and report attempts take turns, as each reads
  // and rewrites the stored schedule; its tasks read the engine through the owner's lower `profile` lane.
  const lane = createLane();
  let blockedReason: string | undefined;
  const sleepers = new Set<() => void>();
  /** Attempts failed on the device (storage, corrupt records) since the last that did not: the backoff's exponent. */
  let failures = 0;
  /** No scheduled attempt before this (epoch ms): the backoff after a failure. */
  let retryAt = 0;
  /** What the attempt under way is doing, so that a failure says where it happened. */
  let stage = 'starting';

  const uniform = () => {
    const bytes = new Uint8Array(4);
    random.fill(bytes);
    return new DataView(bytes.buffer).getUint32(0) / 2 ** 32;
  };
  const nextDue = (from: number) => from + intervalMs * (1 + JITTER * uniform());
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(closedError());
      const wake = () => {
        clearTimeout(t);
        sleepers.delete(wake);
        if (closed) reject(closedError());
        else resolve();
      };
      const t = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  if (!state.schedule) {
    // A new profile's first report comes one interval from now, like every later one.
    const schedule: SyncSchedule = { nextDueAt: nextDue(now()), lastSyncAt: null, baseline: null };
    await store.saveSchedule(schedule);
    state = { ...state, schedule };
  }

  function schedule(): SyncSchedule {
    return state.schedule as SyncSchedule;
  }

  /** Loads the state and repairs what cannot be read (./repairSyncState.ts), reporting it once. */
  async function loadRepaired(): Promise<SyncState> {
    const { state: repaired, problems } = repairSyncState(await store.load(), sharedDimensions, now());
    if (problems.length === 0) return repaired;
    // Repaired in memory even if the write fails: the worst-case reading holds either way.
    const written = await store.replace(repaired).then(
      () => '',
      (error: Error) => `; the repair could not be stored (${error.name}: ${error.message})`,
    );
    deps.onError(syncError(`sync records repaired, the profile untouched: ${problems.join('; ')}${written}`));
    return repaired;
  }

  /** Until when an unreadable ledger line (./repairSyncState.ts) holds the budget spent, or null. */
  function unreadableUntil(at: number): number | null {
    const lines = state.ledger.filter((entry) => entry.unreadable && entry.at > at - YEAR_MS);
    return lines.length === 0 ? null : Math.max(...lines.map((entry) => entry.at)) + YEAR_MS;
  }

  /** Ledger lines that count against the budget at `at`: noised reports of the last 365 days. */
  function charged(at: number): LedgerRecord[] {
    return state.ledger.filter((entry) => entry.sigma > 0 && entry.at > at - YEAR_MS);
  }

  function epsilonOf(entries: LedgerEntry[], at: number): number {
    if (entries.length === 0) return 0;
    return ledgerEpsilon(entries, { now: at, delta: privacy.delta }).epsilon;
  }

  function arm(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (closed) return;
    const due = () => Math.max(schedule().nextDueAt, retryAt);
    const delay = Math.max(0, due() - now());
    timer = setTimeout(
      () => {
        timer = null;
        if (due() <= now()) void run();
        else arm(); // a delay longer than setTimeout allows
      },
      Math.min(delay, MAX_TIMER_MS),
    );
  }

  async function refreshModel(): Promise<void> {
    try {
      const version = await modelVersion();
      // The ETag is kept with the schedule, so a page load revalidates (a 304) instead of downloading;
      // only the form the held version defines is sent back (./modelEtag.ts), never a server's own tag.
      const kept = schedule().modelEtag;
      const etag = version !== null && kept === modelEtag(version) ? kept : null;
      const model = await fetchModel(endpoint, etag, sharedDimensions, fetcher);
      if (model && model.version !== version) {
        // The user's own weights stay; the global part is replaced and stored with the profile.
        await withEngine((engine) => {
          engine.setGlobalModel(model.version, model.weights);
          return engine.store.save(engine.snapshot());
        });
      }
      if (model && model.etag !== (kept ?? null)) {
        const next: SyncSchedule = { ...schedule(), modelEtag: model.etag };
        await store.saveSchedule(next);
        state = { ...state, schedule: next };
      }
    } catch (error) {
      deps.onError(syncError(`global model: ${(error as Error).message}`));
    }
  }

  /** Builds the next report and stores it (durably) as pending; null when the budget forbids it. */
  async function build(at: number): Promise<PendingReport | null> {
    // The budget is checked first: a report that may not go is neither read from the profile nor noised.
    const noised = privacy.mode === 'local';
    const held = unreadableUntil(at);
    if (noised && held !== null) {
      blockedReason = `a line of the privacy ledger could not be read; it counts as the whole yearly budget until ${new Date(held).toISOString()}`;
      return null;
    }
    const sensitivity = 2 * 2 ** QUANTIZATION_BITS; // Δ_int = 2C/γ with γ = C/2^k (buildReport)
    const cost = { at, sensitivity, sigma: noised ? privacy.noiseMultiplier * sensitivity : 0 };
    if (noised && wouldExceedBudget(charged(at), cost, privacy.yearlyEpsilon, { now: at, delta: privacy.delta })) {
      const spent = epsilonOf([...charged(at), cost], at);
      blockedReason = `the next report would spend ε ${spent.toFixed(2)} in 365 days, over the budget ${privacy.yearlyEpsilon}`;
      return null;
    }
    stage = 'building the report';
    const weights = await withEngine((engine) => engine.sharedWeights());
    const baseline = schedule().baseline;
    const delta = new Float64Array(sharedDimensions);
    for (let i = 0; i < sharedDimensions; i++) delta[i] = (weights[i] as number) - (baseline ? (baseline[i] as number) : 0);
    const baseVersion = (await modelVersion()) ?? 0;
    const built = buildReport(
      delta,
      {
        mode: privacy.mode,
        clipNorm: privacy.clipNorm,
        noiseMultiplier: privacy.noiseMultiplier,
        quantizationBits: QUANTIZATION_BITS,
        baseVersion,
      },
      random,
    );
    // What was charged above is what the report carries.
    const entry: LedgerRecord = { id: built.body.id, at, sensitivity: built.sensitivity, sigma: built.body.noise.sigma };
    const body = JSON.stringify(built.body);
    const report: SentReport = {
      id: built.body.id,
      at,
      bytes: new TextEncoder().encode(body).length,
      round: null,
      baseVersion,
      mechanism: built.body.noise.mechanism,
      sigma: built.body.noise.sigma,
      gamma: built.body.gamma,
      clipNorm: built.body.clipNorm,
      epsilon: noised ? epsilonOf([entry], at) : Number.POSITIVE_INFINITY,
      data: built.data,
    };
    // The baseline moves only when the server accepts the report (deliver): a refused report's change
    // is carried by the next one.
    const pending: PendingReport = { id: report.id, body, report, baseline: weights };
    const next: SyncSchedule = { ...schedule(), nextDueAt: nextDue(at) };
    stage = 'storing the report';
    await store.commitReport(pending, entry, next);
    state = { schedule: next, ledger: [...state.ledger, entry], pending };
    return pending;
  }

  async function deliver(pending: PendingReport): Promise<SyncResult> {
    stage = 'sending the report';
    const delivery = await deliverReport(`${endpoint}/v1/deltas`, pending.body, {
      fetch: fetcher,
      sleep,
      online,
      uniform,
      ...deps.retry,
    });
    const at = now();
    // A report stored by an older version has no baseline: it moved the schedule's when it was built.
    const next: SyncSchedule = delivery.ok
      ? { ...schedule(), lastSyncAt: at, baseline: pending.baseline ?? schedule().baseline }
      : schedule();
    // A refused report is dropped too: sending the same bytes again cannot succeed. Its ε stays spent
    // (it left the device), and its change, still above the baseline, goes with the next report.
    stage = 'recording the answer';
    await store.delivered(pending.id, next);
    state = { ...state, schedule: next, pending: null };
    if (!delivery.ok) {
      const reason = `the server refused the report (${delivery.status}): ${delivery.error}`;
      deps.onError(syncError(reason));
      return { sent: false, reason, report: pending.report };
    }
    return { sent: true, report: { ...pending.report, round: delivery.round } };
  }

  async function attempt(): Promise<SyncResult> {
    if (state.pending) return deliver(state.pending);
    // The model is checked before each report, so that the report is built on the current version.
    stage = 'checking the global model';
    await refreshModel();
    const at = now();
    stage = 'checking the privacy budget';
    const pending = await build(at);
    if (!pending) {
      stage = 'storing the schedule';
      await store.saveSchedule({ ...schedule(), nextDueAt: nextDue(at) });
      state = { ...state, schedule: { ...schedule(), nextDueAt: nextDue(at) } };
      return { sent: false, reason: blockedReason ?? 'the privacy budget is spent' };
    }
    return deliver(pending);
  }

  /** One attempt at a time; the result goes to `on('sync')` and the timer is re-armed. */
  function run(): Promise<SyncResult> {
    running ??= lane
      .run(attempt)
      .then(
        (result) => {
          failures = 0;
          retryAt = 0;
          deps.notify(result);
          return result;
        },
        (error: Error) => {
          // A closed client's store refuses writes (forget() erased what they would have written).
          if (error.name === 'ClosedError' || closed) return { sent: false, reason: closedError().message };
          // Failures on the device (storage full, a record that cannot be used) back off like
          // deliveries do, and are reported once until an attempt gets through.
          const wait = backoffDelay(failures++, deps.retry ?? {}, uniform);
          retryAt = now() + wait;
          const reason = `${stage} failed: ${error.name}: ${error.message}`;
          if (failures === 1) deps.onError(syncError(`${reason} (retried with backoff, reported once)`));
          return { sent: false, reason };
        },
      )
      .finally(() => {
        running = null;
        arm();
      });
    return running;
  }

  /**
   * An attempt that starts after the call: one under way was built before it (the budget it found is
   * already spent, what was learned since is not in it), so its answer would not be about this call.
   */
  function syncNow(): Promise<SyncResult> {
    if (!running) return run();
    asked ??= running.then(() => {
      asked = null;
      return closed ? { sent: false, reason: closedError().message } : run();
    });
    return asked;
  }

  void lane.run(refreshModel);
  if (state.pending)
    void run(); // left by a page that closed mid-send: same id, counted once
  else arm();

  return {
    syncNow,
    status(): ReportingSummary {
      const at = now();
      const spent = epsilonOf(charged(at), at);
      return {
        privacy: {
          // Only noised reports are charged: without noise (privacy: false, central mode) there is no local ε.
          // An unreadable ledger line holds the whole budget spent.
          epsilonSpent: unreadableUntil(at) === null ? spent : Math.max(spent, privacy.yearlyEpsilon),
          epsilonBudget: privacy.yearlyEpsilon,
          delta: privacy.delta,
          mode: privacy.mode,
          reports: state.ledger.length,
          ...(blockedReason ? { blockedReason } : {}),
        },
        lastSyncAt: schedule().lastSyncAt,
      };
    },
    close(): void {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      for (const wake of [...sleepers]) wake();
      store.close();
    },
  };
}

function syncError(message: string): Error {
  return Object.assign(new Error(`[tastebud] ${message}`), { name: 'SyncError' });
}

function closedError(): Error {
  return Object.assign(new Error('sync stopped: the profile was closed'), { name: 'ClosedError' });
}

/** Resolves when the browser is online: at once, or at the next `online` event. */
function waitOnline(): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return Promise.resolve();
  return new Promise((resolve) => addEventListener('online', () => resolve(), { once: true }));
}
