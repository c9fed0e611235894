/**
 * The built-in pack's quizzes: one for every lesson, 5 to 8 questions of
 * mixed kinds, in kk, ru and en, and answerable: the right answers score
 * 100 %, and a pupil always sees feedback on what they picked.
 */
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/core/pack/load';
import { quizzesOfLesson } from '../../src/core/quiz/lint';
import { QUIZ_KINDS, quizTextFields, type QuizQuestion } from '../../src/core/quiz/schema';
import { rightColumn, scoreQuiz, startingOrder, type QuizAnswer } from '../../src/core/quiz/score';
import { packFolderFiles } from '../../src/node/pack-folder';

const pack = await loadPack(await packFolderFiles('lessons'));
const lessonIds = [...new Set(pack.lessons.map((l) => l.lessonId))];

/** The answer a pupil who knows everything gives. */
function rightAnswer(q: QuizQuestion): QuizAnswer {
  switch (q.kind) {
    case 'single':
      return { kind: 'single', option: q.options.find((o) => o.correct)?.id ?? '' };
    case 'multiple':
      return { kind: 'multiple', options: q.options.filter((o) => o.correct).map((o) => o.id) };
    case 'truefalse':
      return { kind: 'truefalse', value: q.answer };
    case 'order':
      return { kind: 'order', items: q.items.map((i) => i.id) };
    case 'match':
      return { kind: 'match', pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
  }
}

/** The answer of a pupil who leaves everything as the screen shows it first, or picks the first option. */
function untouchedAnswer(quizId: string, q: QuizQuestion): QuizAnswer {
  switch (q.kind) {
    case 'single':
      return { kind: 'single', option: q.options[0]?.id ?? '' };
    case 'multiple':
      return { kind: 'multiple', options: q.options.map((o) => o.id) };
    case 'truefalse':
      return { kind: 'truefalse', value: !q.answer };
    case 'order':
      return { kind: 'order', items: startingOrder(quizId, q) };
    case 'match': {
      const column = rightColumn(quizId, q);
      return { kind: 'match', pairs: Object.fromEntries(q.pairs.map((p, i) => [p.id, column[i] as string])) };
    }
  }
}

const lessonQuizzes = pack.quizzes.filter((q) => q.quiz.purpose !== 'check');
const checks = pack.quizzes.filter((q) => q.quiz.purpose === 'check');

describe('the built-in quizzes', () => {
  it('every lesson has one quiz, in kk, ru and en, with a pass mark', () => {
    expect(lessonIds.length).toBeGreaterThanOrEqual(13);
    for (const lessonId of lessonIds) {
      const quizzes = quizzesOfLesson(pack.quizzes, lessonId, 'kk');
      expect(quizzes.map((q) => q.quizId), lessonId).toEqual([`${lessonId}-quiz`]);
      const quiz = quizzes[0]?.quiz;
      expect(quiz?.passMark).toBe(60);
      for (const { path, text } of quizTextFields(quiz as never)) expect(Object.keys(text).sort(), path.join('.')).toEqual(['en', 'kk', 'ru']);
    }
  });

  it('each asks 5 to 8 questions, of at least four kinds from grade 5 up and of two in lessons for grades 1–4 (read aloud: true or false, one answer); together they use every kind', () => {
    for (const { quizId, quiz } of lessonQuizzes) {
      const bands = pack.lessons.find((l) => l.lessonId === quiz.lesson)?.meta.ageBands ?? [];
      const youngest = bands.includes('6-9');
      const kinds = new Set(quiz.questions.map((q) => q.kind));
      expect(quiz.questions.length, quizId).toBeGreaterThanOrEqual(5);
      expect(quiz.questions.length, quizId).toBeLessThanOrEqual(youngest ? 6 : 8);
      if (youngest) expect([...kinds].sort(), quizId).toEqual(['single', 'truefalse']);
      else expect(kinds.size, quizId).toBeGreaterThanOrEqual(4);
    }
    expect(new Set(pack.quizzes.flatMap((q) => q.quiz.questions.map((x) => x.kind)))).toEqual(new Set(QUIZ_KINDS));
  });

  it('the right answers score 100 %, with feedback on each option picked; leaving everything as first shown does not pass', () => {
    for (const { quizId, quiz } of lessonQuizzes) {
      const right = scoreQuiz(quiz, Object.fromEntries(quiz.questions.map((q) => [q.id, rightAnswer(q)])));
      expect([right.percent, right.passed], quizId).toEqual([100, true]);
      for (const [i, q] of quiz.questions.entries()) {
        if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'truefalse') expect(right.questions[i]?.feedback.length, `${quizId} ${q.id}`).toBeGreaterThan(0);
      }
      const untouched = scoreQuiz(quiz, Object.fromEntries(quiz.questions.map((q) => [q.id, untouchedAnswer(quizId, q)])));
      expect(untouched.passed, quizId).toBe(false);
    }
  });

  it('the right option is not always in the same place', () => {
    const places = pack.quizzes.flatMap(({ quiz }) => quiz.questions.flatMap((q) => (q.kind === 'single' ? [q.options.findIndex((o) => o.correct)] : [])));
    expect(places.length).toBeGreaterThanOrEqual(8);
    for (const place of [0, 1, 2]) expect(places.filter((p) => p === place).length, `right option at ${place + 1}`).toBeLessThanOrEqual(places.length / 2);
  });

  it('the three languages are really three: no text is left in another language', () => {
    for (const { quizId, quiz } of pack.quizzes) {
      for (const { path, text } of quizTextFields(quiz)) {
        const at = `${quizId} ${path.join('.')}`;
        if ((text.kk ?? '').length > 12) expect(text.kk, at).not.toBe(text.ru);
        expect(text.en, at).not.toMatch(/[\u0400-\u04ff]/);
        expect(text.ru, at).not.toMatch(/[әғқңөұүһі]/i);
      }
      const kk = quizTextFields(quiz).map((f) => f.text.kk ?? '').join(' ').toLowerCase();
      const cyrillic = [...kk].filter((c) => c >= '\u0400' && c <= '\u04ff');
      const kazakh = cyrillic.filter((c) => 'әғқңөұүһі'.includes(c));
      expect(kazakh.length / cyrillic.length, quizId).toBeGreaterThan(0.08);
    }
  });
});

