import type { Lang } from '../base/languages';
import { compareCounts, type RawCount } from './events';
import {
  backoffDelay,
  dueBatches,
  nextDueAt,
  isTokenRefused,
  PROBE_BACKOFF,
  recoverAfterCrash,
  settle,
  startSending,
  wakeAfterOffline,
  type OutboxRecord,
  type SendFailure,
  type SendOutcome,
} from './outbox';
import { ackSchema, type Metric, type StatsAck, type StatsBatch, type StatsCount } from './schema';

/**
 * The statistics sync, in three layers (docs/usage-statistics.md): this
 * synchroniser decides what to send and records what happened; a transport
 * carries one batch to the collector; the collector stores it once per key.
 * Time, randomness and waiting are injected, so the tests run on fake time.
 */

/**
 * Carries one batch and resolves with the collector's acknowledgement.
 * Throws a StatsSendError for an HTTP error, anything else for a network
 * failure. Should stop when `signal` aborts (the sync timed out).
 */
export type Transport = (batch: StatsBatch, signal?: AbortSignal) => Promise<StatsAck>;

export class StatsSendError extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind);
    this.name = 'StatsSendError';
  }
}

/** Where outbox records live: Dexie in the app, memory in tests. `save` writes (upserts by key) all the records it is given, together. */
export interface OutboxStore {
  load(): Promise<OutboxRecord[]>;
  save(records: readonly OutboxRecord[]): Promise<void>;
}

export interface SyncOptions {
  store: OutboxStore;
  transport: Transport;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Resolves true when the collector can be reached (a small request, such as GET /health). Without one, a send is the probe. */
  probe?: () => Promise<boolean>;
  /** A send that takes longer counts as a timeout. 30 s. */
  timeoutMs?: number;
  /** Batches in flight at once. 2. */
  parallel?: number;
}

export type Connectivity = 'unknown' | 'online' | 'offline';

export interface RunReport {
  sent: number;
  failed: number;
  refused: number;
  /** The collector refused the school's token: nothing more goes out until a new token (a new StatsSync) or `online()`. */
  tokenRefused: boolean;
  probed: boolean;
  connectivity: Connectivity;
}

const TIMEOUT = Symbol('timeout');

export class StatsSync {
  private readonly o: Required<Omit<SyncOptions, 'probe'>> & Pick<SyncOptions, 'probe'>;
  private running: Promise<RunReport> | undefined;
  private recovered = false;
  private wake = false;
  private probeFailures = 0;
  private nextProbeAt = 0;
  private due: number | undefined;
  /** After server errors, no batch at all goes out before this: a struggling collector is not hammered batch after batch. */
  private serverFailures = 0;
  private pauseUntil = 0;
  /** The collector answered 401 or 403: the token is unknown or revoked. */
  private tokenRefused = false;
  connectivity: Connectivity = 'unknown';

  constructor(options: SyncOptions) {
    this.o = { timeoutMs: 30_000, parallel: 2, ...options };
  }

  /** Sends what is due now. Calls made while a run is going share that run. */
  runOnce(): Promise<RunReport> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * When runOnce has something to do next: the next probe while offline, else
   * the next due batch. Undefined when nothing is pending: wait for new
   * counts or an `online` event.
   */
  nextWakeAt(): number | undefined {
    if (this.tokenRefused) return undefined;
    if (this.connectivity === 'offline') return this.nextProbeAt;
    if (this.wake && this.due !== undefined) return this.o.now();
    return this.due === undefined ? undefined : Math.max(this.due, this.pauseUntil);
  }

  /** The system says the network is back (the `online` event): probe now, and the probe back-off starts again. */
  online(): void {
    this.tokenRefused = false;
    this.probeFailures = 0;
    this.nextProbeAt = this.o.now();
    this.wake = true;
  }

  /** The system says the network is gone (the `offline` event): no sends, a probe after the back-off. */
  offline(): void {
    this.goOffline();
  }

