import { seededShuffle } from '../base/random';
import type { LocalText, QuestionOf, Quiz, QuizQuestion } from './schema';

/**
 * Scoring a pupil's answers (docs/quiz-format.md, "Scoring"). Every question
 * is worth one point; multiple-answer, ordering and matching questions give
 * part of the point for a partly right answer:
 *
 * - single, truefalse: 1 or 0.
 * - multiple: each right option ticked earns 1/R (R = right options), each
 *   wrong option ticked takes away 1/W (W = wrong options); never below 0.
 *   Ticking everything, or nothing, scores 0.
 * - order: 1 − moves/(n − 1), where moves is the fewest steps that must be
 *   taken out and put back elsewhere to get the right order (n minus the
 *   longest run of steps already in the right order relative to each other).
 *   The right order scores 1; the reversed order scores 0.
 * - match: the share of pairs matched right.
 *
 * A question with a full point is `correct`, with none `wrong`, with part of
 * it `partly`; a question with no answer is `unanswered` and scores 0.
 */

/** What a pupil answered, per kind. Stored with an attempt; IDs are the quiz file's stable IDs. */
export type QuizAnswer =
  | { kind: 'single'; option: string }
  | { kind: 'multiple'; options: string[] }
  | { kind: 'truefalse'; value: boolean }
  /** Item IDs in the order the pupil put them. */
  | { kind: 'order'; items: string[] }
  /** For each pair ID on the left, the pair ID whose right-hand side the pupil put next to it. */
  | { kind: 'match'; pairs: Record<string, string> };

export type Verdict = 'correct' | 'partly' | 'wrong' | 'unanswered';

/**
 * How the pupil handled one option, step or pair, for marking it on screen:
 * `right` picked and right (a step left in place, a pair matched right);
 * `wrong` picked but wrong (a step that must move, a pair matched wrongly);
 * `missed` right but not picked (a pair left unmatched); `none` neither picked nor right.
 */
export type PartVerdict = 'right' | 'wrong' | 'missed' | 'none';

export interface PartResult {
  /** Option, item or pair ID; `true` and `false` for a true/false question. */
  id: string;
  verdict: PartVerdict;
}

export interface FeedbackShown {
  id: string;
  verdict: PartVerdict;
  text: LocalText;
}

export interface QuestionScore {
  questionId: string;
  verdict: Verdict;
  /** 0 to 1. */
  points: number;
  /** Every option, step or pair in file order (true/false: `true`, then `false`), marked. */
  parts: PartResult[];
  /**
   * The feedback to show after answering, in file order: single, multiple and
   * true/false show the feedback of what the pupil picked; order shows it for
   * the steps that must move, match for the pairs matched wrongly or not at
   * all. Nothing for an unanswered question.
   */
  feedback: FeedbackShown[];
  /** The question's explanation, shown whatever the answer. */
  explanation?: LocalText;
}

export interface QuizScore {
  questions: QuestionScore[];
  /** Sum of the questions' points. */
  points: number;
  /** One point per question. */
  max: number;
  /** Whole percent, rounded down, so 59.9 % never shows as 60 % and a pass. */
  percent: number;
  /** Only when the quiz has a pass mark: percent ≥ passMark. */
  passed?: boolean;
  counts: Record<Verdict, number>;
}

const EPSILON = 1e-9;

/** True when an answer can be checked: something picked, every step placed, every left matched. */
export function isComplete(q: QuizQuestion, a: QuizAnswer | undefined): boolean {
  if (!a || a.kind !== q.kind) return false;
  switch (a.kind) {
    case 'single':
      return (q as QuestionOf<'single'>).options.some((o) => o.id === a.option);
    case 'multiple':
      return a.options.length > 0;
    case 'truefalse':
      return true;
    case 'order': {
      const ids = new Set(a.items);
      return ids.size === a.items.length && (q as QuestionOf<'order'>).items.every((i) => ids.has(i.id));
    }
    case 'match':
      return (q as QuestionOf<'match'>).pairs.every((p) => a.pairs[p.id] !== undefined);
  }
}

