import type { Lang } from '../base/languages';
import { randomId } from '../base/bytes';
import { BATCH_LIMITS, batchSchema, STATS_FORMAT, STATS_VERSION, type StatsAck, type StatsBatch, type StatsCount } from './schema';

/**
 * The outbox (docs/usage-statistics.md#the-outbox-and-sync): batches made
 * once, each with a random key, and their state. Pure functions from records
 * to records; the app keeps them in IndexedDB, the tests in memory.
 *
 *   pending ──send──▶ sending ──ack──▶ sent
 *      ▲                 │
 *      └── network error, timeout, 5xx, 408, 429: back-off with jitter
 *                        │
 *                        └── other 4xx ──▶ refused (until an administrator retries it)
 *
 * A batch's content never changes once made: only the state around it does.
 * A batch found in `sending` when the app starts (it crashed, or was closed,
 * mid-send) is pending again: sending it again is safe because the collector
 * counts a key once.
 */

export type BatchState = 'pending' | 'sending' | 'sent' | 'refused';

/** Why a send did not end with an acknowledgement: data for the administrator's page, translated there. */
export type SendFailure =
  | { kind: 'network'; message?: string }
  | { kind: 'timeout' }
  /** The collector answered with an HTTP error. `retryAfterMs` from a Retry-After header, when there was one. */
  | { kind: 'http'; status: number; reason?: string; retryAfterMs?: number }
  /** An answer that is not an acknowledgement of this batch's key. */
  | { kind: 'bad-ack' };

export type SendOutcome = { kind: 'ack'; ack: StatsAck } | SendFailure;

export interface OutboxRecord {
  key: string;
  /** Made once; never changed. */
  batch: StatsBatch;
  state: BatchState;
  /** Sends started, whatever their outcome. */
  attempts: number;
  /** When it was made (ms since the epoch): batches go out oldest first. */
  createdAt: number;
  /** Not sent before this moment (ms since the epoch). */
  nextTryAt: number;
  lastError?: SendFailure;
  sentAt?: number;
  /** How the collector took it: stored now, already stored, or delivered by a file the administrator confirmed. */
  delivered?: 'stored' | 'duplicate' | 'file';
}

/** Back-off between sends of one batch: from 5 s, doubling, capped at 1 h, with full jitter above the floor. */
export const SEND_BACKOFF = { baseMs: 5_000, capMs: 60 * 60 * 1000 } as const;
/** Back-off between connectivity probes while offline: from 5 s, doubling, capped at 15 min. */
export const PROBE_BACKOFF = { baseMs: 5_000, capMs: 15 * 60 * 1000 } as const;

/**
 * The wait before try number `attempt + 1`, after `attempt` failures (≥ 1):
 * a uniformly random time between the base and min(cap, base · 2^(attempt−1)).
 * The jitter spreads the schools that lost the network together; the floor
 * keeps a random 0 from turning into a busy loop.
 */
export function backoffDelay(attempt: number, random: () => number, backoff: { baseMs: number; capMs: number } = SEND_BACKOFF): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(backoff.baseMs + r * (ceiling - backoff.baseMs));
}

/** Worth trying again later: the network, a timeout, a confused answer, a server error, "too many requests", "request timeout". */
function isRetryable(failure: SendFailure): boolean {
  if (failure.kind !== 'http') return true;
  return failure.status === 408 || failure.status === 429 || failure.status < 400 || failure.status >= 500;
}

/**
 * The collector does not accept the school's token (unknown or revoked: 401,
 * or 403): no fault of the batch. The batch waits, and nothing more is sent
 * with that token until the administrator enters a new one.
 */
export function isTokenRefused(failure: SendFailure): boolean {
  return failure.kind === 'http' && (failure.status === 401 || failure.status === 403);
}

/** What goes with every batch besides the counts: the random install ID, the app's version and its UI language. */
export interface BatchMeta {
  install: string;
  appVersion: string;
  uiLanguage: Lang;
}

/** Bytes a count takes in a batch, at most (ASCII only, by the schema). */
const countBytes = (c: StatsCount) => JSON.stringify(c).length + 1;
/** Room kept for the envelope of a batch. */
const ENVELOPE_BYTES = 1024;

/**
 * New outbox records for counts that passed suppression: as many batches as
 * needed, each at most `maxCounts` counts (BATCH_LIMITS.counts) and under
 * BATCH_LIMITS.bytes, each with a new random key. Throws when a count does
 * not fit the schema: a bug, never something to send.
 */
