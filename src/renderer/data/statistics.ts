import { z } from 'zod';
import { randomId } from '../../core/base/bytes';
import { tally, usageEventSchema, type RawCount, type UsageEvent } from '../../core/stats/events';
import { cellKey } from '../../core/stats/schema';
import { markDeliveredByFile } from '../../core/stats/file';
import { newBatches, retryRefused, type BatchMeta, type OutboxRecord } from '../../core/stats/outbox';
import { statsFileSchema, type StatsFile } from '../../core/stats/schema';
import { suppress } from '../../core/stats/suppress';
import type { OutboxStore } from '../../core/stats/sync';
import type { QorgauDb } from './database';
import { storedId, storedSetting } from './settings';

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
    await db.statsHeld.bulkAdd(stillHeld.map((c) => ({ ...c, cell: cellKey(c) })));
    await db.usageEvents.bulkDelete(events.flatMap((e) => (e.id === undefined ? [] : [e.id])));
    return batches;
  });
}

/** The administrator's choices for statistics (docs/usage-statistics.md). */
const statsSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The collector's address, normalised by core's collectorAddress. */
  collectorUrl: z.string().max(300),
  /** The school's token from the collector's `add-token`. */
  token: z.string().max(200),
  /** When the administrator last changed these settings (ms since the epoch). */
  changedAt: z.number(),
});
export type StatsSettings = z.infer<typeof statsSettingsSchema>;
export const STATS_OFF: StatsSettings = { enabled: false, collectorUrl: '', token: '', changedAt: 0 };

const lastExportSchema = z.object({ at: z.number(), file: statsFileSchema }).nullable();
export type StatsExport = NonNullable<z.infer<typeof lastExportSchema>>;

/** Everything statistics keep in the database, for the app's recorder and the administrator's page. */
export function statisticsRepository(db: QorgauDb) {
  const settings = storedSetting(db, 'statistics', statsSettingsSchema.partial(), {});
  const lastExport = storedSetting(db, 'statisticsLastExport', lastExportSchema, null);
  return {
    settings: async (): Promise<StatsSettings> => ({ ...STATS_OFF, ...(await settings.get()) }),
    saveSettings: (value: StatsSettings) => settings.set(value),
    lastExport: () => lastExport.get(),
    saveLastExport: (value: StatsExport) => lastExport.set(value),
    /** A random ID for statistics only, not the one results files carry: the two cannot be linked. */
    installId: () => storedId(db, 'statisticsInstall', randomId),
    record: (event: UsageEvent) => recordUsage(db, event),
    closeDays: (today: string, meta: BatchMeta, now: number) => closeDays(db, today, meta, now),
    outboxStore: (): OutboxStore => new DexieOutboxStore(db),
    /** The outbox, the held counts and how many events wait for their day to end. */
    async state(): Promise<{ records: OutboxRecord[]; held: RawCount[]; waiting: number }> {
      const [records, held, waiting] = await Promise.all([db.statsOutbox.toArray(), db.statsHeld.toArray(), db.usageEvents.count()]);
      return { records, held: held.map(({ cell: _cell, ...c }) => c as RawCount), waiting };
    },
    outbox: () => db.statsOutbox.toArray(),
    /** A refused batch goes back to the queue. */
    async retry(key: string): Promise<boolean> {
      const record = await db.statsOutbox.get(key);
      if (!record) return false;
      await db.statsOutbox.put(retryRefused(record, Date.now()));
      return true;
    },
    /** Exactly the batches of the file the administrator confirmed delivered become sent; the file is forgotten. */
    async markDelivered(file: StatsFile): Promise<void> {
      await db.transaction('rw', db.statsOutbox, db.settings, async () => {
        const records: OutboxRecord[] = await db.statsOutbox.toArray();
        await db.statsOutbox.bulkPut(markDeliveredByFile(records, file, Date.now()));
        await lastExport.clear();
      });
    },
    /** Deletes everything statistics kept on this PC: events, held counts and unsent batches. */
    async clear(): Promise<void> {
      await db.transaction('rw', [db.usageEvents, db.statsHeld, db.statsOutbox], async () => {
        await db.usageEvents.clear();
        await db.statsHeld.clear();
        await db.statsOutbox.clear();
      });
    },
  };
}

