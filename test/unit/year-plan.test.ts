/** The suggested year plan: the band's lessons in the pack's order, at the teacher's pace, each with its quiz. */
import { describe, expect, it } from 'vitest';
import { bandOfGrade, PLAN_WEEKS, yearPlan, type PlanLesson } from '../../src/core/classroom/plan';

const lesson = (id: string, order: number, bands: PlanLesson['ageBands'], quiz = true): PlanLesson => ({ item: `p/${id}`, order, ageBands: bands, quizzes: quiz ? [`p/${id}-quiz`] : [] });
const LESSONS = [lesson('b', 20, ['10-12', '13-15']), lesson('a', 10, ['10-12']), lesson('senior', 5, ['16-18']), lesson('c', 30, ['10-12'], false)];

describe('the suggested year plan', () => {
  it('maps grades to age bands', () => {
    expect([1, 4, 5, 6, 7, 9, 10, 11, 0, 13].map(bandOfGrade)).toEqual(['6-9', '6-9', '10-12', '10-12', '13-15', '13-15', '16-18', '16-18', undefined, undefined]);
  });

  it('one lesson a week in the pack’s order, each with its quiz in the same week, for the class’s band only', () => {
    expect(yearPlan(LESSONS, '10-12', 'weekly')).toEqual([
      { kind: 'lesson', item: 'p/a', week: 1 },
      { kind: 'quiz', item: 'p/a-quiz', week: 1 },
      { kind: 'lesson', item: 'p/b', week: 2 },
      { kind: 'quiz', item: 'p/b-quiz', week: 2 },
      { kind: 'lesson', item: 'p/c', week: 3 },
    ]);
  });

  it('one lesson every two weeks, leaving out what the class already has', () => {
    expect(yearPlan(LESSONS, '10-12', 'fortnightly', new Set(['p/a', 'p/b-quiz']))).toEqual([
      { kind: 'quiz', item: 'p/a-quiz', week: 1 },
      { kind: 'lesson', item: 'p/b', week: 3 },
      { kind: 'lesson', item: 'p/c', week: 5 },
    ]);
  });

  it('never plans past the school year', () => {
    const many = Array.from({ length: 40 }, (_, i) => lesson(`l${i}`, i, ['13-15'], false));
    const plan = yearPlan(many, '13-15', 'fortnightly');
    expect(plan).toHaveLength(Math.ceil(PLAN_WEEKS / 2));
    expect(Math.max(...plan.map((p) => p.week))).toBeLessThanOrEqual(PLAN_WEEKS);
  });
});
