import { z } from 'zod';
import { LANGUAGES, type Lang } from '../base/languages';
import { OUTCOMES, type Outcome } from '../scenario/schema';
import { cellKey, type Metric, type StatsCount } from './schema';

/**
 * The usage events the app records for statistics (docs/usage-statistics.md).
 * An event says what happened to which item of which pack, on which day and
 * in which language: never who did it. There is no pupil, class, name, code,
 * time of day or free text here, so there is nothing about a pupil to leak
 * even before the counts are summed and suppressed.
 */

/** Score bands of a quiz attempt, as the metrics `quiz.score.<band>` name them. */
const SCORE_BANDS = ['0-49', '50-79', '80-100'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** The band of a whole percent (0–100): the attempt's score is never kept, only its band. */
export function scoreBand(percent: number): ScoreBand {
  if (percent >= 80) return '80-100';
  if (percent >= 50) return '50-79';
  return '0-49';
}

interface EventBase {
  /** The local day, YYYY-MM-DD (see localDay). */
  day: string;
  packId: string;
  packVersion: string;
  /** The lesson, scenario, quiz or worksheet ID inside the pack. */
  item: string;
  /** The language the item was used in. */
  lang: Lang;
}

export type UsageEvent =
  | (EventBase & { kind: 'lesson.opened' | 'lesson.completed' | 'worksheet.printed' })
  /** Recorded when a play ends; `outcome` is the ending's outcome when the ending has one. */
  | (EventBase & { kind: 'scenario.played'; outcome?: Outcome })
  | (EventBase & { kind: 'quiz.attempt'; band: ScoreBand })
  /**
   * One answer of a before-and-after check, by a signed-in pupil: `item` is
   * `<checkId>-<topic>`; `phase` says whether it was the pupil's first attempt
   * (before) or a later one (after). Nothing about the pupil.
   */
  | (EventBase & { kind: 'check.answered'; phase: 'before' | 'after'; safe: boolean });

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const base = {
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  packId: id,
  packVersion: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/).max(50),
  item: id,
  lang: z.enum(LANGUAGES),
};

/** What a stored event may hold: strict, so a field about a pupil cannot ride along. */
export const usageEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.enum(['lesson.opened', 'lesson.completed', 'worksheet.printed']) }),
  z.strictObject({ ...base, kind: z.literal('scenario.played'), outcome: z.enum(OUTCOMES).optional() }),
  z.strictObject({ ...base, kind: z.literal('quiz.attempt'), band: z.enum(SCORE_BANDS) }),
  z.strictObject({ ...base, kind: z.literal('check.answered'), phase: z.enum(['before', 'after']), safe: z.boolean() }),
]);

/** The local calendar day of a moment, YYYY-MM-DD, as the school's clock shows it. */
export function localDay(date: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The metrics one event counts towards, each once. */
export function metricsOf(event: UsageEvent): Metric[] {
  switch (event.kind) {
    case 'scenario.played':
      return event.outcome ? ['scenario.played', `scenario.ending.${event.outcome}`] : ['scenario.played'];
    case 'quiz.attempt':
      return ['quiz.attempt', `quiz.score.${event.band}`];
    case 'check.answered':
      return [`check.${event.phase}.${event.safe ? 'safe' : 'unsafe'}`];
    default:
      return [event.kind];
  }
}

/** A count before suppression: any positive number, possibly below MIN_COUNT. */
export type RawCount = Omit<StatsCount, 'count'> & { count: number };

/** The fields that name a count's cell, in the order rows are sorted by. */
export type CountKey = Omit<RawCount, 'count'>;

export function compareCounts(a: CountKey, b: CountKey): number {
  const x = cellKey(a);
  const y = cellKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds up counts of the same cell; the result is sorted and has no zero rows. */
export function sumCounts(rows: Iterable<RawCount>): RawCount[] {
  const cells = new Map<string, RawCount>();
  for (const row of rows) {
    if (row.count === 0) continue;
    const k = cellKey(row);
    const cell = cells.get(k);
    if (cell) cell.count += row.count;
    else cells.set(k, { ...row });
  }
  return [...cells.values()].filter((c) => c.count !== 0).sort(compareCounts);
}

/** Counts events per day, pack version, metric, item and language: the raw counts, before suppression. */
export function tally(events: Iterable<UsageEvent>): RawCount[] {
  const rows: RawCount[] = [];
  for (const e of events) {
    for (const metric of metricsOf(e)) {
      rows.push({ day: e.day, packId: e.packId, packVersion: e.packVersion, metric, item: e.item, lang: e.lang, count: 1 });
    }
  }
  return sumCounts(rows);
}