export function newBatches(
  counts: readonly StatsCount[],
  meta: BatchMeta,
  now: number,
  options: { newKey?: () => string; maxCounts?: number } = {},
): OutboxRecord[] {
  const newKey = options.newKey ?? (() => randomId());
  const maxCounts = Math.min(options.maxCounts ?? BATCH_LIMITS.counts, BATCH_LIMITS.counts);
  const chunks: StatsCount[][] = [];
  let chunk: StatsCount[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const c of counts) {
    const size = countBytes(c);
    if (chunk.length >= maxCounts || bytes + size > BATCH_LIMITS.bytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = ENVELOPE_BYTES;
    }
    chunk.push({ ...c });
    bytes += size;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks.map((part, i) => {
    const key = newKey();
    const batch = batchSchema.parse({ format: STATS_FORMAT, version: STATS_VERSION, key, install: meta.install, appVersion: meta.appVersion, uiLanguage: meta.uiLanguage, counts: part });
    // createdAt + i keeps the batches of one call in their order.
    return { key, batch, state: 'pending', attempts: 0, createdAt: now + i, nextTryAt: now };
  });
}

const byAge = (a: OutboxRecord, b: OutboxRecord) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The batches to send now, oldest first: pending and due. */
export function dueBatches(records: readonly OutboxRecord[], now: number, limit = Infinity): OutboxRecord[] {
  return records
    .filter((r) => r.state === 'pending' && r.nextTryAt <= now)
    .sort(byAge)
    .slice(0, limit);
}

/** The earliest moment a pending batch is due, if any is pending. */
export function nextDueAt(records: readonly OutboxRecord[]): number | undefined {
  let next: number | undefined;
  for (const r of records) if (r.state === 'pending' && (next === undefined || r.nextTryAt < next)) next = r.nextTryAt;
  return next;
}

/** A send begins: saved before the first byte goes out, so a crash leaves a trace. */
export function startSending(record: OutboxRecord, now: number): OutboxRecord {
  if (record.state !== 'pending') throw new Error(`batch ${record.key} is ${record.state}, not pending`);
  return { ...record, state: 'sending', attempts: record.attempts + 1, nextTryAt: now };
}

/**
 * A send ended. An acknowledgement of this key marks the batch sent (also
 * when it comes late, for a batch already pending again); a retryable failure
 * makes it pending with back-off; any other refusal keeps it, refused, for
 * the administrator's page. Sent is final: nothing after it changes it.
 */
export function settle(record: OutboxRecord, outcome: SendOutcome, now: number, random: () => number): OutboxRecord {
  if (record.state === 'sent') return record;
  if (outcome.kind === 'ack') {
    if (outcome.ack.key === record.key) {
      const { lastError: _, ...rest } = record;
      return { ...rest, state: 'sent', sentAt: now, delivered: outcome.ack.status };
    }
    return settle(record, { kind: 'bad-ack' }, now, random);
  }
  if (record.state !== 'sending') return record; // a late failure of an earlier send: the current state stands
  // Due again at once: the sync holds every send until the token changes, so this is no busy loop.
  if (isTokenRefused(outcome)) return { ...record, state: 'pending', nextTryAt: now, lastError: outcome };
  if (!isRetryable(outcome)) return { ...record, state: 'refused', lastError: outcome };
  let delay = backoffDelay(record.attempts, random);
  if (outcome.kind === 'http' && outcome.retryAfterMs !== undefined) delay = Math.max(delay, Math.min(outcome.retryAfterMs, SEND_BACKOFF.capMs));
  return { ...record, state: 'pending', nextTryAt: now + delay, lastError: outcome };
}

/** At start: batches left `sending` by a crash are pending again, due now. The collector's idempotency makes the resend safe. */
export function recoverAfterCrash(records: readonly OutboxRecord[], now: number): OutboxRecord[] {
  return records.map((r) => (r.state === 'sending' ? { ...r, state: 'pending', nextTryAt: Math.min(r.nextTryAt, now) } : r));
}

/** The network is back: batches that waited only because it was gone are due now. Server errors keep their back-off. */
export function wakeAfterOffline(records: readonly OutboxRecord[], now: number): OutboxRecord[] {
  return records.map((r) =>
    r.state === 'pending' && r.nextTryAt > now && (r.lastError?.kind === 'network' || r.lastError?.kind === 'timeout') ? { ...r, nextTryAt: now } : r,
  );
}

/** The administrator asks to send a refused batch again (for instance after the collector was updated). The same key, the same counts. */
export function retryRefused(record: OutboxRecord, now: number): OutboxRecord {
  if (record.state !== 'refused') return record;
  return { ...record, state: 'pending', nextTryAt: now };
}

/** Batches not known to have arrived: pending, sending or refused. */
export function unsent(records: readonly OutboxRecord[]): OutboxRecord[] {
  return records.filter((r) => r.state !== 'sent').sort(byAge);
}
