import { describe, expect, it } from 'vitest';
import { RANDOM_ID } from '../../src/core/base/bytes';
import {
  backoffDelay,
  dueBatches,
  newBatches,
  recoverAfterCrash,
  retryRefused,
  settle,
  startSending,
  wakeAfterOffline,
  SEND_BACKOFF,
  type OutboxRecord,
} from '../../src/core/stats/outbox';
import { BATCH_LIMITS, batchSchema, type StatsCount } from '../../src/core/stats/schema';
import { seededRandom } from './support/random';

const meta = { install: '0123456789abcdefghjkmnpqrs', appVersion: '0.1.0', uiLanguage: 'kk' } as const;
const T = Date.UTC(2025, 2, 4, 9);
const count = (i: number): StatsCount => ({ day: '2025-03-04', packId: 'safety-basics', packVersion: '1.0.0', metric: 'lesson.opened', item: `l-${i}`, lang: 'ru', count: 5 + i });
const one = (): OutboxRecord => newBatches([count(0)], meta, T)[0] as OutboxRecord;
const bytesOf = (r: OutboxRecord) => JSON.stringify(r.batch);

describe('the outbox makes batches once', () => {
  it('at most BATCH_LIMITS.counts counts a batch, each batch valid and with its own random key', () => {
    // Every cell once, as a day's tally gives them.
    const counts = Array.from({ length: BATCH_LIMITS.counts * 2 + 1 }, (_, i) => ({ ...count(i % 1000), item: `l-${i}` }));
    const records = newBatches(counts, meta, T);
    expect(records.map((r) => r.batch.counts.length)).toEqual([BATCH_LIMITS.counts, BATCH_LIMITS.counts, 1]);
    for (const r of records) {
      expect(batchSchema.safeParse(r.batch).success).toBe(true);
      expect(r.key).toMatch(RANDOM_ID);
      expect(r.batch.key).toBe(r.key);
      expect(new TextEncoder().encode(JSON.stringify(r.batch)).length).toBeLessThanOrEqual(BATCH_LIMITS.bytes);
      expect(r).toMatchObject({ state: 'pending', attempts: 0, nextTryAt: T });
    }
    expect(new Set(records.map((r) => r.key)).size).toBe(3);
  });

  it('refuses a count the schema refuses, rather than sending it', () => {
    expect(() => newBatches([{ ...count(0), count: 4 }], meta, T)).toThrow();
  });
});