  private goOffline(): void {
    this.connectivity = 'offline';
    this.probeFailures += 1;
    this.nextProbeAt = this.o.now() + backoffDelay(this.probeFailures, this.o.random, PROBE_BACKOFF);
  }

  private async run(): Promise<RunReport> {
    const report: RunReport = { sent: 0, failed: 0, refused: 0, tokenRefused: false, probed: false, connectivity: this.connectivity };
    const { store } = this.o;
    let records = await store.load();
    if (!this.recovered) {
      const fixed = recoverAfterCrash(records, this.o.now());
      await store.save(fixed.filter((r, i) => r !== records[i]));
      records = fixed;
      this.recovered = true;
    }

    if (this.tokenRefused) return this.finish(records, report);
    if (this.connectivity === 'offline') {
      if (this.o.now() < this.nextProbeAt) return this.finish(records, report);
      report.probed = true;
      const reachable = this.o.probe ? await this.o.probe().catch(() => false) : true;
      if (!reachable) {
        this.goOffline();
        return this.finish(records, report);
      }
      this.connectivity = 'unknown';
      this.wake = true;
    }
    if (this.wake) {
      this.wake = false;
      const woken = wakeAfterOffline(records, this.o.now());
      await store.save(woken.filter((r, i) => r !== records[i]));
      records = woken;
    }

    const byKey = new Map(records.map((r) => [r.key, r]));
    for (;;) {
      if (this.o.now() < this.pauseUntil) break;
      const due = dueBatches([...byKey.values()], this.o.now(), Math.max(1, this.o.parallel));
      if (!due.length) break;
      const results = await Promise.all(due.map((r) => this.send(r)));
      let networkDown = false;
      let serverTrouble = false;
      for (const r of results) {
        byKey.set(r.key, r);
        if (r.state === 'sent') report.sent += 1;
        else if (r.state === 'refused') report.refused += 1;
        else report.failed += 1;
        if (r.state === 'pending' && (r.lastError?.kind === 'network' || r.lastError?.kind === 'timeout')) networkDown = true;
        else if (r.state === 'pending' && !(r.lastError && isTokenRefused(r.lastError))) serverTrouble = true;
      }
      if (networkDown) {
        // Stop here: probe with back-off instead of trying every batch against a dead network.
        this.goOffline();
        break;
      }
      if (results.some((r) => r.state === 'sent' || r.state === 'refused' || (r.lastError && isTokenRefused(r.lastError)))) this.connectivity = 'online';
      if (results.some((r) => r.state === 'pending' && r.lastError && isTokenRefused(r.lastError))) {
        // Every other batch would get the same answer: stop until the administrator enters a new token.
        this.tokenRefused = true;
        break;
      }
      if (serverTrouble) {
        this.serverFailures += 1;
        this.pauseUntil = this.o.now() + backoffDelay(this.serverFailures, this.o.random);
        break;
      }
      this.serverFailures = 0;
      this.probeFailures = 0;
    }
    return this.finish([...byKey.values()], report);
  }

  private finish(records: OutboxRecord[], report: RunReport): RunReport {
    this.due = nextDueAt(records);
    report.connectivity = this.connectivity;
    report.tokenRefused = this.tokenRefused;
    return report;
  }

  /** One batch: saved as sending, sent with a timeout, saved with its outcome. */
  private async send(record: OutboxRecord): Promise<OutboxRecord> {
    const { store, transport, timeoutMs } = this.o;
    const sending = startSending(record, this.o.now());
    await store.save([sending]);
    const abort = new AbortController();
    let outcome: SendOutcome;
    try {
      const answer = await Promise.race([transport(sending.batch, abort.signal), this.o.sleep(timeoutMs).then(() => TIMEOUT)]);
      if (answer === TIMEOUT) {
        abort.abort();
        outcome = { kind: 'timeout' };
      } else {
        const ack = ackSchema.safeParse(answer);
        outcome = ack.success ? { kind: 'ack', ack: ack.data } : { kind: 'bad-ack' };
      }
    } catch (error) {
      outcome = error instanceof StatsSendError ? error.failure : { kind: 'network', message: error instanceof Error ? error.message : String(error) };
    }
    const settled = settle(sending, outcome, this.o.now(), this.o.random);
    await store.save([settled]);
    return settled;
  }
}

