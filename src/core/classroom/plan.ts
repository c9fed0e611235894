import type { AgeBand } from '../base/vocabulary';

/**
 * The suggested year plan (docs/classroom.md, "A year plan"): the lessons of
 * the class's age band in the pack's own order, one a week or one every two
 * weeks, each with its quiz in the same week. A starting point the teacher
 * edits: what the class already has is left as it is and not added again.
 */

export type Pace = 'weekly' | 'fortnightly';

/** The age band of a grade: 1–4 → 6–9, 5–6 → 10–12, 7–9 → 13–15, 10–12 → 16–18. */
export function bandOfGrade(grade: number): AgeBand | undefined {
  if (grade >= 1 && grade <= 4) return '6-9';
  if (grade <= 6 && grade >= 5) return '10-12';
  if (grade >= 7 && grade <= 9) return '13-15';
  if (grade >= 10 && grade <= 12) return '16-18';
  return undefined;
}

/** A lesson as the plan needs it: its key, ages, place in the pack's order, and its quizzes' keys. */
export interface PlanLesson {
  item: string;
  ageBands: readonly AgeBand[];
  order: number;
  quizzes: readonly string[];
}

export interface PlannedItem {
  kind: 'lesson' | 'quiz';
  item: string;
  week: number;
}

/** Term weeks the plan may use (a school year in Kazakhstan has about 34 weeks of lessons). */
export const PLAN_WEEKS = 34;

/**
 * The plan for a band at a pace, without what is already assigned
 * (`assigned`: keys of items the class has). Weeks count from `firstWeek`;
 * lessons that would fall after the last week of the year are left out.
 */
export function yearPlan(lessons: readonly PlanLesson[], band: AgeBand, pace: Pace, assigned: ReadonlySet<string> = new Set(), firstWeek = 1): PlannedItem[] {
  const step = pace === 'weekly' ? 1 : 2;
  const ofBand = lessons.filter((l) => l.ageBands.includes(band)).sort((a, b) => a.order - b.order || (a.item < b.item ? -1 : 1));
  const out: PlannedItem[] = [];
  ofBand.forEach((lesson, i) => {
    const week = firstWeek + i * step;
    if (week > PLAN_WEEKS) return;
    if (!assigned.has(lesson.item)) out.push({ kind: 'lesson', item: lesson.item, week });
    for (const quiz of lesson.quizzes) if (!assigned.has(quiz)) out.push({ kind: 'quiz', item: quiz, week });
  });
  return out;
}
