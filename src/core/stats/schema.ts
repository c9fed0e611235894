import { z } from 'zod';
import { LANGUAGES } from '../base/languages';

/**
 * What may leave a PC as usage statistics (docs/usage-statistics.md): only
 * counts per school, per day and per pack version, never anything about a
 * pupil. This schema is the contract between the app's outbox and the
 * collector; both validate with it, and the collector refuses anything else.
 */

export const STATS_FORMAT = 'qorgau-stats';
export const STATS_VERSION = 1;

/** Counts below this are never sent as they are (see suppress.ts). */
export const MIN_COUNT = 5;

/** What is counted. Each metric names one kind of thing a school did on one day. */
export const METRICS = [
  'lesson.opened',
  'lesson.completed',
  'scenario.played',
  'scenario.ending.safe',
  'scenario.ending.risky',
  'scenario.ending.harmful',
  'quiz.attempt',
  'quiz.score.0-49',
  'quiz.score.50-79',
  'quiz.score.80-100',
  'worksheet.printed',
  // Before-and-after checks: answers per topic (item `<checkId>-<topic>`) that chose the safe action or not.
  'check.before.safe',
  'check.before.unsafe',
  'check.after.safe',
  'check.after.unsafe',
] as const;
export type Metric = (typeof METRICS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('The day, YYYY-MM-DD, in the school’s local time');
const itemId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);

/** One count: how many times `metric` happened for `item` (a lesson, scenario, quiz or worksheet ID, or `*` for all) on `day`. */
export const countSchema = z.strictObject({
  day,
  packId: itemId,
  packVersion: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/).max(50),
  metric: z.enum(METRICS),
  item: z.union([itemId, z.literal('*')]),
  lang: z.enum(LANGUAGES),
  count: z.number().int().min(MIN_COUNT).max(1_000_000),
});
export type StatsCount = z.infer<typeof countSchema>;

/** The fields that name one cell of the statistics: day, pack, version, metric, item and language. */
export type CellOf = Pick<StatsCount, 'day' | 'packId' | 'packVersion' | 'metric' | 'item' | 'lang'>;

/** One string per cell, the same in the app, the batch schema and the collector; sorts by day first. */
export function cellKey(c: CellOf): string {
  return [c.day, c.packId, c.packVersion, c.metric, c.item, c.lang].join('\u0000');
}

/** Limits a collector enforces before anything else. */
export const BATCH_LIMITS = { counts: 5000, bytes: 1024 * 1024 } as const;

/**
 * A batch as it travels: the outbox makes it once, with a random key, and
 * sends the same bytes until the collector acknowledges that key. A collector
 * that has seen the key answers as before and counts nothing twice.
 */
export const batchSchema = z.strictObject({
  format: z.literal(STATS_FORMAT),
  version: z.literal(STATS_VERSION),
  /** Random, made when the batch is made (26 Crockford base32 characters, lower case). */
  key: z.string().regex(/^[0-9a-hjkmnp-tv-z]{26}$/),
  /** The random install ID of the PC: no other device identifier. */
  install: z.string().regex(/^[0-9a-hjkmnp-tv-z]{26}$/),
  appVersion: z.string().min(1).max(50),
  uiLanguage: z.enum(LANGUAGES),
  counts: z
    .array(countSchema)
    .max(BATCH_LIMITS.counts)
    // A cell (day, pack, version, metric, item, language) appears once: a repeated cell would multiply a count.
    .superRefine((counts, ctx) => {
      const seen = new Set<string>();
      counts.forEach((c, i) => {
        const cell = cellKey(c);
        if (seen.has(cell)) ctx.addIssue({ code: 'custom', message: 'This cell is already counted earlier in the batch.', path: [i] });
        seen.add(cell);
      });
    }),
});
export type StatsBatch = z.infer<typeof batchSchema>;

/** The collector's answer to a batch it stored, or had already stored. */
export const ackSchema = z.strictObject({ key: z.string(), status: z.enum(['stored', 'duplicate']) });
export type StatsAck = z.infer<typeof ackSchema>;

/** A file for schools that are never online: the batches of the outbox, sent by USB stick. */
export const statsFileSchema = z.strictObject({
  format: z.literal(`${STATS_FORMAT}-file`),
  version: z.literal(STATS_VERSION),
  batches: z.array(batchSchema).max(10_000),
});
export type StatsFile = z.infer<typeof statsFileSchema>;
