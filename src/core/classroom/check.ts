import type { Topic } from '../base/vocabulary';
import type { QuizAnswer } from '../quiz/score';
import type { Quiz } from '../quiz/schema';
import type { QuizAttempt } from './results';

/**
 * What a class learned (docs/classroom.md, "Before and after"): a check
 * (`purpose: check`) is taken before a course and again after it. A pupil's
 * first attempt is their "before"; their latest later attempt, if any, their
 * "after". Per topic, the share of answers that chose the safe action, before
 * and after: counts of a class, never anything about one pupil.
 */

export interface Share {
  /** Answers that chose the safe action. */
  safe: number;
  /** Answers given. */
  answers: number;
}

export interface TopicShift {
  topic: Topic;
  before: Share;
  after: Share;
}

/** Before and after per topic, in the order the check asks its topics; `attempts` are this check's, of one class. */
export function checkShifts(quiz: Quiz, attempts: readonly QuizAttempt[]): TopicShift[] {
  const byPupil = new Map<string, QuizAttempt[]>();
  for (const a of attempts) byPupil.set(a.pupil, [...(byPupil.get(a.pupil) ?? []), a]);
  const phases: { before: QuizAttempt[]; after: QuizAttempt[] } = { before: [], after: [] };
  for (const list of byPupil.values()) {
    const sorted = [...list].sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : a.id < b.id ? -1 : 1));
    const first = sorted[0];
    const last = sorted.at(-1);
    if (first) phases.before.push(first);
    if (last && sorted.length > 1) phases.after.push(last);
  }
  const shifts = new Map<Topic, TopicShift>();
  for (const q of quiz.questions) {
    if (q.kind !== 'single' || !q.topic) continue;
    const safeOption = q.options.find((o) => o.correct)?.id;
    const shift = shifts.get(q.topic) ?? { topic: q.topic, before: { safe: 0, answers: 0 }, after: { safe: 0, answers: 0 } };
    for (const phase of ['before', 'after'] as const) {
      for (const attempt of phases[phase]) {
        const answer: QuizAnswer | undefined = attempt.answers[q.id];
        if (answer?.kind !== 'single') continue;
        shift[phase].answers++;
        if (answer.option === safeOption) shift[phase].safe++;
      }
    }
    shifts.set(q.topic, shift);
  }
  return [...shifts.values()];
}

/** A share as a whole percent, or undefined when nobody answered. */
export function percentOf(share: Share): number | undefined {
  return share.answers ? Math.round((100 * share.safe) / share.answers) : undefined;
}

/**
 * What one finished attempt of a check adds to the usage statistics: per
 * question with a topic, the item `<checkId>-<topic>` and whether the safe
 * action was chosen. Unanswered questions add nothing; nor does a check whose
 * item names would not fit the statistics' IDs.
 */
export function checkAnswers(quiz: Quiz, answers: Readonly<Record<string, QuizAnswer>>): { item: string; safe: boolean }[] {
  if (quiz.purpose !== 'check') return [];
  return quiz.questions.flatMap((q) => {
    if (q.kind !== 'single' || !q.topic) return [];
    const answer = answers[q.id];
    const item = `${quiz.id}-${q.topic}`;
    if (answer?.kind !== 'single' || item.length > 64) return [];
    return [{ item, safe: answer.option === q.options.find((o) => o.correct)?.id }];
  });
}