describe('a send’s outcome moves the batch on', () => {
  it('an acknowledgement of its key marks it sent; the bytes never change', () => {
    const r = one();
    const before = bytesOf(r);
    const sent = settle(startSending(r, T), { kind: 'ack', ack: { key: r.key, status: 'duplicate' } }, T + 10, Math.random);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sentAt: T + 10, delivered: 'duplicate' });
    expect(bytesOf(sent)).toBe(before);
    // Sent is final: a late failure changes nothing.
    expect(settle(sent, { kind: 'timeout' }, T + 20, Math.random)).toBe(sent);
  });

  it('an acknowledgement of another key is not one', () => {
    const r = one();
    const out = settle(startSending(r, T), { kind: 'ack', ack: { key: 'x', status: 'stored' } }, T, () => 0);
    expect(out).toMatchObject({ state: 'pending', lastError: { kind: 'bad-ack' } });
  });

  it.each([
    [{ kind: 'network' as const, message: 'ECONNRESET' }],
    [{ kind: 'timeout' as const }],
    [{ kind: 'http' as const, status: 500 }],
    [{ kind: 'http' as const, status: 503 }],
    [{ kind: 'http' as const, status: 429 }],
    [{ kind: 'http' as const, status: 408 }],
  ])('%o: pending again, after a back-off', (failure) => {
    const out = settle(startSending(one(), T), failure, T, () => 0.5);
    expect(out.state).toBe('pending');
    expect(out.lastError).toEqual(failure);
    expect(out.nextTryAt).toBeGreaterThanOrEqual(T + SEND_BACKOFF.baseMs);
  });

  it.each([401, 403])('HTTP %i: the token is refused, not the batch: it stays pending, due as soon as the sync sends again', (status) => {
    const failure = { kind: 'http', status, reason: 'Unknown or revoked school token' } as const;
    const out = settle(startSending(one(), T), failure, T, () => 0.5);
    expect(out).toMatchObject({ state: 'pending', nextTryAt: T, lastError: failure });
    expect(dueBatches([out], T)).toEqual([out]);
  });

  it.each([400, 404, 413, 422])('HTTP %i: refused, kept with the reason, never sent again by itself', (status) => {
    const out = settle(startSending(one(), T), { kind: 'http', status, reason: 'invalid batch' }, T, () => 0.5);
    expect(out).toMatchObject({ state: 'refused', lastError: { kind: 'http', status, reason: 'invalid batch' } });
    expect(dueBatches([out], T + 365 * 86_400_000)).toEqual([]);
    expect(retryRefused(out, T + 1)).toMatchObject({ state: 'pending', nextTryAt: T + 1, key: out.key });
  });

  it('a Retry-After is honoured, up to the cap', () => {
    const out = settle(startSending(one(), T), { kind: 'http', status: 429, retryAfterMs: 120_000 }, T, () => 0);
    expect(out.nextTryAt).toBe(T + 120_000);
    const huge = settle(startSending(one(), T), { kind: 'http', status: 503, retryAfterMs: 10 * 86_400_000 }, T, () => 0);
    expect(huge.nextTryAt).toBe(T + SEND_BACKOFF.capMs);
  });
});

describe('back-off', () => {
  it('starts at 5 s, doubles its ceiling, and stays between 5 s and 1 h whatever the random number', () => {
    expect(backoffDelay(1, () => 0.99)).toBe(5_000);
    expect(backoffDelay(2, () => 1)).toBe(10_000);
    expect(backoffDelay(3, () => 1)).toBe(20_000);
    expect(backoffDelay(30, () => 1)).toBe(3_600_000);
    const random = seededRandom(42);
    for (let attempt = 1; attempt < 60; attempt++) {
      const d = backoffDelay(attempt, random);
      expect(d).toBeGreaterThanOrEqual(5_000);
      expect(d).toBeLessThanOrEqual(Math.min(3_600_000, 5_000 * 2 ** (attempt - 1)));
    }
  });

  it('is jittered: two schools failing together do not retry together', () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    expect(backoffDelay(8, a)).not.toBe(backoffDelay(8, b));
  });
});

describe('crash safety', () => {
  it('a batch found sending at start is pending again and due now, with the same key and bytes', () => {
    const r = one();
    const sending = startSending(r, T);
    const [back] = recoverAfterCrash([sending], T + 1000);
    expect(back).toMatchObject({ state: 'pending', key: r.key, nextTryAt: T });
    expect(bytesOf(back as OutboxRecord)).toBe(bytesOf(r));
  });

  it('only pending batches are sent, oldest first', () => {
    const [a, b, c] = newBatches([count(1), count(2), count(3)], meta, T, { maxCounts: 1 }) as [OutboxRecord, OutboxRecord, OutboxRecord];
    const sent = settle(startSending(a, T), { kind: 'ack', ack: { key: a.key, status: 'stored' } }, T, Math.random);
    expect(dueBatches([c, sent, b], T).map((r) => r.key)).toEqual([b.key, c.key]);
    expect(() => startSending(sent, T)).toThrow();
  });

  it('when the network is back, batches that waited for it are due now; those a server refused for a while keep their wait', () => {
    const net = settle(startSending(one(), T), { kind: 'network' }, T, () => 1);
    const server = settle(startSending(one(), T), { kind: 'http', status: 500 }, T, () => 1);
    const [n, s] = wakeAfterOffline([net, server], T + 1);
    expect(n?.nextTryAt).toBe(T + 1);
    expect(s?.nextTryAt).toBe(server.nextTryAt);
  });
});
