import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally, type RawCount, type UsageEvent } from '../../src/core/stats/events';
import { countSchema, MIN_COUNT, type Metric } from '../../src/core/stats/schema';
import { FAMILY_IDENTITIES, isSafeVector, suppress } from '../../src/core/stats/suppress';

const cell = { day: '2025-03-04', packId: 'safety-basics', packVersion: '1.2.0', lang: 'kk' } as const;
const row = (metric: Metric, item: string, count: number, extra: Partial<RawCount> = {}): RawCount => ({ ...cell, metric, item, count, ...extra });

// ---------------------------------------------------------------------------
// Random events from small domains, so that small counts are common.

const eventArb: fc.Arbitrary<UsageEvent> = fc
  .record({
    day: fc.constantFrom('2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'),
    packId: fc.constantFrom('safety-basics', 'privacy'),
    packVersion: fc.constantFrom('1.0.0', '1.1.0'),
    item: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    lang: fc.constantFrom('kk', 'ru', 'en'),
    kind: fc.constantFrom('lesson.opened', 'lesson.completed', 'worksheet.printed', 'scenario.played', 'quiz.attempt'),
    outcome: fc.option(fc.constantFrom('safe', 'risky', 'harmful'), { nil: undefined }),
    band: fc.constantFrom('0-49', '50-79', '80-100'),
  })
  .map(({ kind, outcome, band, ...base }): UsageEvent => {
    if (kind === 'scenario.played') return outcome ? { ...base, kind, outcome } : { ...base, kind };
    if (kind === 'quiz.attempt') return { ...base, kind, band };
    return { ...base, kind } as UsageEvent;
  });
const eventsArb = fc.array(eventArb, { maxLength: 400 });

/** Totals per pack version, language and metric: what must add up, whatever the day and item. */
function totals(rows: readonly RawCount[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const k = [r.packId, r.packVersion, r.lang, r.metric].join(' ');
    out.set(k, (out.get(k) ?? 0) + r.count);
  }
  return out;
}

/** Everything the collector can compute from the family identities, per item row set and per cell total: parent minus its parts. */
function derivedRemainders(sent: readonly RawCount[]): number[] {
  const out: number[] = [];
  for (const byItem of [true, false]) {
    const groups = new Map<string, Map<Metric, number>>();
    for (const r of sent) {
      const k = [r.day, r.packId, r.packVersion, r.lang, byItem ? r.item : ''].join(' ');
      const g = groups.get(k) ?? new Map<Metric, number>();
      g.set(r.metric, (g.get(r.metric) ?? 0) + r.count);
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      for (const { parent, parts } of FAMILY_IDENTITIES) {
        if (![parent, ...parts].some((m) => g.has(m))) continue;
        out.push((g.get(parent) ?? 0) - parts.reduce((s, m) => s + (g.get(m) ?? 0), 0));
      }
    }
  }
  return out;
}

