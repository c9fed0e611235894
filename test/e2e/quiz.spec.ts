/**
 * Quizzes as pupils take them: every built-in quiz opened from its lesson,
 * answered right (100 %, every question correct) and then wrong on purpose
 * (the feedback written for what was picked, verdicts and the total as the
 * app's scoring computes them), by mouse and by keyboard alone, with axe
 * before and after checking. Expectations come from the quiz files in
 * lessons/quizzes, read and scored with the app's own core.
 */
import type { Locator, Page } from '@playwright/test';
import { quizText, type Quiz, type QuizQuestion } from '../../src/core/quiz/schema';
import { isComplete, rightColumn, scoreQuiz, startingOrder, type PartVerdict, type QuizAnswer } from '../../src/core/quiz/score';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { BUILTIN_PACK_ID, BUILTIN_QUIZ_IDS, builtinLesson, builtinQuiz, cardLink, dbRows, LANGS, tabTo, tr, type Lang } from './support';

// One language per quiz, so the four quizzes cover kk, ru and en.
// In full, with the mouse and axe: the first four quizzes, a quiz for the youngest and one for seniors,
// together every kind of question in every language. Every quiz opens in every language in curriculum.spec.ts.
const PLAYS = [
  { id: 'cyberbullying-bystander-quiz', lang: 'kk' },
  { id: 'privacy-personal-data-quiz', lang: 'ru' },
  { id: 'screen-time-balance-quiz', lang: 'en' },
  { id: 'strangers-online-quiz', lang: 'kk' },
  { id: 'kind-words-primary-quiz', lang: 'ru' },
  { id: 'my-images-consent-quiz', lang: 'en' },
] as const satisfies readonly { id: string; lang: Lang }[];

/** Points as the app prints them: two decimals at most, rounded down, a decimal comma in kk and ru. */
function points(value: number, lang: Lang): string {
  const text = String(Math.floor(value * 100 + 1e-9) / 100);
  return lang === 'en' ? text : text.replace('.', ',');
}

/** The answers of a pupil who knows everything. */
function rightAnswers(quiz: Quiz): Record<string, QuizAnswer> {
  const answers: Record<string, QuizAnswer> = {};
  for (const q of quiz.questions) {
    switch (q.kind) {
      case 'single':
        answers[q.id] = { kind: 'single', option: q.options.find((o) => o.correct)?.id ?? '' };
        break;
      case 'multiple':
        answers[q.id] = { kind: 'multiple', options: q.options.filter((o) => o.correct).map((o) => o.id) };
        break;
      case 'truefalse':
        answers[q.id] = { kind: 'truefalse', value: q.answer };
        break;
      case 'order':
        answers[q.id] = { kind: 'order', items: q.items.map((i) => i.id) };
        break;
      case 'match':
        answers[q.id] = { kind: 'match', pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
        break;
    }
  }
  return answers;
}

/**
 * Wrong on purpose: a wrong option, one right and one wrong tick, the other
 * truth value, the steps left as they start, every pair but the last matched
 * wrongly (the last left open), and the last true/false or single question
 * not answered at all.
 */
function wrongAnswers(quiz: Quiz): Record<string, QuizAnswer> {
  const skipped = [...quiz.questions].reverse().find((q) => q.kind === 'truefalse' || q.kind === 'single')?.id;
  const answers: Record<string, QuizAnswer> = {};
  for (const q of quiz.questions) {
    if (q.id === skipped) continue;
    switch (q.kind) {
      case 'single':
        answers[q.id] = { kind: 'single', option: q.options.find((o) => !o.correct)?.id ?? '' };
        break;
      case 'multiple': {
        const right = q.options.find((o) => o.correct);
        const wrong = q.options.find((o) => !o.correct);
        answers[q.id] = { kind: 'multiple', options: q.options.filter((o) => o === right || o === wrong).map((o) => o.id) };
        break;
      }
      case 'truefalse':
        answers[q.id] = { kind: 'truefalse', value: !q.answer };
        break;
      case 'order':
        answers[q.id] = { kind: 'order', items: startingOrder(quiz.id, q) };
        break;
      case 'match':
        answers[q.id] = {
          kind: 'match',
          pairs: Object.fromEntries(q.pairs.slice(0, -1).map((p, i) => [p.id, (q.pairs[(i + 1) % q.pairs.length] as { id: string }).id])),
        };
        break;
    }
  }
  return answers;
}

/** A question: a radio group while a single or true/false question is answered, a group otherwise. */
const question = (page: Page, q: QuizQuestion, lang: Lang): Locator =>
  page.getByRole('main').getByRole('radiogroup', { name: quizText(q.text, lang) }).or(page.getByRole('main').getByRole('group', { name: quizText(q.text, lang) }));
const stepText = (q: Extract<QuizQuestion, { kind: 'order' }>, id: string, lang: Lang) => quizText(q.items.find((i) => i.id === id)?.text ?? {}, lang);
const rightText = (q: Extract<QuizQuestion, { kind: 'match' }>, id: string, lang: Lang) => quizText(q.pairs.find((p) => p.id === id)?.right ?? {}, lang);
const listItem = (page: Page, scope: Locator, text: string): Locator => scope.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) }).first();

