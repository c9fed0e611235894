import { MemoryOutboxStore } from '../support/memory-outbox';
import { describe, expect, it } from 'vitest';
import { tally, type RawCount, type UsageEvent } from '../../src/core/stats/events';
import { cellKey } from '../../src/core/stats/schema';
import { newBatches, type OutboxRecord } from '../../src/core/stats/outbox';
import { batchSchema, MIN_COUNT, type StatsAck, type StatsBatch } from '../../src/core/stats/schema';
import { suppress } from '../../src/core/stats/suppress';
import { describeNextSend, StatsSendError, StatsSync, type OutboxStore, type Transport } from '../../src/core/stats/sync';
import { seededRandom } from './support/random';

const meta = { install: '0123456789abcdefghjkmnpqrs', appVersion: '0.1.0', uiLanguage: 'kk' } as const;
const START = Date.UTC(2025, 2, 3, 8);
const DAY = 86_400_000;

/** Lets every promise that can move, move. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Fake time: sleep() registers a timer; the test decides when time passes. */
class FakeClock {
  t = START;
  private seq = 0;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((fire) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, fire }));
  fireNext(): boolean {
    if (!this.timers.length) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift() as { at: number; fire: () => void };
    this.t = Math.max(this.t, next.at);
    next.fire();
    return true;
  }
  /** Runs `p` to its end, moving time only when nothing else can move. */
  async settle<T>(p: Promise<T>): Promise<T> {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await tick();
      if (done) return p;
      if (!this.fireNext()) {
        await tick();
        if (done) return p;
        throw new Error('stuck: nothing left to wait for');
      }
    }
  }
  async advanceTo(at: number): Promise<void> {
    for (;;) {
      await tick();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > at) break;
      this.fireNext();
    }
    this.t = Math.max(this.t, at);
  }
}

/** The collector, in memory: stores a batch once per key, and sums what it stored. */
class FakeCollector {
  readonly stored = new Map<string, string>();
  deliveries = 0;
  receive(batch: StatsBatch): StatsAck {
    this.deliveries += 1;
    const parsed = batchSchema.parse(batch);
    const bytes = JSON.stringify(parsed);
    const before = this.stored.get(parsed.key);
    if (before !== undefined) {
      // The same key always comes with the same bytes.
      expect(bytes).toBe(before);
      return { key: parsed.key, status: 'duplicate' };
    }
    this.stored.set(parsed.key, bytes);
    return { key: parsed.key, status: 'stored' };
  }
  totals(): Map<string, number> {
    return sumByCell([...this.stored.values()].flatMap((b) => (JSON.parse(b) as StatsBatch).counts));
  }
}

function sumByCell(rows: readonly RawCount[], key: (r: RawCount) => string = cellKey): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A store that dies with its process: after the crash, nothing it is asked to do happens. */
class ProcessStore implements OutboxStore {
  dead = false;
  constructor(private readonly disk: MemoryOutboxStore) {}
  load() {
    return this.dead ? Promise.reject(new Error('process gone')) : this.disk.load();
  }
  save(records: readonly OutboxRecord[]) {
    return this.dead ? Promise.reject(new Error('process gone')) : this.disk.save(records);
  }
}

function randomEvents(random: () => number, day: string, n: number): UsageEvent[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: n }, (): UsageEvent => {
    const base = { day, packId: pick(['safety-basics', 'privacy']), packVersion: pick(['1.0.0', '1.1.0']), item: pick(['a', 'b', 'c', 'd', 'e', 'f']), lang: pick(['kk', 'ru', 'en'] as const) };
    const kind = pick(['lesson.opened', 'lesson.completed', 'worksheet.printed', 'scenario.played', 'quiz.attempt'] as const);
    if (kind === 'scenario.played') {
      const outcome = pick(['safe', 'risky', 'harmful', undefined] as const);
      return outcome ? { ...base, kind, outcome } : { ...base, kind };
    }
    if (kind === 'quiz.attempt') return { ...base, kind, band: pick(['0-49', '50-79', '80-100'] as const) };
    return { ...base, kind };
  });
}