/** Scores one question. An answer of another kind, or an empty one, counts as no answer. */
export function scoreQuestion(q: QuizQuestion, answer: QuizAnswer | undefined): QuestionScore {
  const a = answer && answer.kind === q.kind && !isEmpty(answer) ? answer : undefined;
  const base = { questionId: q.id, ...(q.explanation ? { explanation: q.explanation } : {}) };
  const result = (points: number, parts: PartResult[], feedback: FeedbackShown[]): QuestionScore => ({
    ...base,
    verdict: a === undefined ? 'unanswered' : points >= 1 - EPSILON ? 'correct' : points <= EPSILON ? 'wrong' : 'partly',
    points: a === undefined ? 0 : Math.min(1, Math.max(0, points)),
    parts,
    feedback: a === undefined ? [] : feedback,
  });

  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const picked = new Set(a?.kind === 'single' ? [a.option] : a?.kind === 'multiple' ? a.options : []);
      const parts = q.options.map((o) => ({ id: o.id, verdict: partOf(picked.has(o.id), o.correct === true) }));
      const feedback = q.options.filter((o) => picked.has(o.id)).map((o) => ({ id: o.id, verdict: partOf(true, o.correct === true), text: o.feedback }));
      const right = q.options.filter((o) => o.correct === true);
      const wrong = q.options.filter((o) => o.correct !== true);
      const rightPicked = right.filter((o) => picked.has(o.id)).length;
      const wrongPicked = wrong.filter((o) => picked.has(o.id)).length;
      const points =
        q.kind === 'single'
          ? rightPicked === 1 && wrongPicked === 0 ? 1 : 0
          : (right.length ? rightPicked / right.length : 0) - (wrong.length ? wrongPicked / wrong.length : 0);
      return result(points, parts, feedback);
    }
    case 'truefalse': {
      const value = a?.kind === 'truefalse' ? a.value : undefined;
      const parts = [true, false].map((v) => ({ id: String(v), verdict: partOf(value === v, q.answer === v) }));
      const feedback = value === undefined ? [] : [{ id: String(value), verdict: partOf(true, q.answer === value), text: value ? q.ifTrue : q.ifFalse }];
      return result(value === q.answer ? 1 : 0, parts, feedback);
    }
    case 'order': {
      const keep = keptInOrder(q.items.map((i) => i.id), a?.kind === 'order' ? a.items : []);
      const n = q.items.length;
      const parts = q.items.map((i) => ({ id: i.id, verdict: (a === undefined ? 'missed' : keep.has(i.id) ? 'right' : 'wrong') as PartVerdict }));
      const feedback = q.items.flatMap((i) => (!keep.has(i.id) && i.feedback ? [{ id: i.id, verdict: 'wrong' as const, text: i.feedback }] : []));
      return result(1 - (n - keep.size) / (n - 1), parts, feedback);
    }
    case 'match': {
      const chosen = a?.kind === 'match' ? a.pairs : {};
      const verdictOf = (id: string): PartVerdict => (chosen[id] === undefined ? 'missed' : chosen[id] === id ? 'right' : 'wrong');
      const parts = q.pairs.map((p) => ({ id: p.id, verdict: verdictOf(p.id) }));
      const feedback = q.pairs.flatMap((p) => (verdictOf(p.id) !== 'right' && p.feedback ? [{ id: p.id, verdict: verdictOf(p.id), text: p.feedback }] : []));
      return result(parts.filter((p) => p.verdict === 'right').length / q.pairs.length, parts, feedback);
    }
  }
}

/** Scores a whole quiz. `answers` are keyed by question ID; questions without an answer score 0. */
export function scoreQuiz(quiz: Quiz, answers: Readonly<Record<string, QuizAnswer>>): QuizScore {
  const questions = quiz.questions.map((q) => scoreQuestion(q, Object.hasOwn(answers, q.id) ? answers[q.id] : undefined));
  const points = questions.reduce((sum, q) => sum + q.points, 0);
  const max = questions.length;
  const percent = Math.floor((100 * points) / max + EPSILON);
  const counts: Record<Verdict, number> = { correct: 0, partly: 0, wrong: 0, unanswered: 0 };
  for (const q of questions) counts[q.verdict]++;
  return { questions, points, max, percent, ...(quiz.passMark === undefined ? {} : { passed: percent >= quiz.passMark }), counts };
}

/** The order a step question starts in on screen: shuffled, fixed by the quiz and question IDs, never already right. */
export function startingOrder(quizId: string, q: QuestionOf<'order'>): string[] {
  return seededShuffle(q.items.length, `${quizId}#${q.id}`).map((i) => (q.items[i] as { id: string }).id);
}

/** The order of the right-hand column of a matching question: shuffled like startingOrder. */
export function rightColumn(quizId: string, q: QuestionOf<'match'>): string[] {
  return seededShuffle(q.pairs.length, `${quizId}#${q.id}`).map((i) => (q.pairs[i] as { id: string }).id);
}

function partOf(picked: boolean, right: boolean): PartVerdict {
  return picked ? (right ? 'right' : 'wrong') : right ? 'missed' : 'none';
}

function isEmpty(a: QuizAnswer): boolean {
  return (a.kind === 'multiple' && a.options.length === 0) || (a.kind === 'order' && a.items.length === 0) || (a.kind === 'match' && Object.keys(a.pairs).length === 0);
}

/**
 * The steps that stay where they are when the pupil's order is fixed with
 * the fewest moves: a longest run of the pupil's steps that is in the right
 * order relative to each other. Unknown and repeated IDs are ignored; ties go
 * to the run that keeps the earliest steps, so the result is always the same.
 */
export function keptInOrder(right: readonly string[], pupil: readonly string[]): Set<string> {
  const rank = new Map(right.map((id, i) => [id, i]));
  const seen = new Set<string>();
  const seq: number[] = [];
  for (const id of pupil) {
    const r = rank.get(id);
    if (r === undefined || seen.has(id)) continue;
    seen.add(id);
    seq.push(r);
  }
  // Longest increasing subsequence, O(n²): n is at most 8.
  const length = seq.map(() => 1);
  const previous = seq.map(() => -1);
  let best = -1;
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) {
      if ((seq[j] as number) < (seq[i] as number) && (length[j] as number) + 1 > (length[i] as number)) {
        length[i] = (length[j] as number) + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || (length[i] as number) > (length[best] as number)) best = i;
  }
  const kept = new Set<string>();
  for (let i = best; i !== -1; i = previous[i] as number) kept.add(right[seq[i] as number] as string);
  return kept;
}
