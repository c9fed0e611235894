/**
 * Quizzes (docs/quiz-format.md): what an author reads about a quiz file, and
 * how a pupil's answers are scored and which feedback they see.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, formatProblem } from '../../src/core/i18n';
import { LANGUAGES, type Lang } from '../../src/core/base/languages';
import { parseQuiz, QUIZ_PROBLEMS, quizzesOfLesson } from '../../src/core/quiz/lint';
import type { QuestionOf, Quiz, QuizQuestion } from '../../src/core/quiz/schema';
import { isComplete, keptInOrder, rightColumn, scoreQuestion, scoreQuiz, startingOrder, type QuestionScore, type QuizAnswer } from '../../src/core/quiz/score';

const FIXTURE = fileURLToPath(new URL('../fixtures/packs/good-quizzes/quizzes/first-steps-check.yaml', import.meta.url));
const LESSONS = new Set(['first-steps', 'safe-passwords']);
const fixture = parseQuiz(readFileSync(FIXTURE, 'utf8'), 'quizzes/first-steps-check.yaml', ['kk', 'en'], LESSONS);
const quiz = fixture.quiz as Quiz;
const question = <K extends QuizQuestion['kind']>(id: string) => quiz.questions.find((q) => q.id === id) as QuestionOf<K>;

const FILE = 'quizzes/q.yaml';
/** A small English quiz; `questions` is YAML indented by two spaces, starting on line 5. */
const source = (questions: string, head = 'id: q\nlesson: first-steps\ntitle: { en: Quiz }\n') => `${head}questions:\n${questions}`;
const SINGLE = `  - id: a
    kind: single
    text: { en: Pick one. }
    options:
      - { id: x, correct: true, text: { en: X }, feedback: { en: Yes. } }
      - { id: y, text: { en: Y }, feedback: { en: No. } }
`;
const problemsOf = (text: string, languages: Lang[] = ['en'], lang: Lang = 'en') =>
  parseQuiz(text, FILE, languages, LESSONS).problems.map((p) => formatProblem(createTranslator(lang), p));

describe('a quiz file', () => {
  it('the fixture is valid and keeps every field', () => {
    expect(fixture.problems).toEqual([]);
    expect(quiz).toMatchObject({ id: 'first-steps-check', lesson: 'first-steps', passMark: 60, title: { kk: 'Интернеттегі алғашқы қадамдар — тест', en: 'First steps online — quiz' } });
    expect(question('password')).toEqual({
      id: 'password',
      kind: 'single',
      text: { kk: 'Сенің құпиясөзіңді кім біле алады?', en: 'Who may know your password?' },
      options: [
        { id: 'friend', text: { kk: 'Ең жақын досың', en: 'Your best friend' }, feedback: { kk: 'Жоқ. Ең жақын досың да оны абайсызда біреуге айтып қоюы мүмкін.', en: 'No. Even a best friend can pass it on by accident.' } },
        { id: 'only-you', correct: true, text: { kk: 'Тек өзің', en: 'Only you' }, feedback: { kk: 'Дұрыс! Құпиясөз тек сенікі.', en: 'Right! Your password is yours alone.' } },
        { id: 'moderator', text: { kk: 'Оны сұраған ойын модераторы', en: 'A game moderator who asks for it' }, feedback: { kk: 'Жоқ. Шын модератор ешқашан құпиясөз сұрамайды.', en: 'No. A real moderator never asks for your password.' } },
      ],
    });
    expect(question('unsure-link')).toMatchObject({ kind: 'truefalse', answer: true, ifTrue: { en: 'Right. Ask an adult first.' } });
  });

  it('the examples in docs/quiz-format.md are valid', () => {
    const doc = readFileSync('docs/quiz-format.md', 'utf8');
    const all = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(all.length).toBe(7);
    // The before-and-after check is a whole quiz of its own, its example in English only.
    const check = all.find((b) => b.includes('purpose: check')) ?? '';
    expect(parseQuiz(check, 'quizzes/check-13-15.yaml', ['en'], new Set(['kind-words'])).problems, 'the check').toEqual([]);
    const blocks = all.filter((b) => b !== check);
    const [whole, ...questions] = blocks;
    expect(parseQuiz(whole ?? '', 'quizzes/kind-words-quiz.yaml', ['kk', 'ru', 'en'], new Set(['kind-words'])).problems, 'the whole quiz').toEqual([]);
    for (const q of questions) expect(problemsOf(source(q)).join('\n'), q).toBe('');
  });

  it('a lesson lists its quizzes by order, then title', () => {
    const q = (id: string, lesson: string, title: string, order?: number) => ({ quiz: { ...quiz, id, lesson, title: { en: title }, ...(order === undefined ? {} : { order }) } });
    const all = [q('b', 'first-steps', 'B'), q('z', 'first-steps', 'Z', 1), q('a', 'first-steps', 'A'), q('other', 'safe-passwords', 'O', 0)];
    expect(quizzesOfLesson(all, 'first-steps', 'en').map((x) => x.quiz.id)).toEqual(['z', 'a', 'b']);
  });

  it('several right options in a multiple-answer question, even all of them, are fine', () => {
    expect(problemsOf(source(SINGLE.replace('kind: single', 'kind: multiple').replace('{ id: y,', '{ id: y, correct: true,')))).toEqual([]);
  });
});

