import type { Lang } from '../../../core/base/languages';
import type { Quiz } from '../../../core/quiz/schema';
import { startingOrder, type QuizAnswer, type QuizScore } from '../../../core/quiz/score';
import type { PackRow, QuizRow } from '../../data/database';
import { packs } from '../../app/data';

/** A quiz with the pack it came from: the page needs the pack's languages and version. */
export interface OpenQuiz {
  row: QuizRow;
  pack: PackRow;
}

export async function openQuiz(packId: string, quizId: string): Promise<OpenQuiz | null> {
  return packs.quiz(packId, quizId);
}

/** A checked attempt, as the quiz player hands it to its page. */
export interface QuizFinish {
  answers: Record<string, QuizAnswer>;
  score: QuizScore;
  startedAt: number;
  finishedAt: number;
}

/**
 * What the screen shows before the pupil touches anything: nothing picked,
 * and every ordering question's steps in their shuffled starting order, which
 * is already an answer (the order the pupil leaves is the one checked).
 */
export function startingAnswers(quiz: Quiz): Record<string, QuizAnswer> {
  const answers: Record<string, QuizAnswer> = {};
  for (const q of quiz.questions) {
    if (q.kind === 'order') answers[q.id] = { kind: 'order', items: startingOrder(quiz.id, q) };
  }
  return answers;
}

/**
 * Points as a pupil reads them: at most two decimals, rounded down so a score
 * never looks higher than it is, with a decimal comma in Kazakh and Russian.
 * Not Intl.NumberFormat: some Chromium builds have no Kazakh number data and
 * would print a decimal point.
 */
export function formatPoints(points: number, lang: Lang): string {
  const text = String(Math.floor(points * 100 + 1e-9) / 100);
  return lang === 'en' ? text : text.replace('.', ',');
}

/**
 * An id for an element of a question, unique on the page: question and part
 * ids are kebab-case, so `--` separates them and a fixed name starts with `_`.
 */
export function partDomId(questionId: string, ...parts: string[]): string {
  return ['quiz', questionId, ...parts].join('--');
}
