import type { Lang } from '../../../core/base/languages';
import { quizText } from '../../../core/quiz/schema';
import { textIn } from '../../../core/scenario/schema';
import { itemKey } from '../../data/database';
import { packs } from '../../app/data';
import type { PlanLesson } from '../../../core/classroom/plan';

/** Something a teacher can assign: a lesson, a scenario or a quiz, with its title in the class's language. */
export interface Assignable {
  kind: 'lesson' | 'scenario' | 'quiz';
  item: string;
  title: string;
  packId: string;
  id: string;
}

export async function assignables(lang: Lang): Promise<Assignable[]> {
  const [lessons, scenarios, quizzes] = await Promise.all([packs.lessonsIn(lang), packs.scenarios(), packs.quizzes()]);
  return [
    ...lessons.sort((a, b) => a.order - b.order).map((l) => ({ kind: 'lesson' as const, item: itemKey(l.packId, l.lessonId), title: l.title, packId: l.packId, id: l.lessonId })),
    ...scenarios.map(({ row: s }) => ({ kind: 'scenario' as const, item: s.key, title: textIn(s.scenario.title, lang) || s.scenarioId, packId: s.packId, id: s.scenarioId })),
    ...quizzes.map((q) => ({ kind: 'quiz' as const, item: q.key, title: quizText(q.quiz.title, lang) || q.quizId, packId: q.packId, id: q.quizId })),
  ];
}

/** The lessons the suggested year plan is made from, with their quizzes. */
export async function planLessons(lang: Lang): Promise<PlanLesson[]> {
  const [lessons, quizzes] = await Promise.all([packs.lessonsIn(lang), packs.quizzes()]);
  return lessons.map((l) => ({
    item: itemKey(l.packId, l.lessonId),
    ageBands: l.ageBands,
    order: l.order,
    quizzes: quizzes.filter((q) => q.packId === l.packId && q.lesson === l.lessonId).map((q) => q.key),
  }));
}
