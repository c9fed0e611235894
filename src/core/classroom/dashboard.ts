import type { LessonProgress, QuizAttempt, ScenarioPlay } from './results';
import { csvLines } from '../base/csv';
import { scoreQuestion } from '../quiz/score';
import { quizText, type Quiz } from '../quiz/schema';
import type { Lang } from '../base/languages';
import type { Outcome } from '../scenario/schema';

/** Work given to a class: what kind, and which `packId/itemId`. */
export interface AssignedItem {
  kind: 'lesson' | 'scenario' | 'quiz';
  item: string;
}

/** What one pupil did with one assignment, as the dashboard shows it. */
export type Cell =
  | { kind: 'none' }
  | { kind: 'started' }
  | { kind: 'completed' }
  | { kind: 'quiz'; percent: number; attempts: number; passed?: boolean }
  | { kind: 'scenario'; outcome?: Outcome; finished: boolean };

export function cellFor(
  a: AssignedItem,
  pupil: string,
  data: { lessons: readonly LessonProgress[]; attempts: readonly QuizAttempt[]; scenarios: readonly ScenarioPlay[] },
): Cell {
  if (a.kind === 'lesson') {
    const p = data.lessons.find((l) => l.pupil === pupil && l.lesson === a.item);
    return !p ? { kind: 'none' } : p.completedAt ? { kind: 'completed' } : { kind: 'started' };
  }
  if (a.kind === 'quiz') {
    const mine = data.attempts.filter((x) => x.pupil === pupil && x.quiz === a.item);
    if (!mine.length) return { kind: 'none' };
    // The best attempt counts: pupils may try again after the feedback.
    const best = mine.reduce((b, x) => (x.percent > b.percent ? x : b));
    return best.passed === undefined ? { kind: 'quiz', percent: best.percent, attempts: mine.length } : { kind: 'quiz', percent: best.percent, attempts: mine.length, passed: best.passed };
  }
  const plays = data.scenarios.filter((s) => s.pupil === pupil && s.scenario === a.item);
  if (!plays.length) return { kind: 'none' };
  const finished = plays.filter((p) => p.finishedAt).sort((x, y) => (x.finishedAt ?? '').localeCompare(y.finishedAt ?? ''));
  const last = finished.at(-1);
  return last ? (last.outcome ? { kind: 'scenario', outcome: last.outcome, finished: true } : { kind: 'scenario', finished: true }) : { kind: 'scenario', finished: false };
}

/** How a class did on each question of a quiz: the share of pupils whose latest attempt got it right, hardest first. */
export function questionStats(quiz: Quiz, attempts: readonly QuizAttempt[], lang: Lang): { id: string; number: number; text: string; correct: number; answered: number; percent: number }[] {
  const latest = new Map<string, QuizAttempt>();
  for (const a of attempts) {
    const seen = latest.get(a.pupil);
    if (!seen || seen.finishedAt < a.finishedAt) latest.set(a.pupil, a);
  }
  return quiz.questions
    .map((q, i) => {
      let correct = 0;
      let answered = 0;
      for (const a of latest.values()) {
        const answer = a.answers[q.id];
        if (!answer) continue;
        answered++;
        if (scoreQuestion(q, answer).verdict === 'correct') correct++;
      }
      return { id: q.id, number: i + 1, text: quizText(q.text, lang), correct, answered, percent: answered ? Math.round((correct * 100) / answered) : 0 };
    })
    .sort((x, y) => x.percent - y.percent || x.number - y.number);
}

/** One line per pupil and assignment, for a spreadsheet, with a byte-order mark so spreadsheet programs read it as UTF-8. Every field is quoted (core's csvField). */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\ufeff${csvLines(rows.map((r) => r.map(String)))}`;
}

/** The class's average final score per skill over finished plays, to one decimal. */
export function averageSkills(plays: readonly ScenarioPlay[]): { skill: string; average: number }[] {
  const sums = new Map<string, { total: number; count: number }>();
  for (const p of plays) {
    for (const [skill, score] of Object.entries(p.skills ?? {})) {
      const s = sums.get(skill) ?? { total: 0, count: 0 };
      s.total += score;
      s.count++;
      sums.set(skill, s);
    }
  }
  return [...sums].map(([skill, s]) => ({ skill, average: Math.round((s.total / s.count) * 10) / 10 }));
}