const TOTAL_KEY = (r: RawCount) => [r.packId, r.packVersion, r.lang, r.metric].join(' ');

describe('fault injection: randomized sends against a collector that fails in every way', () => {
  it.each([1, 2, 3])('seed %i: at least 1,000 sends, every batch ends sent, the collector’s totals equal the local ones exactly', async (seed) => {
    const clock = new FakeClock();
    const faults = seededRandom(seed * 7919);
    const collector = new FakeCollector();
    const disk = new MemoryOutboxStore();
    const kinds: Record<string, number> = {};
    let calls = 0;

    const transport: Transport = async (batch) => {
      calls += 1;
      const r = faults();
      const kind = r < 0.35 ? 'ok' : r < 0.5 ? 'down' : r < 0.62 ? 'slow' : r < 0.72 ? '500' : r < 0.82 ? 'closed-after-read' : r < 0.87 ? '429' : r < 0.95 ? 'duplicate' : 'garbled-ack';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const copy = structuredClone(batch);
      switch (kind) {
        case 'down':
          throw new TypeError('fetch failed');
        case 'slow':
          await clock.sleep(Math.floor(faults() * 60_000)); // the sync gives up after 30 s; the collector may still store it
          return collector.receive(copy);
        case '500':
          throw new StatsSendError({ kind: 'http', status: 500 });
        case 'closed-after-read':
          collector.receive(copy);
          throw new TypeError('socket hang up');
        case '429':
          throw new StatsSendError({ kind: 'http', status: 429, retryAfterMs: Math.floor(faults() * 120_000) });
        case 'duplicate':
          collector.receive(copy);
          return collector.receive(structuredClone(batch));
        case 'garbled-ack':
          collector.receive(copy);
          return { key: 'something-else' } as unknown as StatsAck;
        default:
          return collector.receive(copy);
      }
    };

    let process = new ProcessStore(disk);
    const start = (store: OutboxStore) =>
      new StatsSync({ store, transport, now: clock.now, random: seededRandom(seed * 104_729 + calls), sleep: clock.sleep, probe: async () => faults() < 0.6, timeoutMs: 30_000, parallel: 2 });
    let sync = start(process);

    const events: UsageEvent[] = [];
    let carried: RawCount[] = [];
    let made = 0;
    let day = 0;
    let crashes = 0;

    for (let round = 0; round < 200_000; round++) {
      // Once a simulated day, the app aggregates the day before into new batches (one transaction in the app).
      if (calls < 1000 && clock.t >= START + day * DAY) {
        const d = new Date(START + day * DAY).toISOString().slice(0, 10);
        const todays = randomEvents(faults, d, 40 + Math.floor(faults() * 120));
        events.push(...todays);
        const out = suppress(tally(todays), carried);
        carried = out.held;
        const records = newBatches(out.send, meta, clock.t, { maxCounts: 1 + Math.floor(faults() * 4) });
        await disk.save(records);
        made += records.length;
        day += 1;
      }
      const all = await disk.load();
      if (calls >= 1000 && all.every((r) => r.state === 'sent')) break;

      const r = faults();
      if (r < 0.04) {
        // The PC is switched off mid-run: whatever was in flight may still reach the collector.
        const run = sync.runOnce();
        run.catch(() => undefined);
        for (let k = Math.floor(faults() * 4); k > 0; k--) {
          await tick();
          clock.fireNext();
        }
        process.dead = true;
        process = new ProcessStore(disk);
        sync = start(process);
        crashes += 1;
        continue;
      }
      if (r < 0.1) sync.online();
      if (r < 0.13) sync.offline();
      await clock.settle(sync.runOnce());
      const wake = sync.nextWakeAt();
      // Nothing due: the app sleeps until the next day brings counts (or an online event).
      await clock.advanceTo(wake === undefined ? clock.t + DAY / 4 : wake);
    }

    const records = await disk.load();
    expect(calls).toBeGreaterThanOrEqual(1000);
    expect(records).toHaveLength(made);
    expect(records.filter((r) => r.state !== 'sent')).toEqual([]);
    expect(crashes).toBeGreaterThan(0);
    for (const kind of ['ok', 'down', 'slow', '500', 'closed-after-read', '429', 'duplicate', 'garbled-ack']) expect(kinds[kind]).toBeGreaterThan(0);

    // Exactly what the outbox made, cell by cell: nothing lost, nothing counted twice.
    const local = sumByCell(records.flatMap((r) => r.batch.counts));
    expect(collector.totals()).toEqual(local);
    expect(collector.stored.size).toBe(made);
    // And what the collector holds plus what is still held back is what the PC tallied.
    const collected = [...collector.stored.values()].flatMap((b) => (JSON.parse(b) as StatsBatch).counts);
    expect(sumByCell([...collected, ...carried], TOTAL_KEY)).toEqual(sumByCell(tally(events), TOTAL_KEY));
    for (const c of collected) expect(c.count).toBeGreaterThanOrEqual(MIN_COUNT);
  }, 120_000);
});

