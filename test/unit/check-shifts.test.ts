/** Before and after a course: per topic, the share of a class's answers that chose the safe action. */
import { describe, expect, it } from 'vitest';
import { checkShifts, percentOf } from '../../src/core/classroom/check';
import type { QuizAttempt } from '../../src/core/classroom/results';
import type { Quiz } from '../../src/core/quiz/schema';

const option = (id: string, correct = false) => ({ id, text: { en: id }, feedback: { en: id }, ...(correct ? { correct: true } : {}) });
const CHECK: Quiz = {
  id: 'check-13-15',
  purpose: 'check',
  title: { en: 'Check' },
  questions: [
    { id: 'code', kind: 'single', topic: 'scams', text: { en: 'A courier asks for the code' }, options: [option('tell'), option('hang-up', true), option('ask-friend')] },
    { id: 'pile-on', kind: 'single', topic: 'cyberbullying', text: { en: 'A pile-on' }, options: [option('join'), option('support', true)] },
  ],
};
let n = 0;
const attempt = (pupil: string, finishedAt: string, code: string, pileOn: string): QuizAttempt => ({
  id: `a${String(++n).padStart(25, '0')}`,
  pupil,
  class: '7B',
  quiz: 'p/check-13-15',
  packVersion: '1.0.0',
  lang: 'en',
  answers: { code: { kind: 'single', option: code }, 'pile-on': { kind: 'single', option: pileOn } },
  points: 0,
  max: 2,
  percent: 0,
  startedAt: finishedAt,
  finishedAt,
});

describe('before and after', () => {
  it('takes each pupil’s first attempt as before and their latest later one as after', () => {
    const attempts = [
      attempt('7B-1', '2026-09-02T09:00:00.000Z', 'tell', 'join'),
      attempt('7B-1', '2026-12-01T09:00:00.000Z', 'ask-friend', 'support'),
      attempt('7B-1', '2026-12-02T09:00:00.000Z', 'hang-up', 'support'),
      attempt('7B-2', '2026-09-02T09:05:00.000Z', 'hang-up', 'join'),
      attempt('7B-2', '2026-12-01T09:05:00.000Z', 'hang-up', 'support'),
      // Took it once only: counts before, not after.
      attempt('7B-3', '2026-09-02T09:10:00.000Z', 'tell', 'support'),
    ];
    expect(checkShifts(CHECK, attempts.reverse())).toEqual([
      { topic: 'scams', before: { safe: 1, answers: 3 }, after: { safe: 2, answers: 2 } },
      { topic: 'cyberbullying', before: { safe: 1, answers: 3 }, after: { safe: 2, answers: 2 } },
    ]);
  });

  it('a share is a whole percent, and nothing when nobody answered', () => {
    expect(percentOf({ safe: 1, answers: 3 })).toBe(33);
    expect(percentOf({ safe: 0, answers: 0 })).toBeUndefined();
  });
});

describe('what a check adds to the usage statistics', () => {
  it('per answered question: the check and topic as the item, and whether the safe action was chosen; nothing about the pupil', async () => {
    const { checkAnswers } = await import('../../src/core/classroom/check');
    expect(checkAnswers(CHECK, { code: { kind: 'single', option: 'hang-up' }, 'pile-on': { kind: 'single', option: 'join' } })).toEqual([
      { item: 'check-13-15-scams', safe: true },
      { item: 'check-13-15-cyberbullying', safe: false },
    ]);
    expect(checkAnswers(CHECK, {})).toEqual([]);
    expect(checkAnswers({ ...CHECK, purpose: 'quiz' }, { code: { kind: 'single', option: 'hang-up' } })).toEqual([]);
  });
});
