import { compareCounts, sumCounts, type RawCount } from './events';
import { MIN_COUNT, type Metric, type StatsCount } from './schema';

/**
 * Small-count suppression (docs/usage-statistics.md#suppression): no number
 * below MIN_COUNT leaves the PC, neither as a row nor as the difference of
 * rows, and nothing is lost or counted twice.
 *
 * The unit is an item's *vector*: for one day, pack version, language and
 * item, the counts of one family of metrics. Most families are one metric.
 * Two are tied by an identity the collector knows: `quiz.attempt` is the sum
 * of the three score bands, and `scenario.played` is the sum of the three
 * endings plus plays whose ending has no outcome. For those the *remainder*
 * (parent minus parts) is a number the collector could compute by
 * subtraction, so it must be safe too.
 *
 * A vector is *safe* when each of its counts, and its remainder, is 0 or at
 * least MIN_COUNT.
 *
 * 1. An item whose vector is safe is sent as it is, per item.
 * 2. The other items of the same day, pack version, language and family are
 *    added together into one `item: '*'` vector, which means "the items not
 *    listed" (never "all items"): per-item rows and the `*` row are disjoint,
 *    so a per-item row subtracted from the `*` row says nothing, and the
 *    total of a metric is the sum of every row.
 * 3. Counts that are not safe even so are held back (carried over) and added
 *    to the `*` vector of a later day of the same pack version, language and
 *    family, sent under that later day once the sum is safe. Held counts stay
 *    in the outbox until then: never dropped.
 *
 * Why nothing small can be derived: every sent row is ≥ MIN_COUNT; rows of a
 * cell are disjoint, so sums and differences of rows are sums of sent rows;
 * the only identities between metrics are the two families, whose remainder
 * is checked on every sent vector, and on any sum of sent vectors it is a
 * sum of remainders that are each 0 or ≥ MIN_COUNT. Held counts appear in no
 * sent row until they are part of a safe sum.
 */

interface Family {
  metrics: readonly Metric[];
  /** The metric that equals the sum of `parts` plus a remainder the collector can compute. */
  parent?: Metric;
  parts?: readonly Metric[];
}

const FAMILIES: Family[] = [
  { metrics: ['lesson.opened'] },
  { metrics: ['lesson.completed'] },
  { metrics: ['worksheet.printed'] },
  { metrics: ['check.before.safe'] },
  { metrics: ['check.before.unsafe'] },
  { metrics: ['check.after.safe'] },
  { metrics: ['check.after.unsafe'] },
  {
    metrics: ['scenario.played', 'scenario.ending.safe', 'scenario.ending.risky', 'scenario.ending.harmful'],
    parent: 'scenario.played',
    parts: ['scenario.ending.safe', 'scenario.ending.risky', 'scenario.ending.harmful'],
  },
  {
    metrics: ['quiz.attempt', 'quiz.score.0-49', 'quiz.score.50-79', 'quiz.score.80-100'],
    parent: 'quiz.attempt',
    parts: ['quiz.score.0-49', 'quiz.score.50-79', 'quiz.score.80-100'],
  },
];

const FAMILY_OF = new Map<Metric, number>(FAMILIES.flatMap((f, i) => f.metrics.map((m) => [m, i] as const)));

type Vector = Map<Metric, number>;

function add(into: Vector, from: Vector): Vector {
  for (const [m, n] of from) into.set(m, (into.get(m) ?? 0) + n);
  return into;
}

function isEmpty(v: Vector): boolean {
  for (const n of v.values()) if (n !== 0) return false;
  return true;
}

const safeNumber = (n: number) => n === 0 || Math.abs(n) >= MIN_COUNT;

/** The number the collector can compute by subtracting a family's parts from its parent, for one vector. */
function remainder(v: Vector, family: Family): number {
  if (!family.parent || !family.parts) return 0;
  return (v.get(family.parent) ?? 0) - family.parts.reduce((s, m) => s + (v.get(m) ?? 0), 0);
}

function isSafe(v: Vector, family: Family): boolean {
  for (const n of v.values()) if (!safeNumber(n)) return false;
  return safeNumber(remainder(v, family));
}

/**
 * True when `counts` (for one day, pack version, language and item) could be
 * sent without revealing a small number: each count, and each family's
 * remainder, is 0 or ≥ MIN_COUNT. Exposed for tests and the settings page.
 */