describe('suppression: no count below 5 leaves the PC', () => {
  it('a per-item count of 5 or more is sent as it is', () => {
    expect(suppress([row('lesson.opened', 'a', 7)])).toEqual({ send: [row('lesson.opened', 'a', 7)], held: [] });
  });

  it('small counts of several items are merged into "*", the items not listed', () => {
    const { send, held } = suppress([row('lesson.opened', 'a', 7), row('lesson.opened', 'b', 3), row('lesson.opened', 'c', 2)]);
    expect(send).toEqual([row('lesson.opened', '*', 5), row('lesson.opened', 'a', 7)]);
    expect(held).toEqual([]);
  });

  it('a small count that stays small is held back, not hidden in a total it could be subtracted from', () => {
    // The naive rule would send a = 7 and * = 10 (all items): 10 − 7 reveals b = 3.
    const { send, held } = suppress([row('lesson.opened', 'a', 7), row('lesson.opened', 'b', 3)]);
    expect(send).toEqual([row('lesson.opened', 'a', 7)]);
    expect(held).toEqual([row('lesson.opened', '*', 3)]);
  });

  it('held counts are carried over to a later day and sent there once the sum reaches 5, never dropped', () => {
    const first = suppress([row('lesson.opened', 'b', 3)]);
    expect(first.send).toEqual([]);
    const next = suppress([row('lesson.opened', 'c', 2, { day: '2025-03-05' })], first.held);
    expect(next).toEqual({ send: [row('lesson.opened', '*', 5, { day: '2025-03-05' })], held: [] });
  });

  it('a carried count that would make a safe day unsafe waits, and the day goes out on its own', () => {
    const day = { day: '2025-03-05' };
    const next = suppress([row('lesson.opened', 'c', 2, day), row('lesson.opened', 'd', 3, day)], [row('quiz.attempt', '*', 1), row('quiz.score.0-49', '*', 1), row('lesson.opened', '*', 1)]);
    // 2 + 3 + 1 = 6 is safe too: the carried lesson count goes with the day's.
    expect(next.send).toEqual([row('lesson.opened', '*', 6, day)]);
    expect(next.held).toEqual([row('quiz.attempt', '*', 1), row('quiz.score.0-49', '*', 1)]);
  });

  it('a quiz whose bands would give a small count away by subtraction is not sent per item', () => {
    // attempts 9 = 5 (80–100) + 4 (50–79): sending attempts and the band of 5 reveals the 4.
    const rows = [row('quiz.attempt', 'q', 9), row('quiz.score.80-100', 'q', 5), row('quiz.score.50-79', 'q', 4)];
    expect(isSafeVector({ 'quiz.attempt': 9, 'quiz.score.80-100': 5, 'quiz.score.50-79': 4 })).toBe(false);
    expect(suppress(rows).send).toEqual([]);
  });

  it('a scenario whose plays without an ending outcome are few is not sent per item', () => {
    // 12 plays, 5 safe, 5 risky: 12 − 5 − 5 = 2 plays ended without an outcome.
    expect(isSafeVector({ 'scenario.played': 12, 'scenario.ending.safe': 5, 'scenario.ending.risky': 5 })).toBe(false);
    expect(isSafeVector({ 'scenario.played': 15, 'scenario.ending.safe': 5, 'scenario.ending.risky': 5 })).toBe(true);
    const rows = [row('scenario.played', 's', 12), row('scenario.ending.safe', 's', 5), row('scenario.ending.risky', 's', 5)];
    expect(suppress(rows).send).toEqual([]);
  });
});

describe('suppression, as properties (fast-check)', () => {
  const params = { numRuns: 300, seed: 20250304 };

  it('nothing sent is below 5, and every sent row fits the schema', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        for (const r of suppress(tally(events)).send) {
          expect(r.count).toBeGreaterThanOrEqual(MIN_COUNT);
          expect(countSchema.safeParse(r).success).toBe(true);
        }
      }),
      params,
    );
  });

  it('sent plus held back equals tallied exactly: nothing lost, nothing doubled', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const raw = tally(events);
        const { send, held } = suppress(raw);
        expect(totals([...send, ...held])).toEqual(totals(raw));
      }),
      params,
    );
  });

  it('day by day with carry-over, everything tallied is sent or still held, once', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const days = [...new Set(events.map((e) => e.day))].sort();
        let carried: RawCount[] = [];
        const sent: RawCount[] = [];
        for (const day of days) {
          const out = suppress(tally(events.filter((e) => e.day === day)), carried);
          sent.push(...out.send);
          carried = out.held;
        }
        for (const r of sent) expect(r.count).toBeGreaterThanOrEqual(MIN_COUNT);
        expect(totals([...sent, ...carried])).toEqual(totals(tally(events)));
        for (const r of derivedRemainders(sent)) expect(r === 0 || r >= MIN_COUNT).toBe(true);
      }),
      params,
    );
  });

  it('a per-item row is the item’s exact count, and "*" is exactly the items not listed: no row contains another', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const raw = tally(events);
        const { send } = suppress(raw);
        const rawOf = new Map(raw.map((r) => [[r.day, r.packId, r.packVersion, r.metric, r.item, r.lang].join(' '), r.count]));
        const listed = new Set(send.filter((r) => r.item !== '*').map((r) => [r.day, r.packId, r.packVersion, r.lang, r.item].join(' ')));
        for (const r of send.filter((s) => s.item !== '*')) expect(r.count).toBe(rawOf.get([r.day, r.packId, r.packVersion, r.metric, r.item, r.lang].join(' ')));
        for (const star of send.filter((s) => s.item === '*')) {
          const notListed = raw
            .filter((r) => r.day === star.day && r.packId === star.packId && r.packVersion === star.packVersion && r.lang === star.lang && r.metric === star.metric)
            .filter((r) => !listed.has([r.day, r.packId, r.packVersion, r.lang, r.item].join(' ')))
            .reduce((s, r) => s + r.count, 0);
          expect(star.count).toBe(notListed);
        }
      }),
      params,
    );
  });

  it('no small count can be derived by subtraction: every parent minus its parts is 0 or at least 5, per item and per day', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        for (const r of derivedRemainders(suppress(tally(events)).send)) expect(r === 0 || r >= MIN_COUNT).toBe(true);
      }),
      params,
    );
  });
});
