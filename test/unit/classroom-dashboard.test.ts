/** What the class dashboard computes from stored results, and that results outlive pack updates. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { QuizAttempt, ScenarioPlay } from '../../src/core/classroom/results';
import { importPack } from '../../src/core/pack/import';
import { parseQuiz } from '../../src/core/quiz/lint';
import { scoreQuiz, type QuizAnswer } from '../../src/core/quiz/score';
import { QorgauDb } from '../../src/renderer/data/database';
import { DexiePackStore } from '../../src/renderer/data/pack-store';
import { averageSkills, cellFor, questionStats, toCsv } from '../../src/core/classroom/dashboard';
import { packFolderFiles } from '../../src/node/pack-folder';

const quizFile = fileURLToPath(new URL('../../lessons/quizzes/strangers-online-quiz.yaml', import.meta.url));
const parsed = parseQuiz(readFileSync(quizFile, 'utf8'), 'quizzes/strangers-online-quiz.yaml', ['kk', 'ru', 'en'], new Set(['strangers-online']));
if (!parsed.quiz) throw new Error('the built-in quiz must be valid');
const QUIZ = parsed.quiz;

/** The right answer to every question, from the quiz file. */
function rightAnswers(): Record<string, QuizAnswer> {
  const out: Record<string, QuizAnswer> = {};
  for (const q of QUIZ.questions) {
    switch (q.kind) {
      case 'single':
        out[q.id] = { kind: 'single', option: q.options.find((o) => o.correct)?.id ?? '' };
        break;
      case 'multiple':
        out[q.id] = { kind: 'multiple', options: q.options.filter((o) => o.correct).map((o) => o.id) };
        break;
      case 'truefalse':
        out[q.id] = { kind: 'truefalse', value: q.answer };
        break;
      case 'order':
        out[q.id] = { kind: 'order', items: q.items.map((i) => i.id) };
        break;
      case 'match':
        out[q.id] = { kind: 'match', pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
        break;
    }
  }
  return out;
}

let n = 0;
function attempt(pupil: string, answers: Record<string, QuizAnswer>, finishedAt: string): QuizAttempt {
  const score = scoreQuiz(QUIZ, answers);
  return {
    id: `0000000000000000000000000${n++}`.slice(-26),
    pupil,
    class: '7B',
    quiz: 'qorgau-core/strangers-online-quiz',
    packVersion: '1.3.0',
    lang: 'en',
    answers,
    points: score.points,
    max: score.max,
    percent: score.percent,
    startedAt: finishedAt,
    finishedAt,
  };
}

describe('the class dashboard', () => {
  const all = rightAnswers();
  const first = QUIZ.questions[0];
  if (!first) throw new Error('empty quiz');
  const wrongFirst = { ...all };
  delete wrongFirst[first.id];

  it('questions are listed hardest first, from each pupil’s latest attempt', () => {
    const attempts = [
      attempt('7B-1', wrongFirst, '2026-11-01T10:00:00.000Z'),
      attempt('7B-1', all, '2026-11-02T10:00:00.000Z'),
      attempt('7B-2', wrongFirst, '2026-11-02T10:00:00.000Z'),
    ];
    const stats = questionStats(QUIZ, attempts, 'en');
    expect(stats[0]).toMatchObject({ id: first.id, number: 1, correct: 1, answered: 1, percent: 100 });
    // 7B-2 left question 1 unanswered: it counts only among those who answered.
    for (const s of stats.slice(1)) expect(s).toMatchObject({ correct: 2, answered: 2, percent: 100 });
    const harder = questionStats(QUIZ, [attempt('7B-3', { ...all, [first.id]: { kind: 'single', option: 'nope' } }, '2026-11-03T10:00:00.000Z')], 'en');
    expect(harder[0]).toMatchObject({ id: first.id, percent: 0 });
  });

  it('a quiz cell shows the best attempt and how many there were; a lesson cell its progress', () => {
    const a = { id: 'a', class: '7B', kind: 'quiz' as const, item: 'qorgau-core/strangers-online-quiz', order: 0, createdAt: 0 };
    const attempts = [attempt('7B-1', all, '2026-11-01T10:00:00.000Z'), attempt('7B-1', wrongFirst, '2026-11-02T10:00:00.000Z')];
    expect(cellFor(a, '7B-1', { lessons: [], attempts, scenarios: [] })).toEqual({ kind: 'quiz', percent: 100, attempts: 2 });
    expect(cellFor(a, '7B-2', { lessons: [], attempts, scenarios: [] })).toEqual({ kind: 'none' });
    const lesson = { ...a, kind: 'lesson' as const, item: 'qorgau-core/strangers-online' };
    const started = { pupil: '7B-1', lesson: lesson.item, startedAt: '2026-11-01T10:00:00.000Z' };
    expect(cellFor(lesson, '7B-1', { lessons: [started], attempts: [], scenarios: [] })).toEqual({ kind: 'started' });
    expect(cellFor(lesson, '7B-1', { lessons: [{ ...started, completedAt: started.startedAt }], attempts: [], scenarios: [] })).toEqual({ kind: 'completed' });
  });

  it('a scenario cell shows the outcome of the last finished play; skills are averaged over finished plays', () => {
    const a = { id: 's', class: '7B', kind: 'scenario' as const, item: 'qorgau-core/prize-sms', order: 0, createdAt: 0 };
    const play = (id: string, finishedAt: string | undefined, outcome: ScenarioPlay['outcome'], skills?: Record<string, number>): ScenarioPlay => ({
      id,
      pupil: '7B-1',
      scenario: a.item,
      lang: 'en',
      startedAt: '2026-11-01T09:00:00.000Z',
      decisions: 3,
      ...(finishedAt ? { finishedAt } : {}),
      ...(outcome ? { outcome } : {}),
      ...(skills ? { skills } : {}),
    });
    const plays = [play('p1', '2026-11-01T10:00:00.000Z', 'harmful', { help: -1, privacy: 2 }), play('p2', '2026-11-02T10:00:00.000Z', 'safe', { help: 2 }), play('p3', undefined, undefined)];
    expect(cellFor(a, '7B-1', { lessons: [], attempts: [], scenarios: plays })).toEqual({ kind: 'scenario', outcome: 'safe', finished: true });
    expect(averageSkills(plays)).toEqual([
      { skill: 'help', average: 0.5 },
      { skill: 'privacy', average: 2 },
    ]);
  });

  it('CSV quotes every field and disarms formulas', () => {
    expect(toCsv([['7B-1', '=HYPERLINK("x")', 'a "quote"', 42]])).toBe('\ufeff"7B-1","\'=HYPERLINK(""x"")","a ""quote""","42"\r\n');
  });
});

describe('results outlive pack updates', () => {
  it('a newer version of the pack leaves classes, pupils, attempts and progress as they were', async () => {
    const db = new QorgauDb('classroom-update-test', { indexedDB, IDBKeyRange });
    const store = new DexiePackStore(db);
    const good = fileURLToPath(new URL('../fixtures/packs/good-quizzes', import.meta.url));
    await importPack(await packFolderFiles(good), store);
    await db.classes.add({ code: '7B', name: '7B', grade: 7, language: 'en', updatedAt: '2026-11-01T10:00:00.000Z' });
    await db.pupils.add({ code: '7B-1', class: '7B' });
    await db.attempts.add(attempt('7B-1', rightAnswers(), '2026-11-01T10:00:00.000Z'));
    await db.lessonProgress.add({ pupil: '7B-1', lesson: 'x/y', startedAt: '2026-11-01T10:00:00.000Z' });
    const before = [await db.classes.toArray(), await db.pupils.toArray(), await db.attempts.toArray(), await db.lessonProgress.toArray()];
    // The same pack again (a repair), then a newer version of it.
    await importPack(await packFolderFiles(good), store);
    const newer = mkdtempSync(join(tmpdir(), 'qorgau-newer-'));
    cpSync(good, newer, { recursive: true });
    const yaml = join(newer, 'pack.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^version: .*$/m, 'version: 99.0.0'));
    await importPack(await packFolderFiles(newer), store);
    rmSync(newer, { recursive: true, force: true });
    expect((await db.packs.toArray()).map((p) => p.version)).toEqual(['99.0.0']);
    expect([await db.classes.toArray(), await db.pupils.toArray(), await db.attempts.toArray(), await db.lessonProgress.toArray()]).toEqual(before);
    expect(await db.quizzes.count()).toBeGreaterThan(0);
    db.close();
  });
});
