/** Usage statistics kept on the PC: events until their day ends, then counted, suppressed and queued in one transaction. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { tally, type UsageEvent } from '../../src/core/stats/events';
import { MIN_COUNT, type StatsAck, type StatsBatch } from '../../src/core/stats/schema';
import { StatsSync } from '../../src/core/stats/sync';
import { QorgauDb } from '../../src/renderer/data/database';
import { closeDays, DexieOutboxStore, recordUsage } from '../../src/renderer/data/statistics';

const meta = { install: '0123456789abcdefghjkmnpqrs', appVersion: '0.1.0', uiLanguage: 'kk' } as const;
let n = 0;
const freshDb = () => new QorgauDb(`stats-local-${++n}`, { indexedDB, IDBKeyRange });
const event = (day: string, item: string, kind: 'lesson.opened' | 'lesson.completed' = 'lesson.opened'): UsageEvent => ({
  kind,
  day,
  packId: 'qorgau-core',
  packVersion: '1.3.0',
  item,
  lang: 'kk',
});
let keys = 0;
const newKey = () => `${'0'.repeat(24)}${String(++keys).padStart(2, '0')}`.slice(-26);

/** Sums of the counts in the outbox per cell, for comparing with a tally. */
async function outboxTotal(db: QorgauDb): Promise<number> {
  return (await db.statsOutbox.toArray()).flatMap((r) => r.batch.counts).reduce((sum, c) => sum + c.count, 0);
}

describe('usage statistics on this PC', () => {
  it('a day is counted once it is over: its counts go to the outbox, none below 5, the rest held; today waits', async () => {
    const db = freshDb();
    const events = [
      ...Array.from({ length: 7 }, () => event('2026-11-26', 'strangers-online')),
      ...Array.from({ length: 2 }, () => event('2026-11-26', 'screen-time-balance')),
      ...Array.from({ length: 6 }, () => event('2026-11-27', 'strangers-online')),
      ...Array.from({ length: 9 }, () => event('2026-11-28', 'strangers-online')),
    ];
    for (const e of events) await recordUsage(db, e);
    const batches = await closeDays(db, '2026-11-28', meta, 1000, newKey);
    expect(batches.length).toBeGreaterThan(0);
    const sent = (await db.statsOutbox.toArray()).flatMap((r) => r.batch.counts);
    for (const c of sent) expect(c.count).toBeGreaterThanOrEqual(MIN_COUNT);
    // Nothing lost, nothing doubled: sent plus held equals what happened before today.
    const held = await db.statsHeld.toArray();
    const past = tally(events.filter((e) => e.day < '2026-11-28')).reduce((s, c) => s + c.count, 0);
    expect((await outboxTotal(db)) + held.reduce((s, c) => s + c.count, 0)).toBe(past);
    // Today's events wait; counting again adds nothing.
    expect(await db.usageEvents.count()).toBe(9);
    expect(await closeDays(db, '2026-11-28', meta, 2000, newKey)).toEqual([]);
    expect((await db.statsOutbox.toArray()).length).toBe(batches.length);
    db.close();
  });

  it('an event that names a pupil is refused before it is stored', async () => {
    const db = freshDb();
    await expect(recordUsage(db, { ...event('2026-11-26', 'strangers-online'), pupil: '7B-14' } as unknown as UsageEvent)).rejects.toThrow();
    expect(await db.usageEvents.count()).toBe(0);
    db.close();
  });

  it('the outbox in IndexedDB works with the sync: every batch sent once, and stays sent after the PC restarts', async () => {
    const db = freshDb();
    for (let i = 0; i < 12; i++) await recordUsage(db, event('2026-11-26', 'privacy-personal-data'));
    await closeDays(db, '2026-11-27', meta, 1000, newKey);
    const received: StatsBatch[] = [];
    const transport = async (batch: StatsBatch): Promise<StatsAck> => {
      received.push(batch);
      return { key: batch.key, status: 'stored' };
    };
    const options = { transport, now: () => 5000, random: () => 0.5, sleep: async () => undefined };
    await new StatsSync({ store: new DexieOutboxStore(db), ...options }).runOnce();
    expect(received.flatMap((b) => b.counts).reduce((s, c) => s + c.count, 0)).toBe(12);
    expect((await db.statsOutbox.toArray()).every((r) => r.state === 'sent')).toBe(true);
    await new StatsSync({ store: new DexieOutboxStore(db), ...options }).runOnce();
    expect(received).toHaveLength((await db.statsOutbox.count()));
    db.close();
  });

});