/** The steps of an ordering question as listed now, each followed by its move buttons. */
async function expectSteps(group: Locator, texts: string[]) {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(group.getByRole('listitem')).toHaveText(texts.map((t) => new RegExp(`^${escape(t)}\\s*↑\\s*↓$`)));
}

/** From the library to the lesson, and from the lesson's list of quizzes to the quiz, as a pupil clicks. */
async function openFromLesson(page: Page, lang: Lang, quiz: Quiz) {
  if (!quiz.lesson) throw new Error(`${quiz.id} belongs to no lesson`);
  const lesson = builtinLesson(quiz.lesson);
  await cardLink(page, lesson.versions[lang].title).click();
  const aside = page.getByRole('complementary', { name: tr(lang, 'reader.objectives') });
  const list = aside.locator('section').filter({ has: page.getByRole('heading', { name: tr(lang, 'quiz.lessonQuizzes'), exact: true }) });
  await list.getByRole('link', { name: quizText(quiz.title, lang), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: quizText(quiz.title, lang) })).toBeFocused();
  await expect(page.getByRole('link', { name: tr(lang, 'quiz.back') })).toHaveAttribute('href', `#/lesson/${BUILTIN_PACK_ID}/${quiz.lesson}/${lang}`);
  // Nobody signed in: a teacher trying the quiz is told nothing is kept.
  await expect(page.getByText(tr(lang, 'quiz.notSaved'), { exact: true })).toBeVisible();
}

/** Answers with the mouse, as the screen starts: order questions from their shuffled starting order. */
async function answerByMouse(page: Page, lang: Lang, quiz: Quiz, answers: Record<string, QuizAnswer>) {
  for (const q of quiz.questions) {
    const a = answers[q.id];
    const group = question(page, q, lang);
    if (q.kind === 'single' && a?.kind === 'single') {
      await group.getByRole('radio', { name: quizText(q.options.find((o) => o.id === a.option)?.text ?? {}, lang), exact: true }).check();
    } else if (q.kind === 'multiple' && a?.kind === 'multiple') {
      for (const o of q.options) await group.getByRole('checkbox', { name: quizText(o.text, lang), exact: true }).setChecked(a.options.includes(o.id));
    } else if (q.kind === 'truefalse' && a?.kind === 'truefalse') {
      await group.getByRole('radio', { name: tr(lang, a.value ? 'quiz.true' : 'quiz.false'), exact: true }).check();
    } else if (q.kind === 'order' && a?.kind === 'order') {
      const now = startingOrder(quiz.id, q);
      for (const [target, id] of a.items.entries()) {
        for (let at = now.indexOf(id); at > target; at--) {
          await group.getByRole('button', { name: tr(lang, 'quiz.moveUp', { step: stepText(q, id, lang) }), exact: true }).click();
          now.splice(at, 1);
          now.splice(at - 1, 0, id);
        }
      }
      await expectSteps(group, a.items.map((id) => stepText(q, id, lang)));
    } else if (q.kind === 'match' && a?.kind === 'match') {
      for (const p of q.pairs) {
        const picked = a.pairs[p.id];
        if (picked) await group.getByRole('combobox', { name: quizText(p.left, lang), exact: true }).selectOption({ label: rightText(q, picked, lang) });
      }
    }
  }
}

const PART_WORDS: Record<'option' | 'step' | 'pair', Partial<Record<PartVerdict, string>>> = {
  option: { right: 'quiz.mark.pickedRight', wrong: 'quiz.mark.pickedWrong', missed: 'quiz.mark.missed' },
  step: { right: 'quiz.mark.inPlace', wrong: 'quiz.mark.mustMove' },
  pair: { right: 'quiz.mark.right', wrong: 'quiz.mark.wrong', missed: 'quiz.mark.noAnswer' },
};