describe('the sync loop', () => {
  const batchOf = (n: number) => newBatches([{ day: '2025-03-03', packId: 'p', packVersion: '1.0.0', metric: 'lesson.opened', item: 'a', lang: 'kk', count: n }], meta, START);

  it('offline, it probes with growing, jittered waits and never spins; an online event probes at once', async () => {
    const clock = new FakeClock();
    const disk = new MemoryOutboxStore();
    await disk.save(batchOf(5));
    let probes = 0;
    let sends = 0;
    const sync = new StatsSync({
      store: disk,
      transport: async () => {
        sends += 1;
        throw new TypeError('fetch failed');
      },
      probe: async () => (probes++, false),
      now: clock.now,
      random: seededRandom(9),
      sleep: clock.sleep,
    });
    await clock.settle(sync.runOnce());
    expect(sends).toBe(1);
    expect(sync.connectivity).toBe('offline');
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wake = sync.nextWakeAt() as number;
      waits.push(wake - clock.t);
      // Running early does nothing: no probe, no send.
      await clock.settle(sync.runOnce());
      await clock.advanceTo(wake);
      await clock.settle(sync.runOnce());
    }
    expect(sends).toBe(1);
    expect(probes).toBe(12);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(15 * 60_000);
    expect(waits[11]).toBeGreaterThan(waits[0] as number);
    sync.online();
    expect(sync.nextWakeAt()).toBe(clock.t);
    await clock.settle(sync.runOnce());
    expect(probes).toBe(13);
  });

  it('once the probe succeeds, batches that waited for the network go at once', async () => {
    const clock = new FakeClock();
    const disk = new MemoryOutboxStore();
    const collector = new FakeCollector();
    await disk.save([...batchOf(5), ...batchOf(6)]);
    let up = false;
    const sync = new StatsSync({
      store: disk,
      transport: async (b) => {
        if (!up) throw new TypeError('fetch failed');
        return collector.receive(b);
      },
      probe: async () => up,
      now: clock.now,
      random: () => 0.5,
      sleep: clock.sleep,
    });
    await clock.settle(sync.runOnce());
    up = true;
    await clock.advanceTo(sync.nextWakeAt() as number);
    const report = await clock.settle(sync.runOnce());
    expect(report).toMatchObject({ sent: 2, probed: true, connectivity: 'online' });
    expect(sync.nextWakeAt()).toBeUndefined();
  });

  it('a refused batch is kept, shown and not sent again; the others go on', async () => {
    const clock = new FakeClock();
    const disk = new MemoryOutboxStore();
    const [bad, good] = [...batchOf(5), ...batchOf(7)] as [OutboxRecord, OutboxRecord];
    await disk.save([bad, { ...good, createdAt: good.createdAt + 1 }]);
    let sends = 0;
    const sync = new StatsSync({
      store: disk,
      transport: async (b) => {
        sends += 1;
        if (b.key === bad.key) throw new StatsSendError({ kind: 'http', status: 422, reason: 'unknown metric' });
        return { key: b.key, status: 'stored' };
      },
      now: clock.now,
      random: () => 0.5,
      sleep: clock.sleep,
      parallel: 1,
    });
    await clock.settle(sync.runOnce());
    await clock.advanceTo(clock.t + DAY);
    await clock.settle(sync.runOnce());
    expect(sends).toBe(2);
    const summary = describeNextSend(await disk.load());
    expect(summary.batches).toBe(0);
    expect(summary.refused).toEqual([{ key: bad.key, failure: { kind: 'http', status: 422, reason: 'unknown metric' } }]);
  });

  it('a revoked token stops the sending and loses nothing; with a new token every batch goes', async () => {
    const clock = new FakeClock();
    const disk = new MemoryOutboxStore();
    const collector = new FakeCollector();
    await disk.save([...batchOf(5), ...batchOf(6), ...batchOf(7), ...batchOf(8)]);
    let refusedSends = 0;
    const options = { store: disk, now: clock.now, random: () => 0.5, sleep: clock.sleep, parallel: 1 };
    const revoked = new StatsSync({
      ...options,
      transport: async () => {
        refusedSends += 1;
        throw new StatsSendError({ kind: 'http', status: 401, reason: 'Unknown or revoked school token' });
      },
    });
    const report = await clock.settle(revoked.runOnce());
    expect(report).toMatchObject({ sent: 0, refused: 0, tokenRefused: true, connectivity: 'online' });
    expect(refusedSends).toBe(1);
    // Nothing more with that token, however long the app runs: no timer, no send.
    expect(revoked.nextWakeAt()).toBeUndefined();
    await clock.advanceTo(clock.t + DAY);
    await clock.settle(revoked.runOnce());
    expect(refusedSends).toBe(1);
    const waiting = describeNextSend(await disk.load());
    expect(waiting.batches).toBe(4);
    expect(waiting.refused).toEqual([]);

    // The administrator enters a new token: a new sync sends everything, each batch once.
    const renewed = new StatsSync({ ...options, transport: async (b) => collector.receive(b) });
    expect(await clock.settle(renewed.runOnce())).toMatchObject({ sent: 4, tokenRefused: false });
    expect(collector.stored.size).toBe(4);
    expect(describeNextSend(await disk.load()).batches).toBe(0);
  });

  it('describes exactly what the next send contains, as data for the settings page', () => {
    const records = newBatches(
      [
        { day: '2025-03-03', packId: 'privacy', packVersion: '1.0.0', metric: 'lesson.opened', item: 'a', lang: 'kk', count: 7 },
        { day: '2025-03-04', packId: 'privacy', packVersion: '1.0.0', metric: 'lesson.opened', item: '*', lang: 'ru', count: 5 },
        { day: '2025-03-04', packId: 'safety-basics', packVersion: '2.0.0', metric: 'quiz.attempt', item: 'q', lang: 'kk', count: 6 },
      ],
      meta,
      START,
      { maxCounts: 2 },
    );
    const summary = describeNextSend(records, [{ day: '2025-03-04', packId: 'privacy', packVersion: '1.0.0', metric: 'lesson.completed', item: '*', lang: 'kk', count: 2 }]);
    expect(summary).toMatchObject({
      batches: 2,
      rows: 3,
      installs: [meta.install],
      appVersions: ['0.1.0'],
      uiLanguages: ['kk'],
      days: ['2025-03-03', '2025-03-04'],
      langs: ['kk', 'ru'],
      byMetric: { 'lesson.opened': 12, 'quiz.attempt': 6 },
      packs: [
        { packId: 'privacy', packVersion: '1.0.0', byMetric: { 'lesson.opened': 12 }, items: 1 },
        { packId: 'safety-basics', packVersion: '2.0.0', byMetric: { 'quiz.attempt': 6 }, items: 1 },
      ],
      heldBack: { rows: 1, byMetric: { 'lesson.completed': 2 } },
      refused: [],
      nextTryAt: START,
    });
    expect(summary.counts).toHaveLength(3);
  });
});