/** Each mistake and exactly the lines an author reads. Line 5 is the first question's `- id:`. */
const MISTAKES: [string, string, string[], Lang[]?][] = [
  ['the file renamed', source(SINGLE, 'id: quiz\nlesson: first-steps\ntitle: { en: Quiz }\n'), [`${FILE}:1:5: the quiz id “quiz” must equal the file name “q”.`]],
  [
    'a lesson the pack does not have',
    source(SINGLE, 'id: q\nlesson: passwords\ntitle: { en: Quiz }\n'),
    [`${FILE}:2:9: there is no lesson “passwords” in this pack; “lesson” must be one of: first-steps, safe-passwords.`],
  ],
  [
    'a quiz without a lesson',
    source(SINGLE, 'id: q\ntitle: { en: Quiz }\n'),
    [`${FILE}:1:5: a quiz needs “lesson:”, the lesson it belongs to (one of: first-steps, safe-passwords), or “purpose: check” for a before-and-after check.`],
  ],
  ['a check with a lesson', source(SINGLE.replace('kind: single', 'kind: single\n    topic: scams'), 'id: q\npurpose: check\nlesson: first-steps\ntitle: { en: Quiz }\n'), [`${FILE}:3:9: a check (“purpose: check”) belongs to no lesson: remove the “lesson:” line.`]],
  [
    'a check question without a topic',
    source(SINGLE, 'id: q\npurpose: check\ntitle: { en: Quiz }\n'),
    [`${FILE}:5:9: question “a”: every question of a check is “kind: single” with a “topic:”, and its right option is the safe action.`],
  ],
  ['an unknown kind', source(SINGLE.replace('kind: single', 'kind: choice')), [`${FILE}:6:11: “questions.0.kind” must be one of: single, multiple, truefalse, order, match.`]],
  ['an option without feedback', source(SINGLE.replace(', feedback: { en: No. }', '')), [`${FILE}:10:9: the field “questions.0.options.1.feedback” is required.`]],
  ['one option', source(SINGLE.replace(/ {6}- \{ id: y.*\n/, '')), [`${FILE}:9:7: “questions.0.options” needs at least 2 items.`]],
  ['no right option', source(SINGLE.replace('correct: true, ', '')), [`${FILE}:9:7: no option is marked as right: add “correct: true” to the right option.`]],
  [
    'two right options in a single-answer question',
    source(SINGLE.replace('{ id: y,', '{ id: y, correct: true,')),
    [`${FILE}:9:7: a “single” question has one right option, but 2 are marked “correct: true”; use “kind: multiple” when several are right.`],
  ],
  [
    'options a pupil cannot tell apart',
    source(SINGLE.replace('text: { en: Y }', 'text: { en: " x " }')),
    [`${FILE}:10:30: “questions.0.options.1.text” has the same en text as “questions.0.options.0.text”; pupils could not tell them apart.`],
  ],
  [
    'an id used twice',
    source(SINGLE + SINGLE.replace('{ id: y,', '{ id: x,')),
    [`${FILE}:11:9: “a” is used twice; it was first used on line 5.`, `${FILE}:16:15: “x” is used twice; it was first used on line 15.`],
  ],
  [
    'text missing in a language of the pack',
    source(SINGLE).replace('title: { en: Quiz }', 'title: { kk: Тест, en: Quiz }'),
    [
      `${FILE}:7:11: “questions.0.text” has no kk text, but the pack is written in kk.`,
      `${FILE}:9:39: “questions.0.options.0.text” has no kk text, but the pack is written in kk.`,
      `${FILE}:9:60: “questions.0.options.0.feedback” has no kk text, but the pack is written in kk.`,
      `${FILE}:10:24: “questions.0.options.1.text” has no kk text, but the pack is written in kk.`,
      `${FILE}:10:45: “questions.0.options.1.feedback” has no kk text, but the pack is written in kk.`,
    ],
    ['kk', 'en'],
  ],
  [
    'a true/false statement without the feedback for “false”',
    source('  - id: t\n    kind: truefalse\n    text: { en: The sky is green. }\n    answer: false\n    ifTrue: { en: No. It is not. }\n'),
    [`${FILE}:5:5: the field “questions.0.ifFalse” is required.`],
  ],
  ['an ordering question with one step', source('  - id: o\n    kind: order\n    text: { en: Order. }\n    items:\n      - { id: a, text: { en: A } }\n'), [`${FILE}:9:7: “questions.0.items” needs at least 2 items.`]],
  [
    'a matching question with the same right side twice',
    source('  - id: m\n    kind: match\n    text: { en: Match. }\n    pairs:\n      - { id: a, left: { en: A }, right: { en: One } }\n      - { id: b, left: { en: B }, right: { en: One } }\n'),
    [`${FILE}:10:48: “questions.0.pairs.1.right” has the same en text as “questions.0.pairs.0.right”; pupils could not tell them apart.`],
  ],
];

describe('mistakes in a quiz file, with the line and column an author reads', () => {
  it.each(MISTAKES)('%s', (_name, text, expected, languages) => {
    const parsed = parseQuiz(text, FILE, languages ?? ['en'], LESSONS);
    expect(parsed.problems.map((p) => formatProblem(createTranslator('en'), p))).toEqual(expected);
    expect(parsed.quiz, 'a file with problems gives no quiz').toBeUndefined();
  });

  it('in Kazakh and Russian', () => {
    const text = source(SINGLE.replace('correct: true, ', ''));
    expect(problemsOf(text, ['en'], 'kk')).toEqual([`${FILE}:9:7: бірде-бір нұсқа дұрыс деп белгіленбеген: дұрыс нұсқаға «correct: true» деп қосыңыз.`]);
    expect(problemsOf(text, ['en'], 'ru')).toEqual([`${FILE}:9:7: ни один вариант не отмечен как верный: добавьте «correct: true» верному варианту.`]);
  });

  it('every quiz rule is shown by a case above and has a message in every language', () => {
    const codes = new Set(MISTAKES.flatMap(([, text, , languages]) => parseQuiz(text, FILE, languages ?? ['en'], LESSONS).problems.map((p) => p.code)));
    for (const code of QUIZ_PROBLEMS) {
      expect(codes, code).toContain(code);
      for (const lang of LANGUAGES) expect(CATALOGUES[lang][`problem.${code}`], `${lang} ${code}`).toBeTruthy();
    }
  });
});

describe('scoring one question', () => {
  const score = (id: string, answer?: QuizAnswer) => scoreQuestion(question(id), answer);
  const brief = (s: QuestionScore) => [s.verdict, s.points, s.feedback.map((f) => `${f.id} ${f.verdict}`)];

  it('single answer: the right option is a point, and the pupil reads the feedback of the option they picked', () => {
    expect(score('password', { kind: 'single', option: 'only-you' })).toEqual<QuestionScore>({
      questionId: 'password',
      verdict: 'correct',
      points: 1,
      parts: [
        { id: 'friend', verdict: 'none' },
        { id: 'only-you', verdict: 'right' },
        { id: 'moderator', verdict: 'none' },
      ],
      feedback: [{ id: 'only-you', verdict: 'right', text: { kk: 'Дұрыс! Құпиясөз тек сенікі.', en: 'Right! Your password is yours alone.' } }],
    });
    const wrong = score('password', { kind: 'single', option: 'moderator' });
    expect(wrong.parts.map((p) => p.verdict)).toEqual(['none', 'missed', 'wrong']);
    expect(wrong.feedback).toEqual([{ id: 'moderator', verdict: 'wrong', text: { kk: 'Жоқ. Шын модератор ешқашан құпиясөз сұрамайды.', en: 'No. A real moderator never asks for your password.' } }]);
    expect(brief(wrong)).toEqual(['wrong', 0, ['moderator wrong']]);
  });

  it('multiple answers: a share for each right tick, a share off for each wrong tick, never below 0', () => {
    const tick = (...options: string[]) => brief(score('private-data', { kind: 'multiple', options }));
    expect(tick('address', 'password')).toEqual(['correct', 1, ['address right', 'password right']]);
    expect(tick('password')).toEqual(['partly', 0.5, ['password right']]);
    expect(tick('password', 'favourite-game')).toEqual(['wrong', 0, ['password right', 'favourite-game wrong']]);
    expect(tick('address', 'password', 'favourite-game')).toEqual(['wrong', 0, ['address right', 'password right', 'favourite-game wrong']]);
    expect(score('private-data', { kind: 'multiple', options: ['password'] }).parts).toEqual([
      { id: 'address', verdict: 'missed' },
      { id: 'password', verdict: 'right' },
      { id: 'favourite-game', verdict: 'none' },
    ]);
  });

  it('true or false: the feedback for the pupil’s own answer, and the explanation whatever the answer', () => {
    const right = score('unsure-link', { kind: 'truefalse', value: true });
    const wrong = score('unsure-link', { kind: 'truefalse', value: false });
    expect(brief(right)).toEqual(['correct', 1, ['true right']]);
    expect(wrong.feedback).toEqual([{ id: 'false', verdict: 'wrong', text: { kk: 'Олай емес. Күмәнді сілтеме зиянды сайтқа апаруы мүмкін.', en: 'Not so. A link you are unsure about can lead to a harmful site.' } }]);
    expect(wrong.parts).toEqual([{ id: 'true', verdict: 'missed' }, { id: 'false', verdict: 'wrong' }]);
    for (const s of [right, wrong]) expect(s.explanation).toEqual({ kk: 'Сілтемені ашпас бұрын кім жібергенін ойлан.', en: 'Before you open a link, think about who sent it.' });
  });

  it('order: each step that has to move costs a share; the feedback of the steps to move', () => {
    const put = (...items: string[]) => score('chat-steps', { kind: 'order', items });
    expect(brief(put('stop', 'screenshot', 'tell'))).toEqual(['correct', 1, []]);
    const moved = put('stop', 'tell', 'screenshot');
    expect(brief(moved)).toEqual(['partly', 0.5, ['screenshot wrong']]);
    expect(moved.feedback[0]?.text.en).toBe('Take the screenshot before you block. Afterwards the chat may be gone.');
    expect(moved.parts).toEqual([{ id: 'stop', verdict: 'right' }, { id: 'screenshot', verdict: 'wrong' }, { id: 'tell', verdict: 'right' }]);
    expect(brief(put('tell', 'screenshot', 'stop'))).toEqual(['wrong', 0, ['screenshot wrong']]);
  });

  it('match: the share of pairs matched right; feedback for the pairs matched wrongly', () => {
    const match = (pairs: Record<string, string>) => score('rules', { kind: 'match', pairs });
    expect(brief(match({ 'secret-password': 'secret-password', 'private-address': 'private-address' }))).toEqual(['correct', 1, []]);
    expect(brief(match({ 'secret-password': 'private-address', 'private-address': 'secret-password' }))).toEqual(['wrong', 0, ['private-address wrong']]);
    expect(brief(match({ 'secret-password': 'secret-password' }))).toEqual(['partly', 0.5, ['private-address missed']]);
  });

  it('no answer, an empty one or one of another kind: unanswered, no points and no feedback, but the right answer is marked', () => {
    for (const answer of [undefined, { kind: 'multiple', options: [] } as QuizAnswer, { kind: 'single', option: 'address' } as QuizAnswer]) {
      const s = score('private-data', answer);
      expect(brief(s)).toEqual(['unanswered', 0, []]);
      expect(s.parts.map((p) => p.verdict)).toEqual(['missed', 'missed', 'none']);
    }
  });

  it('an answer is complete when something is picked, every step is placed and every left side is matched', () => {
    expect(isComplete(question('password'), { kind: 'single', option: 'friend' })).toBe(true);
    expect(isComplete(question('password'), { kind: 'single', option: 'nobody' })).toBe(false);
    expect(isComplete(question('private-data'), { kind: 'multiple', options: [] })).toBe(false);
    expect(isComplete(question('chat-steps'), { kind: 'order', items: ['stop', 'tell'] })).toBe(false);
    expect(isComplete(question('chat-steps'), { kind: 'order', items: ['tell', 'stop', 'screenshot'] })).toBe(true);
    expect(isComplete(question('rules'), { kind: 'match', pairs: { 'secret-password': 'private-address' } })).toBe(false);
    expect(isComplete(question('unsure-link'), undefined)).toBe(false);
  });
});

describe('scoring a quiz', () => {
  const RIGHT: Record<string, QuizAnswer> = {
    password: { kind: 'single', option: 'only-you' },
    'private-data': { kind: 'multiple', options: ['address', 'password'] },
    'unsure-link': { kind: 'truefalse', value: true },
    'chat-steps': { kind: 'order', items: ['stop', 'screenshot', 'tell'] },
    rules: { kind: 'match', pairs: { 'secret-password': 'secret-password', 'private-address': 'private-address' } },
  };

  it('all right: 5 of 5, 100 %, passed', () => {
    expect(scoreQuiz(quiz, RIGHT)).toMatchObject({ points: 5, max: 5, percent: 100, passed: true, counts: { correct: 5, partly: 0, wrong: 0, unanswered: 0 } });
  });

  it('two and a half of five is 50 %, below the pass mark of 60', () => {
    const s = scoreQuiz(quiz, { ...RIGHT, password: { kind: 'single', option: 'friend' }, 'private-data': { kind: 'multiple', options: ['password'] }, rules: { kind: 'match', pairs: {} } });
    expect(s).toMatchObject({ points: 2.5, max: 5, percent: 50, passed: false, counts: { correct: 2, partly: 1, wrong: 1, unanswered: 1 } });
    expect(s.questions.map((q) => q.verdict)).toEqual(['wrong', 'partly', 'correct', 'correct', 'unanswered']);
  });

  it('the percent is rounded down, so a pupil just under the pass mark does not see it', () => {
    const s = scoreQuiz({ ...quiz, passMark: 70 }, { ...RIGHT, 'private-data': { kind: 'multiple', options: ['password'] }, 'chat-steps': { kind: 'order', items: ['stop', 'tell', 'screenshot'] } });
    expect([s.points, s.percent, s.passed]).toEqual([4, 80, true]);
    const t = scoreQuiz({ ...quiz, passMark: 70 }, { ...RIGHT, password: { kind: 'single', option: 'friend' }, 'chat-steps': { kind: 'order', items: ['stop', 'tell', 'screenshot'] }, rules: { kind: 'match', pairs: { 'secret-password': 'secret-password' } } });
    expect([t.points, t.percent, t.passed]).toEqual([3, 60, false]);
    expect(scoreQuiz({ ...quiz, passMark: undefined }, RIGHT).passed).toBeUndefined();
  });

  it('an answer to a question the quiz no longer has is ignored', () => {
    expect(scoreQuiz(quiz, { ...RIGHT, gone: { kind: 'truefalse', value: true } }).points).toBe(5);
  });

  it('ordering and matching start shuffled, the same way every time, never already right', () => {
    expect(startingOrder(quiz.id, question('chat-steps'))).toEqual(startingOrder(quiz.id, question('chat-steps')));
    expect(startingOrder(quiz.id, question('chat-steps'))).not.toEqual(['stop', 'screenshot', 'tell']);
    expect([...startingOrder(quiz.id, question('chat-steps'))].sort()).toEqual(['screenshot', 'stop', 'tell']);
    expect(rightColumn(quiz.id, question('rules'))).toEqual(['private-address', 'secret-password']);
  });
});

/** A question of each kind with n parts, ids p0…p(n-1); right options are those whose index is in `right`. */
const options = (n: number, right: readonly number[]) =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, text: { en: `P${i}` }, feedback: { en: `F${i}` }, ...(right.includes(i) ? { correct: true } : {}) }));
const orderQuestion = (n: number): QuestionOf<'order'> => ({ id: 'o', kind: 'order', text: { en: 'Order' }, items: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, text: { en: `P${i}` } })) });