/** After "Check my answers": the summary has the focus and the total; each question its verdict, marks, feedback and explanation. */
async function expectChecked(page: Page, lang: Lang, quiz: Quiz, answers: Record<string, QuizAnswer>) {
  const score = scoreQuiz(quiz, answers);
  const summary = page.getByRole('region', { name: tr(lang, 'quiz.result') });
  await expect(summary.getByRole('heading', { level: 2, name: tr(lang, 'quiz.result') })).toBeFocused();
  await expect(summary).toContainText(tr(lang, 'quiz.total', { points: points(score.points, lang), max: score.max, percent: score.percent }));
  if (quiz.passMark !== undefined) {
    await expect(summary).toContainText(tr(lang, score.passed ? 'quiz.passed' : 'quiz.notPassed', { mark: quiz.passMark }));
  }
  await expect(summary).toContainText(tr(lang, 'quiz.counts', score.counts));

  for (const [i, q] of quiz.questions.entries()) {
    const result = score.questions[i];
    if (!result) throw new Error('no score');
    const group = question(page, q, lang);
    await expect(group.locator('.verdict .word'), `verdict of question ${i + 1}`).toHaveText(tr(lang, `quiz.verdict.${result.verdict}`));
    await expect(group.locator('.verdict')).toContainText(tr(lang, 'quiz.questionPoints', { points: points(result.points, lang) }));
    // The feedback written for what the pupil picked (or the steps and pairs to fix), word for word.
    for (const f of result.feedback) await expect(group.getByText(quizText(f.text, lang), { exact: true })).toBeVisible();
    if (q.explanation) await expect(group.getByText(quizText(q.explanation, lang), { exact: true })).toBeVisible();
    // Every part marked with a word, the right answer included.
    for (const part of result.parts) {
      const of = q.kind === 'order' ? 'step' : q.kind === 'match' ? 'pair' : 'option';
      const word = PART_WORDS[of][part.verdict];
      const label =
        q.kind === 'single' || q.kind === 'multiple'
          ? quizText(q.options.find((o) => o.id === part.id)?.text ?? {}, lang)
          : q.kind === 'truefalse'
            ? tr(lang, part.id === 'true' ? 'quiz.true' : 'quiz.false')
            : q.kind === 'order'
              ? stepText(q, part.id, lang)
              : quizText(q.pairs.find((p) => p.id === part.id)?.left ?? {}, lang);
      const item = listItem(page, group, label);
      if (word) await expect(item, `${q.id}/${part.id}`).toContainText(tr(lang, word));
      if (q.kind === 'match' && part.verdict !== 'right') await expect(item).toContainText(`${tr(lang, 'quiz.rightAnswer')} ${rightText(q, part.id, lang)}`);
    }
    if (q.kind === 'order' && result.verdict !== 'correct') {
      await expect(group.getByText(tr(lang, 'quiz.rightOrder'), { exact: true })).toBeVisible();
    }
  }
}

const checkButton = (page: Page, lang: Lang) => page.getByRole('button', { name: tr(lang, 'quiz.check'), exact: true });

test('the quizzes played in full below cover every kind of question in every language', () => {
  expect(BUILTIN_QUIZ_IDS.length).toBeGreaterThanOrEqual(4);
  const kinds = new Set(PLAYS.flatMap((p) => builtinQuiz(p.id).questions.map((q) => q.kind)));
  expect([...kinds].sort()).toEqual(['match', 'multiple', 'order', 'single', 'truefalse']);
  expect(new Set(PLAYS.map((p) => p.lang))).toEqual(new Set(LANGS));
});

for (const { id, lang } of PLAYS) {
  const quiz = builtinQuiz(id);
  test(`"${id}" (${lang}): all right scores 100 %; wrong on purpose shows the feedback for what was picked and the score the rules give; nothing is kept without a pupil`, async ({
    openApp,
  }) => {
    test.setTimeout(150_000);
    const page = await openApp(lang);
    await openFromLesson(page, lang, quiz);
    await expect(page.getByText(tr(lang, 'quiz.intro', { count: quiz.questions.length }), { exact: true })).toBeVisible();
    await expectAccessible(page, `quiz ${id} before checking (${lang})`);

    // All right.
    const right = rightAnswers(quiz);
    await answerByMouse(page, lang, quiz, right);
    await expect(page.getByText(tr(lang, 'quiz.allAnswered'), { exact: true })).toBeVisible();
    await checkButton(page, lang).click();
    await expectChecked(page, lang, quiz, right);
    const best = scoreQuiz(quiz, right);
    expect(best.percent).toBe(100);
    expect(best.counts.correct).toBe(quiz.questions.length);
    await expect(page.locator('.verdict .word')).toHaveText(quiz.questions.map(() => tr(lang, 'quiz.verdict.correct')));
    await expectAccessible(page, `quiz ${id} checked, all right (${lang})`);

    // Try again: a fresh start, the first question has the focus.
    await page.getByRole('button', { name: tr(lang, 'quiz.tryAgain'), exact: true }).click();
    const first = quiz.questions[0];
    if (!first) throw new Error('empty quiz');
    await expect(question(page, first, lang).getByRole('heading', { level: 2 })).toBeFocused();
    await expect(page.getByRole('main').getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('checkbox', { checked: true })).toHaveCount(0);

    // Wrong on purpose, with a question left out: the pupil may still check, and is told what counts.
    const wrong = wrongAnswers(quiz);
    await answerByMouse(page, lang, quiz, wrong);
    const open = quiz.questions.flatMap((q, i) => (isComplete(q, wrong[q.id]) ? [] : [i + 1]));
    expect(open.length).toBeGreaterThan(0);
    const status = page.getByText(tr(lang, 'quiz.unanswered', { count: open.length, numbers: open.join(', ') }), { exact: false });
    await expect(status).toBeVisible();
    await expect(status).toContainText(tr(lang, 'quiz.answered', { answered: quiz.questions.length - open.length, total: quiz.questions.length }));
    await checkButton(page, lang).click();
    await expectChecked(page, lang, quiz, wrong);
    expect(scoreQuiz(quiz, wrong).percent).toBeLessThan(100);
    await expectAccessible(page, `quiz ${id} checked, wrong answers (${lang})`);

    // No pupil signed in: the attempts stay on screen only.
    expect(await dbRows(page, 'attempts')).toEqual([]);
  });
}

