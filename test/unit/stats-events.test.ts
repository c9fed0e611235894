import { describe, expect, it } from 'vitest';
import { localDay, metricsOf, scoreBand, tally, usageEventSchema, type UsageEvent } from '../../src/core/stats/events';
import { METRICS } from '../../src/core/stats/schema';

const at = { day: '2025-03-04', packId: 'safety-basics', packVersion: '1.2.0', lang: 'kk' } as const;

describe('usage events say what happened, never who did it', () => {
  it('a quiz attempt keeps only its score band: 0–49, 50–79, 80–100', () => {
    expect([0, 49, 50, 79, 80, 100].map(scoreBand)).toEqual(['0-49', '0-49', '50-79', '50-79', '80-100', '80-100']);
  });

  it('every metric an event counts towards is one of the schema’s metrics', () => {
    const events: UsageEvent[] = [
      { ...at, kind: 'lesson.opened', item: 'passwords' },
      { ...at, kind: 'lesson.completed', item: 'passwords' },
      { ...at, kind: 'worksheet.printed', item: 'passwords-sheet' },
      { ...at, kind: 'scenario.played', item: 'stranger-dm', outcome: 'risky' },
      { ...at, kind: 'scenario.played', item: 'stranger-dm' },
      { ...at, kind: 'quiz.attempt', item: 'passwords-quiz', band: '50-79' },
    ];
    const metrics = events.flatMap(metricsOf);
    for (const m of metrics) expect(METRICS).toContain(m);
    expect(metricsOf(events[3] as UsageEvent)).toEqual(['scenario.played', 'scenario.ending.risky']);
    expect(metricsOf(events[5] as UsageEvent)).toEqual(['quiz.attempt', 'quiz.score.50-79']);
  });

  it('a stored event with a pupil, a name or free text is refused', () => {
    const good = { ...at, kind: 'lesson.opened', item: 'passwords' };
    expect(usageEventSchema.safeParse(good).success).toBe(true);
    expect(usageEventSchema.safeParse({ ...good, pupil: '7B-14' }).success).toBe(false);
    expect(usageEventSchema.safeParse({ ...good, note: 'Aigerim liked it' }).success).toBe(false);
    expect(usageEventSchema.safeParse({ ...at, kind: 'quiz.attempt', item: 'q', band: '50-79', percent: 61 }).success).toBe(false);
  });

  it('the day is the local calendar day', () => {
    expect(localDay(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
    expect(localDay(new Date(2025, 11, 31, 0, 1))).toBe('2025-12-31');
  });

  it('tally counts per day, pack version, metric, item and language, before suppression', () => {
    const events: UsageEvent[] = [
      { ...at, kind: 'lesson.opened', item: 'passwords' },
      { ...at, kind: 'lesson.opened', item: 'passwords' },
      { ...at, kind: 'lesson.opened', item: 'passwords', lang: 'ru' },
      { ...at, kind: 'lesson.opened', item: 'passwords', day: '2025-03-05' },
      { ...at, kind: 'quiz.attempt', item: 'passwords-quiz', band: '80-100' },
    ];
    expect(tally(events)).toEqual([
      { ...at, metric: 'lesson.opened', item: 'passwords', count: 2 },
      { ...at, metric: 'lesson.opened', item: 'passwords', lang: 'ru', count: 1 },
      { ...at, metric: 'quiz.attempt', item: 'passwords-quiz', count: 1 },
      { ...at, metric: 'quiz.score.80-100', item: 'passwords-quiz', count: 1 },
      { ...at, metric: 'lesson.opened', item: 'passwords', day: '2025-03-05', count: 1 },
    ]);
  });
});