// ---------------------------------------------------------------------------
// What the next send would contain, for the settings page. Data only: the
// renderer turns it into translated text.

export interface PackSummary {
  packId: string;
  packVersion: string;
  byMetric: Partial<Record<Metric, number>>;
  /** Items listed by ID (the rest are in `*`). */
  items: number;
}

export interface NextSendSummary {
  /** Batches not yet acknowledged that would go out (pending or interrupted). */
  batches: number;
  /** Rows of counts in them. */
  rows: number;
  /** The install ID, app versions and UI languages the batches carry. */
  installs: string[];
  appVersions: string[];
  uiLanguages: Lang[];
  days: string[];
  langs: Lang[];
  byMetric: Partial<Record<Metric, number>>;
  packs: PackSummary[];
  /** Every row exactly as it would be sent, sorted. */
  counts: StatsCount[];
  /** Counts held back until they reach the minimum: they stay on the PC for now. */
  heldBack: { rows: number; byMetric: Partial<Record<Metric, number>> };
  /** Batches the collector refused, with its reason: not sent again unless the administrator asks. */
  refused: { key: string; failure?: SendFailure }[];
  /** When the earliest pending batch is due (ms since the epoch). */
  nextTryAt?: number;
}

const addTo = (into: Partial<Record<Metric, number>>, metric: Metric, n: number) => (into[metric] = (into[metric] ?? 0) + n);
const sortedSet = <T extends string>(values: Iterable<T>) => [...new Set(values)].sort();

export function describeNextSend(records: readonly OutboxRecord[], held: readonly RawCount[] = []): NextSendSummary {
  const going = records.filter((r) => r.state === 'pending' || r.state === 'sending');
  const counts = going.flatMap((r) => r.batch.counts);
  const byMetric: Partial<Record<Metric, number>> = {};
  const packs = new Map<string, PackSummary & { itemSet: Set<string> }>();
  for (const c of counts) {
    addTo(byMetric, c.metric, c.count);
    const k = `${c.packId}@${c.packVersion}`;
    const p = packs.get(k) ?? { packId: c.packId, packVersion: c.packVersion, byMetric: {}, items: 0, itemSet: new Set<string>() };
    addTo(p.byMetric, c.metric, c.count);
    if (c.item !== '*') p.itemSet.add(c.item);
    packs.set(k, p);
  }
  const heldByMetric: Partial<Record<Metric, number>> = {};
  for (const h of held) addTo(heldByMetric, h.metric, h.count);
  const summary: NextSendSummary = {
    batches: going.length,
    rows: counts.length,
    installs: sortedSet(going.map((r) => r.batch.install)),
    appVersions: sortedSet(going.map((r) => r.batch.appVersion)),
    uiLanguages: sortedSet(going.map((r) => r.batch.uiLanguage)),
    days: sortedSet(counts.map((c) => c.day)),
    langs: sortedSet(counts.map((c) => c.lang)),
    byMetric,
    packs: [...packs.values()]
      .map(({ itemSet, ...p }) => ({ ...p, items: itemSet.size }))
      .sort((a, b) => (a.packId + '@' + a.packVersion < b.packId + '@' + b.packVersion ? -1 : 1)),
    counts: [...counts].sort(compareCounts),
    heldBack: { rows: held.length, byMetric: heldByMetric },
    refused: records.filter((r) => r.state === 'refused').map((r) => (r.lastError ? { key: r.key, failure: r.lastError } : { key: r.key })),
  };
  const next = nextDueAt(records);
  if (next !== undefined) summary.nextTryAt = next;
  return summary;
}