test('a quiz can be answered and checked with the keyboard alone', async ({ openApp }) => {
  const lang: Lang = 'en';
  const quiz = builtinQuiz('privacy-personal-data-quiz');
  const page = await openApp(lang);
  await openFromLesson(page, lang, quiz);
  const answers = rightAnswers(quiz);

  for (const q of quiz.questions) {
    const group = question(page, q, lang);
    const a = answers[q.id];
    if ((q.kind === 'single' && a?.kind === 'single') || (q.kind === 'truefalse' && a?.kind === 'truefalse')) {
      // Tab reaches the group's first radio; the arrow keys pick, as in any radio group.
      const index = q.kind === 'single' && a.kind === 'single' ? q.options.findIndex((o) => o.id === a.option) : a.kind === 'truefalse' && a.value ? 0 : 1;
      const radios = page.getByRole('main').getByRole('radiogroup', { name: quizText(q.text, lang) });
      await tabTo(page, radios.getByRole('radio').first());
      if (index === 0) await page.keyboard.press('Space');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await expect(radios.getByRole('radio').nth(index)).toBeChecked();
    } else if (q.kind === 'multiple' && a?.kind === 'multiple') {
      for (const o of q.options.filter((o) => a.options.includes(o.id))) {
        const box = group.getByRole('checkbox', { name: quizText(o.text, lang), exact: true });
        await tabTo(page, box);
        await page.keyboard.press('Space');
        await expect(box).toBeChecked();
      }
    } else if (q.kind === 'order' && a?.kind === 'order') {
      // The moved step keeps the focus, so Enter moves it again.
      const now = startingOrder(quiz.id, q);
      for (const [target, id] of a.items.entries()) {
        const from = now.indexOf(id);
        if (from === target) continue;
        await tabTo(page, group.getByRole('button', { name: tr(lang, 'quiz.moveUp', { step: stepText(q, id, lang) }), exact: true }));
        for (let at = from; at > target; at--) await page.keyboard.press('Enter');
        now.splice(from, 1);
        now.splice(target, 0, id);
        await expect(group.getByRole('status')).toHaveText(tr(lang, 'quiz.moved', { step: stepText(q, id, lang), position: target + 1, count: now.length }));
      }
      await expectSteps(group, a.items.map((id) => stepText(q, id, lang)));
    } else if (q.kind === 'match' && a?.kind === 'match') {
      const column = rightColumn(quiz.id, q);
      for (const p of q.pairs) {
        const select = group.getByRole('combobox', { name: quizText(p.left, lang), exact: true });
        await tabTo(page, select);
        // The first entry is "Choose…"; each arrow press moves one down the list.
        for (let i = 0; i <= column.indexOf(a.pairs[p.id] ?? ''); i++) await page.keyboard.press('ArrowDown');
        await expect(select).toHaveValue(a.pairs[p.id] ?? '');
      }
    }
  }
  await tabTo(page, checkButton(page, lang));
  await page.keyboard.press('Enter');
  await expectChecked(page, lang, quiz, answers);
  await expect(page.getByRole('region', { name: tr(lang, 'quiz.result') })).toContainText('(100%)');
  // Try again is the next stop for the keyboard.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: tr(lang, 'quiz.tryAgain'), exact: true })).toBeFocused();
});