export function isSafeVector(counts: Partial<Record<Metric, number>>): boolean {
  const byFamily = new Map<number, Vector>();
  for (const [m, n] of Object.entries(counts) as [Metric, number][]) {
    const f = FAMILY_OF.get(m) as number;
    const v = byFamily.get(f) ?? new Map();
    v.set(m, (v.get(m) ?? 0) + n);
    byFamily.set(f, v);
  }
  for (const [f, v] of byFamily) if (!isSafe(v, FAMILIES[f] as Family)) return false;
  return true;
}

/** The parent metric and its parts, for the families tied by an identity (for tests and docs). */
export const FAMILY_IDENTITIES: readonly { parent: Metric; parts: readonly Metric[] }[] = FAMILIES.filter((f) => f.parent).map((f) => ({
  parent: f.parent as Metric,
  parts: f.parts as readonly Metric[],
}));

export interface Suppressed {
  /** Rows that may leave the PC: every count ≥ MIN_COUNT. */
  send: StatsCount[];
  /**
   * Counts held back for a later day, as `item: '*'` rows of the latest day
   * they were merged with. Keep them, and pass them as `carried` next time.
   */
  held: RawCount[];
}

/**
 * Applies the rule to freshly tallied counts plus the counts held back last
 * time. Sent plus held equals tallied plus carried, per pack version,
 * language and metric, exactly.
 */
export function suppress(tallied: readonly RawCount[], carried: readonly RawCount[] = []): Suppressed {
  // Group by pack version, language and family, then by day, then by item.
  const groups = new Map<string, { packId: string; packVersion: string; lang: RawCount['lang']; family: number; days: Map<string, Map<string, Vector>>; carry: Vector; carryDay: string }>();
  const groupOf = (row: RawCount) => {
    const family = FAMILY_OF.get(row.metric);
    if (family === undefined) throw new Error(`unknown metric ${row.metric}`);
    const k = [row.packId, row.packVersion, row.lang, family].join('\u0000');
    let g = groups.get(k);
    if (!g) {
      g = { packId: row.packId, packVersion: row.packVersion, lang: row.lang, family, days: new Map(), carry: new Map(), carryDay: row.day };
      groups.set(k, g);
    }
    return g;
  };
  for (const row of sumCounts(carried)) {
    const g = groupOf(row);
    add(g.carry, new Map([[row.metric, row.count]]));
    if (row.day > g.carryDay) g.carryDay = row.day;
  }
  for (const row of sumCounts(tallied)) {
    const g = groupOf(row);
    const items = g.days.get(row.day) ?? new Map<string, Vector>();
    g.days.set(row.day, items);
    const v = items.get(row.item) ?? new Map<Metric, number>();
    items.set(row.item, add(v, new Map([[row.metric, row.count]])));
  }

  const send: StatsCount[] = [];
  const held: RawCount[] = [];
  const emit = (into: RawCount[], g: { packId: string; packVersion: string; lang: RawCount['lang'] }, day: string, item: string, v: Vector) => {
    for (const [metric, count] of v) if (count !== 0) into.push({ day, packId: g.packId, packVersion: g.packVersion, metric, item, lang: g.lang, count });
  };

  for (const g of groups.values()) {
    const family = FAMILIES[g.family] as Family;
    for (const day of [...g.days.keys()].sort()) {
      const pool: Vector = new Map();
      for (const [item, v] of g.days.get(day) as Map<string, Vector>) {
        if (isSafe(v, family)) emit(send, g, day, item, v);
        else add(pool, v);
      }
      if (isEmpty(pool)) continue;
      const merged = add(add(new Map(), pool), g.carry);
      if (!isEmpty(g.carry) && isSafe(merged, family)) {
        emit(send, g, day, '*', merged);
        g.carry = new Map();
      } else if (isSafe(pool, family)) {
        emit(send, g, day, '*', pool);
      } else {
        g.carry = merged;
        g.carryDay = day > g.carryDay ? day : g.carryDay;
      }
    }
    if (!isEmpty(g.carry)) emit(held, g, g.carryDay, '*', g.carry);
  }
  return { send: send.sort(compareCounts), held: held.sort(compareCounts) };
}
