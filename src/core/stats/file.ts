import { unsent, type OutboxRecord } from './outbox';
import { STATS_FORMAT, STATS_VERSION, statsFileSchema, type StatsFile } from './schema';

/**
 * "Export statistics to a file", for schools that are never online
 * (docs/usage-statistics.md#schools-without-internet): the outbox's unsent
 * batches, the same batches with the same keys, in one file carried on a USB
 * stick. Because the collector counts a key once, a file imported twice, or a
 * file and a later online send of the same batches, count once.
 *
 * Exporting marks nothing as sent: a file on a stick may be lost, never
 * imported, or imported into the wrong place, and the PC cannot know. The
 * batches stay pending (and go online if a network appears: harmless, by the
 * key). Only when the administrator confirms that the file was delivered does
 * `markDeliveredByFile` mark its batches sent, so that they leave the
 * outbox's list and the next file.
 */

/** The file of every batch not yet acknowledged: pending, interrupted, and refused (the collector's importer may accept what the online collector refused; if not, it says so there). */
export function exportStatsFile(records: readonly OutboxRecord[]): StatsFile {
  return statsFileSchema.parse({ format: `${STATS_FORMAT}-file`, version: STATS_VERSION, batches: unsent(records).map((r) => r.batch) });
}

/** The file as text: one batch a line, so that a person can read what it contains. */
export function statsFileText(file: StatsFile): string {
  const lines = file.batches.map((b) => '    ' + JSON.stringify(b));
  return `{\n  "format": ${JSON.stringify(file.format)},\n  "version": ${file.version},\n  "batches": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

export type ReadStatsFile = { ok: true; file: StatsFile } | { ok: false; reason: 'not-json' | 'not-a-stats-file'; detail?: string };

/** Reads a statistics file, refusing anything that is not one. */
export function readStatsFile(text: string): ReadStatsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = statsFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'not-a-stats-file', detail: parsed.error.issues[0]?.message ?? '' };
  return { ok: true, file: parsed.data };
}

/**
 * The administrator confirmed that `file` reached the collector: its batches
 * are sent (delivered by file). Batches of the outbox that are not in the
 * file are unchanged; a batch sent meanwhile stays as it was.
 */
export function markDeliveredByFile(records: readonly OutboxRecord[], file: StatsFile, now: number): OutboxRecord[] {
  const keys = new Set(file.batches.map((b) => b.key));
  return records.map((r) => {
    if (!keys.has(r.key) || r.state === 'sent') return r;
    const { lastError: _, ...rest } = r;
    return { ...rest, state: 'sent', sentAt: now, delivered: 'file' };
  });
}