describe('scoring rules hold for every answer (property tests)', () => {
  const permutation = fc.integer({ min: 2, max: 8 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }).map((p) => ({ n, p })));

  it('order: the right order scores 1, the reversed order 0, and any order 1 − moves/(n − 1)', () => {
    fc.assert(
      fc.property(permutation, ({ n, p }) => {
        const q = orderQuestion(n);
        const s = scoreQuestion(q, { kind: 'order', items: p.map((i) => `p${i}`) });
        const kept = keptInOrder(q.items.map((i) => i.id), p.map((i) => `p${i}`));
        // The kept steps are in the right order relative to each other, and no longer such run exists (checked by brute force).
        const keptRanks = p.filter((i) => kept.has(`p${i}`));
        expect(keptRanks).toEqual([...keptRanks].sort((a, b) => a - b));
        expect(kept.size).toBe(longestIncreasing(p));
        expect(s.points).toBeCloseTo(1 - (n - kept.size) / (n - 1), 12);
        expect(s.points >= 0 && s.points <= 1).toBe(true);
        expect(s.verdict).toBe(s.points === 1 ? 'correct' : s.points === 0 ? 'wrong' : 'partly');
      }),
    );
    for (let n = 2; n <= 8; n++) {
      const q = orderQuestion(n);
      expect(scoreQuestion(q, { kind: 'order', items: q.items.map((i) => i.id) }).points).toBe(1);
      expect(scoreQuestion(q, { kind: 'order', items: q.items.map((i) => i.id).reverse() }).points).toBe(0);
    }
  });

  it('multiple: exactly the right ones scores 1; everything or nothing ticked scores 0; a wrong tick never helps, a right one never hurts', () => {
    const question = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.record({ n: fc.constant(n), right: fc.subarray([...Array(n).keys()], { minLength: 1 }), ticked: fc.subarray([...Array(n).keys()]), extra: fc.integer({ min: 0, max: n - 1 }) }),
    );
    fc.assert(
      fc.property(question, ({ n, right, ticked, extra }) => {
        const q: QuestionOf<'multiple'> = { id: 'm', kind: 'multiple', text: { en: 'Tick' }, options: options(n, right) };
        const points = (t: number[]) => scoreQuestion(q, { kind: 'multiple', options: t.map((i) => `p${i}`) }).points;
        expect(points(right)).toBe(1);
        if (right.length < n) expect(points([...Array(n).keys()])).toBe(0);
        const more = [...new Set([...ticked, extra])];
        if (right.includes(extra)) expect(points(more)).toBeGreaterThanOrEqual(points(ticked));
        else expect(points(more)).toBeLessThanOrEqual(points(ticked));
        expect(points(ticked)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('match: the share of pairs matched to their own right side', () => {
    fc.assert(
      fc.property(permutation, ({ n, p }) => {
        const q: QuestionOf<'match'> = { id: 'm', kind: 'match', text: { en: 'Match' }, pairs: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, left: { en: `L${i}` }, right: { en: `R${i}` } })) };
        const s = scoreQuestion(q, { kind: 'match', pairs: Object.fromEntries(p.map((j, i) => [`p${i}`, `p${j}`])) });
        expect(s.points).toBeCloseTo(p.filter((j, i) => i === j).length / n, 12);
      }),
    );
  });

  it('a quiz’s percent is the points’ share rounded down, and passed means percent ≥ pass mark', () => {
    const answers = fc.array(fc.constantFrom('only-you', 'friend', 'moderator'), { minLength: 0, maxLength: 1 });
    fc.assert(
      fc.property(answers, fc.subarray(['address', 'password', 'favourite-game']), fc.option(fc.boolean(), { nil: undefined }), fc.integer({ min: 1, max: 100 }), (single, ticked, value, passMark) => {
        const s = scoreQuiz({ ...quiz, passMark }, {
          ...(single[0] ? { password: { kind: 'single', option: single[0] } } : {}),
          'private-data': { kind: 'multiple', options: ticked },
          ...(value === undefined ? {} : { 'unsure-link': { kind: 'truefalse', value } }),
        });
        expect(s.percent).toBe(Math.floor((100 * s.points) / 5 + 1e-9));
        expect(s.passed).toBe(s.percent >= passMark);
        expect(Object.values(s.counts).reduce((a, b) => a + b)).toBe(5);
      }),
    );
  });
});

/** Length of the longest increasing subsequence, by trying every subset: the slow way, to check the fast one. */
function longestIncreasing(seq: readonly number[]): number {
  let best = 0;
  for (let mask = 0; mask < 1 << seq.length; mask++) {
    const picked = seq.filter((_, i) => mask & (1 << i));
    if (picked.every((v, i) => i === 0 || (picked[i - 1] as number) < v)) best = Math.max(best, picked.length);
  }
  return best;
}
