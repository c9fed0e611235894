import { countKey, tally, usageEventSchema, type UsageEvent } from '../../../core/stats/events';
import { newBatches, type BatchMeta, type OutboxRecord } from '../../../core/stats/outbox';
import { suppress } from '../../../core/stats/suppress';
import type { OutboxStore } from '../../../core/stats/sync';
import type { QorgauDb } from '../../db/database';

/**
 * Usage statistics on this PC: events are kept until their day is over, then
 * counted, suppressed and put into the outbox in one transaction, so a power
 * cut never counts a day twice or loses it (docs/usage-statistics.md).
 */

/** The outbox in IndexedDB, for core's StatsSync. */
export class DexieOutboxStore implements OutboxStore {
  constructor(private readonly db: QorgauDb) {}

  async load(): Promise<OutboxRecord[]> {
    return this.db.statsOutbox.toArray();
  }

  async save(records: readonly OutboxRecord[]): Promise<void> {
    await this.db.statsOutbox.bulkPut([...records]);
  }
}

/** Keeps one event for the end of its day. Refuses anything the schema does not allow: nothing about a pupil gets in. */
export async function recordUsage(db: QorgauDb, event: UsageEvent): Promise<void> {
  await db.usageEvents.add(usageEventSchema.parse(event) as UsageEvent);
}

/**
 * Counts every day before `today`: the events become counts, suppression
 * decides what may leave (carrying the held counts forward), new batches go
 * to the outbox, and the counted events are deleted, all in one transaction.
 * Returns the new batches.
 */
export async function closeDays(db: QorgauDb, today: string, meta: BatchMeta, now: number, newKey?: () => string): Promise<OutboxRecord[]> {
  return db.transaction('rw', [db.usageEvents, db.statsHeld, db.statsOutbox], async () => {
    const events = await db.usageEvents.where('day').below(today).toArray();
    if (events.length === 0) return [];
    const held = await db.statsHeld.toArray();
    const { send, held: stillHeld } = suppress(
      tally(events.map(({ id: _id, ...e }) => e as UsageEvent)),
      held.map(({ cell: _cell, ...c }) => c),
    );
    const batches = send.length ? newBatches(send, meta, now, newKey ? { newKey } : {}) : [];
    await db.statsOutbox.bulkAdd(batches);
    await db.statsHeld.clear();
    await db.statsHeld.bulkAdd(stillHeld.map((c) => ({ ...c, cell: countKey(c) })));
    await db.usageEvents.bulkDelete(events.flatMap((e) => (e.id === undefined ? [] : [e.id])));
    return batches;
  });
}