describe('the built-in before-and-after checks', () => {
  it('one per age band, 5 situations for ages 6–9 and 6 above, each on another topic its band’s lessons teach, with one safe option and feedback on every option', () => {
    expect(checks.map((c) => c.quizId).sort()).toEqual(['check-10-12', 'check-13-15', 'check-16-18', 'check-6-9']);
    for (const { quizId, quiz } of checks) {
      const band = quizId.replace('check-', '');
      expect(quiz.lesson, quizId).toBeUndefined();
      expect(quiz.questions.length, quizId).toBe(band === '6-9' ? 5 : 6);
      const taught = new Set(pack.lessons.filter((l) => (l.meta.ageBands as string[]).includes(band)).map((l) => l.meta.topic as string));
      const topics = quiz.questions.map((q) => (q.kind === 'single' ? q.topic : undefined));
      expect(new Set(topics).size, `${quizId}: one topic per situation`).toBe(topics.length);
      for (const q of quiz.questions) {
        if (q.kind !== 'single') throw new Error(`${quizId}/${q.id} is not single`);
        expect(q.topic && taught.has(q.topic), `${quizId}/${q.id}: ${q.topic} is taught to ${band}`).toBe(true);
        expect(q.options.filter((o) => o.correct), `${quizId}/${q.id}`).toHaveLength(1);
        for (const o of q.options) for (const lang of pack.meta.languages) expect(o.feedback[lang], `${quizId}/${q.id}/${o.id} ${lang}`).toBeTruthy();
      }
    }
  });
});
