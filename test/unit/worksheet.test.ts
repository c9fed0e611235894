/**
 * The worksheet format (docs/worksheet-format.md): the model the print view
 * gets from a file, every message an author can read about a file, and the
 * HTML of a pupil copy and of an answer key.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, formatProblem } from '../../src/core/i18n';
import { LANGUAGES, type Lang } from '../../src/core/base/languages';
import type { Problem } from '../../src/core/base/problems';
import { seededShuffle } from '../../src/core/base/random';
import { checkWorksheetSet, worksheetsOfLesson, type WorksheetFile } from '../../src/core/worksheet/lint';
import { isQuestion, type Worksheet, type WorksheetItem } from '../../src/core/worksheet/model';
import { parseWorksheet, WORKSHEET_PROBLEMS } from '../../src/core/worksheet/parse';
import { createWorksheetRenderer, worksheetLabels, type WorksheetCopy } from '../../src/core/worksheet/render';

const FIXTURES = fileURLToPath(new URL('../fixtures/packs/good-worksheets/worksheets/', import.meta.url));
const fixture = (id: string, lang: 'kk' | 'en') => readFileSync(`${FIXTURES}${id}/${lang}.md`, 'utf8');

const FILE = 'worksheets/quiz/en.md';
/** Front matter on lines 1–6: the body starts on line 7. */
const sheet = (body: string, kind = 'worksheet') => `---\nid: quiz\nlesson: first-steps\nkind: ${kind}\ntitle: Quiz\n---\n${body}`;
const lines = (problems: Problem[], lang: Lang = 'en') => problems.map((p) => formatProblem(createTranslator(lang), p));
const problemsOf = (source: string, lang: Lang = 'en') => lines(parseWorksheet(source, FILE, 'en').problems, lang);
const itemsOf = (body: string, kind = 'worksheet') => {
  const parsed = parseWorksheet(sheet(body, kind), FILE, 'en');
  expect(lines(parsed.problems)).toEqual([]);
  return parsed.worksheet?.items ?? [];
};

describe('a worksheet file becomes the model the print view uses', () => {
  it('the fixture worksheet, item by item', () => {
    const parsed = parseWorksheet(fixture('first-steps-quiz', 'en'), 'worksheets/first-steps-quiz/en.md', 'en');
    expect(parsed.problems).toEqual([]);
    expect(parsed.worksheet).toEqual<Worksheet>({
      id: 'first-steps-quiz',
      lesson: 'first-steps',
      kind: 'worksheet',
      lang: 'en',
      title: 'First steps online — check yourself',
      minutes: 15,
      order: 1,
      items: [
        { kind: 'prose', line: 10, keepWithNext: true, markdown: 'Answer the questions on your own. Then compare your answers with a partner.' },
        {
          kind: 'choice',
          number: 1,
          line: 12,
          prompt: 'Who may know your password?',
          answer: 'Nobody but you, not even your best friend.',
          options: [
            { text: 'Your best friend', correct: false },
            { text: 'Only you', correct: true },
            { text: 'A game moderator who asks for it', correct: false },
          ],
        },
        {
          kind: 'truefalse',
          number: 2,
          line: 20,
          prompt: 'Tick true or false.',
          statements: [
            { text: 'A link you are unsure about is better left unopened.', true: true },
            { text: 'It is fine to post your home address in a game chat.', true: false },
          ],
        },
        { kind: 'prose', line: 26, keepWithNext: true, markdown: '## Part 2' },
        {
          kind: 'match',
          number: 3,
          line: 28,
          prompt: 'Match each rule with why it matters.',
          pairs: [
            { left: 'Keep your password secret', right: 'Your account stays yours' },
            { left: 'Do not send your address to strangers', right: 'Your personal data stays private' },
            { left: 'Ask before you post a photo of someone', right: "Other people's privacy is respected" },
          ],
          rightOrder: [1, 0, 2],
        },
        {
          kind: 'order',
          number: 4,
          line: 35,
          prompt: 'Something feels wrong in a chat. Number the steps in order.',
          steps: ['Stop replying', 'Take a screenshot', 'Tell an adult you trust'],
          shuffled: [0, 2, 1],
        },
        {
          kind: 'lines',
          number: 5,
          line: 42,
          prompt: 'Write one thing you will do to stay safe online.',
          answer: 'Any one rule from the lesson, for example not opening links you are unsure about.',
          lines: 3,
        },
      ],
    });
  });

  it('the fixture family letter: prose and the three things to talk about', () => {
    const parsed = parseWorksheet(fixture('first-steps-letter', 'en'), 'worksheets/first-steps-letter/en.md', 'en');
    expect(parsed.problems).toEqual([]);
    expect(parsed.worksheet).toEqual<Worksheet>({
      id: 'first-steps-letter',
      lesson: 'first-steps',
      kind: 'family-letter',
      lang: 'en',
      title: 'A letter to families — first steps online',
      items: [
        { kind: 'prose', line: 8, keepWithNext: true, markdown: 'Dear parents and carers,\n\nToday your child learned three simple rules for staying safe online.' },
        {
          kind: 'talk',
          line: 12,
          intro: 'Ask over dinner:',
          points: ['Which apps and games do you use most?', 'What would you do if someone asked for your password?', 'Whom would you tell if something online upset you?'],
        },
        { kind: 'prose', line: 19, keepWithNext: false, markdown: 'Thank you for talking with your child.' },
      ],
    });
  });

  it('the Kazakh version shuffles its columns exactly as the English one, so one answer key serves both', () => {
    const kk = parseWorksheet(fixture('first-steps-quiz', 'kk'), 'worksheets/first-steps-quiz/kk.md', 'kk').worksheet;
    const en = parseWorksheet(fixture('first-steps-quiz', 'en'), 'worksheets/first-steps-quiz/en.md', 'en').worksheet;
    const shuffles = (w: Worksheet | undefined) => w?.items.map((i) => ('rightOrder' in i ? i.rightOrder : 'shuffled' in i ? i.shuffled : null)).filter(Boolean);
    expect(shuffles(kk)).toEqual([[1, 0, 2], [0, 2, 1]]);
    expect(shuffles(kk)).toEqual(shuffles(en));
    expect(kk?.items.find((i) => i.kind === 'truefalse')).toMatchObject({ statements: [{ text: 'Күмәнді сілтемені ашпаған дұрыс.', true: true }, { true: false }] });
  });

  it('sizes: the number after the name, or the default; the prompt may start on the same line', () => {
    const items = itemsOf(':::lines\nWhy?\n:::\n\n:::lines 5 Why not?\n:::\n\n:::box 6\nExplain.\n:::\n\n:::drawing\nDraw it.\n:::\n\n:::box\nAnd this.\n:::\n');
    expect(items.map((i) => [i.kind, 'lines' in i ? i.lines : 'height' in i ? i.height : null, 'prompt' in i ? i.prompt : null])).toEqual([
      ['lines', 3, 'Why?'],
      ['lines', 5, 'Why not?'],
      ['box', 6, 'Explain.'],
      ['drawing', 8, 'Draw it.'],
      ['box', 4, 'And this.'],
    ]);
  });

  it('an answer runs to the end of its block and may span lines; “Answer:” and “- [X]” are understood too', () => {
    const items = itemsOf(':::choice Pick one.\n- [X] Yes\n- [ ] No\nAnswer: Yes,\nbecause **it is**.\n:::\n');
    expect(items).toEqual([
      { kind: 'choice', number: 1, line: 7, prompt: 'Pick one.', answer: 'Yes,\nbecause **it is**.', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }] },
    ]);
  });

  it('a card may go on over indented lines; an order may be a plain list', () => {
    const items = itemsOf(':::cards\nRead each card.\n- First card\n  goes on here.\n- Second card\nanswer: Both are red flags.\n:::\n\n:::order Put in order.\n- a\n- b\n:::\n');
    expect(items).toMatchObject([
      { kind: 'cards', cards: ['First card goes on here.', 'Second card'], answer: 'Both are red flags.' },
      { kind: 'order', number: 2, steps: ['a', 'b'], shuffled: [1, 0] },
    ]);
  });

  it('a heading starts a new section, and a section keeps with what follows it; a block inside a code fence is text', () => {
    const items = itemsOf('Intro.\n\n## Part A\nRead.\n\n```\n:::lines\n```\n\n:::box\nWrite.\n:::\n\n## The end\n');
    expect(items.map((i) => (i.kind === 'prose' ? [i.markdown, i.keepWithNext] : i.kind))).toEqual([
      ['Intro.', true],
      ['## Part A\nRead.\n\n```\n:::lines\n```', true],
      'box',
      ['## The end', false],
    ]);
  });

  it('shuffles depend only on the seed, and never leave two or more items as written', () => {
    expect(seededShuffle(5, 'quiz#3')).toEqual(seededShuffle(5, 'quiz#3'));
    expect(seededShuffle(0, 'x')).toEqual([]);
    expect(seededShuffle(1, 'x')).toEqual([0]);
    for (let n = 2; n <= 12; n++) {
      for (let q = 1; q <= 50; q++) {
        const order = seededShuffle(n, `sheet#${q}`);
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
        expect(order).not.toEqual([...Array(n).keys()]);
      }
    }
  });
});

/** Each mistake and exactly the lines an author reads; the body starts on line 7. */
const MISTAKES: [string, string, string[]][] = [
  ['no front matter', '# Quiz\n', [`${FILE}:1:1: the worksheet must start with front matter between two “---” lines.`]],
  ['front matter not closed', '---\nid: quiz\n', [`${FILE}:1:1: the front matter has no closing “---” line.`]],
  ['a wrong kind', sheet(':::lines\nWhy?\n:::\n', 'quiz'), [`${FILE}:4:7: “kind” must be one of: worksheet, family-letter, handout.`]],
  ['a lesson block', sheet(':::tip\nRead twice.\n:::\n'), [`${FILE}:7:4: unknown block “:::tip”; use one of: lines, box, choice, truefalse, match, order, drawing, cards.`]],
  ['talk in a worksheet', sheet(':::talk\n- a\n:::\n\n:::lines\nWhy?\n:::\n'), [`${FILE}:7:4: “:::talk” does not belong in a file with “kind: worksheet”; use one of: lines, box, choice, truefalse, match, order, drawing, cards.`]],
  ['a question in a family letter', sheet('Dear parents,\n\n:::lines\nWhy?\n:::\n\n:::talk\n- a\n- b\n- c\n:::\n', 'family-letter'), [`${FILE}:9:4: “:::lines” does not belong in a file with “kind: family-letter”; use one of: talk.`]],
  ['a block not closed', sheet(':::lines\nWhy?\n\n:::box\nHow?\n:::\n'), [`${FILE}:7:1: the block “:::lines” is not closed with a “:::” line before the next block or the end of the file.`]],
  ['a stray closing line', sheet(':::lines\nWhy?\n:::\n:::\n'), [`${FILE}:10:1: this “:::” line closes no block; remove it, or start a block above it.`]],
  [
    'an answer written as a nested block',
    sheet(':::lines\nWhy?\n:::answer\nBecause.\n:::\n:::\n'),
    [
      `${FILE}:9:1: write the teacher's answer on a line starting with “answer:” inside the question, not as a “:::answer” block; the question's own “:::” line ends it.`,
      `${FILE}:12:1: this “:::” line closes no block; remove it, or start a block above it.`,
    ],
  ],
  [
    'sizes out of range or with a unit',
    sheet(':::box 0\nWhy?\n:::\n\n:::lines 4cm\nWhy?\n:::\n'),
    [
      `${FILE}:7:8: the size of “:::box” must be a whole number from 1 to 24 (one line is 1 cm), not “0”.`,
      `${FILE}:11:10: the size of “:::lines” must be a whole number from 1 to 20 (one line is 1 cm), not “4cm”.`,
    ],
  ],
  ['no prompt', sheet(':::choice\n- [x] a\n- [ ] b\n:::\n'), [`${FILE}:7:1: “:::choice” has no question: write what the pupil should do right after the “:::choice” line.`]],
  ['one option', sheet(':::choice Pick.\n- [x] a\n:::\n'), [`${FILE}:7:1: “:::choice” needs at least 2 lines like “- [ ] … / - [x] …”.`]],
  [
    'eleven options',
    sheet(`:::choice Pick.\n${'- [x] a\n'.repeat(11)}:::\n`),
    [`${FILE}:7:1: “:::choice” may have at most 10 lines like “- [ ] … / - [x] …”; split it into two questions.`],
  ],
  [
    'a statement in the pupil’s language',
    sheet(':::truefalse\nTrue or false?\n- true: a\n- дұрыс: b\n:::\n'),
    [`${FILE}:10:1: this line does not fit in “:::truefalse”: after the first “- true: … / - false: …” line, write only more lines like it, then “answer: …” if you wish.`],
  ],
  ['a pair without “ = ”', sheet(':::match\nMatch.\n- a = 1\n- b - 2\n:::\n'), [`${FILE}:10:1: this line does not fit in “:::match”: after the first “- … = …” line, write only more lines like it, then “answer: …” if you wish.`]],
  ['no right option', sheet(':::choice Pick.\n- [ ] a\n- [ ] b\n:::\n'), [`${FILE}:7:1: no option is marked as right: write “- [x]” before each right option; the tick shows only in the answer key.`]],
  ['steps numbered out of order', sheet(':::order\nOrder.\n1. a\n3. c\n2. b\n:::\n'), [
    `${FILE}:10:1: this step is numbered 3, but it is step 2: write the steps in the right order, numbered 1, 2, 3…`,
    `${FILE}:11:1: this step is numbered 2, but it is step 3: write the steps in the right order, numbered 1, 2, 3…`,
  ]],
  ['an empty answer', sheet(':::lines\nWhy?\nanswer:\n:::\n'), [`${FILE}:9:1: “answer:” is empty: write the answer the teacher should see, or remove the line.`]],
  [
    'an answer label in Kazakh inside a question',
    sheet(':::lines\nНеге?\nЖауабы: себебі.\n:::\n'),
    [`${FILE}:9:1: a line starting with “Жауабы:” would be printed on the pupil's copy: write the teacher's answer after “answer:” (in English, whatever the language of the sheet).`],
  ],
  [
    'answers after the closing line',
    sheet(':::lines\nWhy?\n:::\nanswer: Because.\n\n**Ответ:** потому что.\n'),
    [
      `${FILE}:10:1: “answer:” stands outside a question block, so it would be printed on the pupil's copy: move it into the question, above its closing “:::”, as “answer: …”.`,
      `${FILE}:12:1: “Ответ:” stands outside a question block, so it would be printed on the pupil's copy: move it into the question, above its closing “:::”, as “answer: …”.`,
    ],
  ],
  ['no questions', sheet('\nJust text.\n'), [`${FILE}:7:1: the worksheet has no questions; add a block such as “:::lines 3”.`]],
  ['a family letter without talk', sheet('Dear parents,\nthank you.\n', 'family-letter'), [`${FILE}:7:1: a family letter needs a “:::talk” block with three things to talk about at home.`]],
  [
    'two talk blocks, one with two points and an answer',
    sheet(':::talk\n- a\n- b\n- c\n:::\n\n:::talk\n- a\n- b\nanswer: no\n:::\n', 'family-letter'),
    [
      `${FILE}:13:1: “:::talk” needs 3 points to talk about, written as “- …” lines; it has 2.`,
      `${FILE}:13:1: a family letter has one “:::talk” block; the first is on line 7.`,
      `${FILE}:16:1: “:::talk” is not a question, so it has no “answer:”; remove the line.`,
    ],
  ],
  ['talk with two points', sheet(':::talk\n- a\n- b\n:::\n', 'family-letter'), [`${FILE}:7:1: “:::talk” needs 3 points to talk about, written as “- …” lines; it has 2.`]],
];

describe('mistakes in one file, with the line and column an author reads', () => {
  it.each(MISTAKES)('%s', (_name, source, expected) => {
    const parsed = parseWorksheet(source, FILE, 'en');
    expect(lines(parsed.problems)).toEqual(expected);
    expect(parsed.worksheet, 'a file with problems gives no worksheet').toBeUndefined();
  });

  it('in Kazakh and Russian', () => {
    const source = sheet(':::choice Pick.\n- [ ] a\n- [ ] b\n:::\n');
    expect(problemsOf(source, 'kk')).toEqual([
      `${FILE}:7:1: бірде-бір нұсқа дұрыс деп белгіленбеген: әр дұрыс нұсқаның алдына «- [x]» деп жазыңыз; бұл белгі тек жауаптар кілтінде көрінеді.`,
    ]);
    expect(problemsOf(source, 'ru')).toEqual([
      `${FILE}:7:1: ни один вариант не отмечен как верный: поставьте «- [x]» перед каждым верным вариантом; отметка видна только в ключе ответов.`,
    ]);
    expect(problemsOf(sheet(':::talk\n- a\n:::\n', 'family-letter'), 'ru')).toEqual([`${FILE}:7:1: в «:::talk» нужно 3 темы в виде строк «- …»; сейчас их 1.`]);
  });
});

/** Files of a small pack (languages kk, en) for the checks across files. */
function set(files: Record<string, string>): WorksheetFile[] {
  return Object.entries(files).map(([path, source]) => {
    const [, folder = '', lang = 'en'] = /^worksheets\/([^/]+)\/(kk|en)\.md$/.exec(path) ?? [];
    return { path, folder, lang: lang as Lang, parsed: parseWorksheet(source, path, lang as Lang) };
  });
}
const setProblems = (files: Record<string, string>) => lines(checkWorksheetSet(set(files), new Set(['first-steps', 'safe-passwords']), ['kk', 'en']));
const QUIZ = sheet(':::choice Pick.\n- [x] a\n- [ ] b\n:::\n\n:::order Order.\n1. a\n2. b\n:::\n');

/** Checks that need the whole pack; each case names the rule. */
const ACROSS_FILES: [string, Record<string, string>, string[]][] = [
  [
    'a folder renamed, its id not',
    { 'worksheets/quiz-2/kk.md': QUIZ, 'worksheets/quiz-2/en.md': QUIZ, 'worksheets/quiz/kk.md': QUIZ, 'worksheets/quiz/en.md': QUIZ },
    [
      'worksheets/quiz-2/kk.md:2:1: the id “quiz” must equal its folder name “quiz-2”.',
      'worksheets/quiz-2/en.md:2:1: the id “quiz” must equal its folder name “quiz-2”.',
      'worksheets/quiz/kk.md:2:1: the id “quiz” is already used by worksheets/quiz-2.',
      'worksheets/quiz/en.md:2:1: the id “quiz” is already used by worksheets/quiz-2.',
    ],
  ],
  [
    'a lesson that is not in the pack, and a language missing',
    { 'worksheets/quiz/kk.md': QUIZ.replace('lesson: first-steps', 'lesson: passwords') },
    [
      'worksheets/quiz/kk.md:3:1: there is no lesson “passwords” in this pack; “lesson” must be one of: first-steps, safe-passwords.',
      'worksheets/quiz/en.md: “quiz” has no en version, but the pack says it is written in en.',
    ],
  ],
  [
    'a second family letter for the same lesson',
    Object.fromEntries(
      ['letter', 'more-letter'].flatMap((id) =>
        ['kk', 'en'].map((lang) => [`worksheets/${id}/${lang}.md`, sheet(':::talk\n- a\n- b\n- c\n:::\n', 'family-letter').replace('id: quiz', `id: ${id}`)]),
      ),
    ),
    ['worksheets/more-letter/kk.md:4:1: the lesson “first-steps” already has a family letter, worksheets/letter; a lesson has one.'],
  ],
  [
    'languages that disagree',
    {
      'worksheets/quiz/kk.md': QUIZ,
      'worksheets/quiz/en.md': QUIZ.replace('kind: worksheet', 'kind: family-letter').replace('lesson: first-steps', 'lesson: safe-passwords'),
    },
    [
      'worksheets/quiz/en.md:3:1: “lesson” is “safe-passwords” here but “first-steps” in worksheets/quiz/kk.md; it must be the same in every language.',
      'worksheets/quiz/en.md:4:1: “kind” is “family-letter” here but “worksheet” in worksheets/quiz/kk.md; it must be the same in every language.',
    ],
  ],
  [
    'questions that disagree',
    { 'worksheets/quiz/kk.md': QUIZ, 'worksheets/quiz/en.md': QUIZ.replace('- [x] a\n- [ ] b', '- [ ] a\n- [x] b').replace('2. b\n', '2. b\n3. c\n') },
    [
      'worksheets/quiz/en.md:7:1: question 1 marks other answers as right than worksheets/quiz/kk.md does; one answer key must fit every language.',
      'worksheets/quiz/en.md:12:1: question 2 has 3 lines here but 2 in worksheets/quiz/kk.md; give it the same options, statements, pairs, steps or cards in every language.',
    ],
  ],
  [
    'a question of another kind',
    { 'worksheets/quiz/kk.md': QUIZ, 'worksheets/quiz/en.md': QUIZ.replace(':::order Order.\n1. a\n2. b', ':::lines Why?') },
    ['worksheets/quiz/en.md:12:1: question 2 is “:::lines” here but “:::order” in worksheets/quiz/kk.md; every language needs the same questions.'],
  ],
  [
    'a question missing',
    { 'worksheets/quiz/kk.md': QUIZ, 'worksheets/quiz/en.md': QUIZ.replace(':::order Order.\n1. a\n2. b\n:::\n', '') },
    ['worksheets/quiz/en.md:7:1: this file has 1 question, but worksheets/quiz/kk.md has 2; every language needs the same questions.'],
  ],
];

describe('checks across files', () => {
  it.each(ACROSS_FILES)('%s', (_name, files, expected) => {
    expect(setProblems(files)).toEqual(expected);
  });

  it('a lesson lists its worksheets first, then its family letter, each by order and title, in one language', () => {
    const w = (id: string, kind: Worksheet['kind'], title: string, order?: number, lesson = 'a', lang: Lang = 'en') => ({
      worksheet: { id, lesson, kind, lang, title, items: [], ...(order === undefined ? {} : { order }) },
    });
    const all = [w('letter', 'family-letter', 'Letter'), w('b', 'worksheet', 'B'), w('z', 'worksheet', 'Z', 1), w('a', 'worksheet', 'A'), w('other', 'worksheet', 'O', 0, 'b'), w('kk', 'worksheet', 'K', 0, 'a', 'kk')];
    expect(worksheetsOfLesson(all, 'a', 'en').map((x) => x.worksheet.id)).toEqual(['z', 'a', 'b', 'letter']);
  });
});

describe('the rule tables', () => {
  it('every worksheet rule is shown by a case above', () => {
    const codes = new Set<string>();
    for (const [, source] of MISTAKES) for (const p of parseWorksheet(source, FILE, 'en').problems) codes.add(p.code);
    for (const [, files] of ACROSS_FILES) for (const p of checkWorksheetSet(set(files), new Set(['first-steps']), ['kk', 'en'])) codes.add(p.code);
    for (const code of WORKSHEET_PROBLEMS) expect(codes, code).toContain(code);
  });

  it('every worksheet problem and label has a message in every language', () => {
    for (const lang of LANGUAGES) {
      for (const code of WORKSHEET_PROBLEMS) expect(CATALOGUES[lang][`problem.${code}`], `${lang} ${code}`).toBeTruthy();
      expect(Object.values(worksheetLabels(createTranslator(lang)))).not.toContain(expect.stringMatching(/^worksheet\./));
    }
  });
});

describe('pupil copy and answer key', () => {
  const render = (copy: WorksheetCopy, item: WorksheetItem, lang: Lang = 'en') =>
    createWorksheetRenderer({ copy, labels: worksheetLabels(createTranslator(lang)), resolveImage: (src) => (src === 'media/shield.png' ? 'blob:shield' : null) })(item);
  const quiz = parseWorksheet(fixture('first-steps-quiz', 'en'), 'worksheets/first-steps-quiz/en.md', 'en').worksheet as Worksheet;
  const item = (kind: string) => quiz.items.find((i) => i.kind === kind) as WorksheetItem;

  it('multiple choice: empty tick boxes for the pupil; the right one ticked, and the answer, in the key', () => {
    expect(render('pupil', item('choice'))).toBe(
      '<div class="ws-q ws-choice" data-block="choice"><div class="ws-prompt"><p><span class="ws-num">1.</span> Who may know your password?</p>\n</div>' +
        '<ul class="ws-options"><li><span class="ws-tick"></span><span class="ws-text">Your best friend</span></li><li><span class="ws-tick"></span><span class="ws-text">Only you</span></li>' +
        '<li><span class="ws-tick"></span><span class="ws-text">A game moderator who asks for it</span></li></ul></div>\n',
    );
    expect(render('key', item('choice'))).toBe(
      '<div class="ws-q ws-choice" data-block="choice"><div class="ws-prompt"><p><span class="ws-num">1.</span> Who may know your password?</p>\n</div>' +
        '<ul class="ws-options"><li><span class="ws-tick"></span><span class="ws-text">Your best friend</span></li><li class="ws-correct"><span class="ws-tick ws-ticked">✓</span><span class="ws-text">Only you</span></li>' +
        '<li><span class="ws-tick"></span><span class="ws-text">A game moderator who asks for it</span></li></ul>' +
        '<div class="ws-answer"><p class="ws-answer-label">Answer</p><p>Nobody but you, not even your best friend.</p>\n</div></div>\n',
    );
  });

  it('true or false: a box under each word of the sheet’s language; the key ticks the right one', () => {
    const html = render('key', item('truefalse'), 'kk');
    expect(html).toContain('<thead><tr><td></td><th>Дұрыс</th><th>Бұрыс</th></tr></thead>');
    expect(html).toContain('<td class="ws-text">A link you are unsure about is better left unopened.</td><td class="ws-cell"><span class="ws-tick ws-ticked">✓</span></td><td class="ws-cell"><span class="ws-tick"></span></td>');
    expect(html).toContain('<td class="ws-text">It is fine to post your home address in a game chat.</td><td class="ws-cell"><span class="ws-tick"></span></td><td class="ws-cell"><span class="ws-tick ws-ticked">✓</span></td>');
  });

  it('matching: the pupil copy shuffles the right column and leaves a box for the letter; the key shows each pair with its letter', () => {
    const row = (left: string, gap: string, right: string) => `<tr><td class="ws-left">${left}</td><td class="ws-gap">${gap}</td><td class="ws-right">${right}</td></tr>`;
    const empty = '<span class="ws-write"></span>';
    const filled = (l: string) => `<span class="ws-write ws-filled">${l}</span>`;
    const n = (i: number, t: string) => `<span class="ws-num">${i}.</span> ${t}`;
    const l = (c: string, t: string) => `<span class="ws-letter">${c}.</span> ${t}`;
    const table = (rows: string[]) => `<table class="ws-match"><tbody>${rows.join('')}</tbody></table>`;
    expect(render('pupil', item('match'))).toContain(
      table([
        row(n(1, 'Keep your password secret'), empty, l('A', 'Your personal data stays private')),
        row(n(2, 'Do not send your address to strangers'), empty, l('B', 'Your account stays yours')),
        row(n(3, 'Ask before you post a photo of someone'), empty, l('C', 'Other people&#39;s privacy is respected')),
      ]),
    );
    expect(render('key', item('match'))).toContain(
      table([
        row(n(1, 'Keep your password secret'), filled('B'), l('B', 'Your account stays yours')),
        row(n(2, 'Do not send your address to strangers'), filled('A'), l('A', 'Your personal data stays private')),
        row(n(3, 'Ask before you post a photo of someone'), filled('C'), l('C', 'Other people&#39;s privacy is respected')),
      ]),
    );
  });

  it('ordering: shuffled with empty boxes for the pupil; the right order, numbered, in the key', () => {
    const li = (box: string, t: string) => `<li>${box}<span class="ws-text">${t}</span></li>`;
    const empty = '<span class="ws-write"></span>';
    expect(render('pupil', item('order'))).toContain(`<ul class="ws-order">${li(empty, 'Stop replying')}${li(empty, 'Tell an adult you trust')}${li(empty, 'Take a screenshot')}</ul>`);
    const filled = (k: number) => `<span class="ws-write ws-filled">${k}</span>`;
    expect(render('key', item('order'))).toContain(`<ul class="ws-order">${li(filled(1), 'Stop replying')}${li(filled(2), 'Take a screenshot')}${li(filled(3), 'Tell an adult you trust')}</ul>`);
  });

  it('write-in lines, boxes and drawing frames are rows of 1 cm; the key shows the answer in their place', () => {
    const rows = (n: number) => '<span class="ws-row"></span>'.repeat(n);
    expect(render('pupil', item('lines'))).toContain(`</div><div class="ws-lines">${rows(3)}</div></div>`);
    expect(render('key', item('lines'))).toContain(
      '</div><div class="ws-answer"><p class="ws-answer-label">Answer</p><p>Any one rule from the lesson, for example not opening links you are unsure about.</p>\n</div></div>',
    );
    const [box, drawing, bare] = itemsOf(':::box 2\nExplain.\nanswer: Because.\n:::\n\n:::drawing 5\nDraw.\nanswer: A shield.\n:::\n\n:::box\nNo answer here.\n:::\n') as WorksheetItem[];
    expect(render('pupil', box as WorksheetItem)).toContain(`<div class="ws-box-area">${rows(2)}</div>`);
    expect(render('pupil', drawing as WorksheetItem)).toContain(`<div class="ws-drawing-area">${rows(5)}</div>`);
    expect(render('key', drawing as WorksheetItem)).toContain('<p class="ws-answer-label">Answer</p><p>A shield.</p>');
    // Without an answer the key keeps the empty space, so it lines up with the pupil copy.
    expect(render('key', bare as WorksheetItem)).toBe(render('pupil', bare as WorksheetItem));
  });

  it('cut-out cards: one dashed card each, with the cutting hint in the sheet’s language', () => {
    const [cards] = itemsOf(':::cards\nSort the cards.\n- **Card 1.** A new friend asks for a photo.\n- **Card 2.** A classmate invites you to play.\nanswer: 1 is a red flag.\n:::\n');
    expect(render('pupil', cards as WorksheetItem, 'ru')).toContain(
      '<div class="ws-cards"><p class="ws-cut">Вырежьте карточки по пунктирным линиям</p><div class="ws-card"><strong>Card 1.</strong> A new friend asks for a photo.</div><div class="ws-card"><strong>Card 2.</strong> A classmate invites you to play.</div></div></div>',
    );
    expect(render('key', cards as WorksheetItem)).toContain('<p class="ws-answer-label">Answer</p><p>1 is a red flag.</p>');
  });

  it('a family letter’s talk block: the heading in the letter’s language and the three points', () => {
    const letter = parseWorksheet(fixture('first-steps-letter', 'kk'), 'worksheets/first-steps-letter/kk.md', 'kk').worksheet as Worksheet;
    const talk = letter.items.find((i) => i.kind === 'talk') as WorksheetItem;
    expect(render('pupil', talk, 'kk')).toBe(
      '<div class="ws-talk" data-block="talk"><p class="ws-talk-label">Үйде бірге әңгімелесетін үш тақырып</p><p>Кешкі ас үстінде сұрап көріңіз:</p>\n' +
        '<ol><li>Қай қолданбалар мен ойындарды жиі пайдаланасың?</li><li>Біреу құпиясөзіңді сұраса, не істейсің?</li><li>Интернетте бір нәрсе көңіліңді түсірсе, кімге айтасың?</li></ol></div>\n',
    );
  });

  it('a pupil copy carries nothing of an answer', () => {
    for (const q of quiz.items.filter(isQuestion)) {
      const html = render('pupil', q);
      expect(html).not.toMatch(/ws-answer|ws-ticked|ws-correct|ws-filled|✓/);
      if (q.answer) expect(html).not.toContain(q.answer);
    }
  });

  it('raw HTML is dropped, pictures come only from the pack, and only web links stay links', () => {
    const [q] = itemsOf(
      ':::choice Pick ![shield](media/shield.png) ![x](https://evil.example/x.png) <script>alert(1)</script>.\n- [x] <img src=x onerror=alert(2)> [yes](javascript:alert(3))\n- [ ] [UNICEF](https://www.unicef.org/)\nanswer: <iframe src="https://evil.example"></iframe>fine\n:::\n',
    );
    for (const copy of ['pupil', 'key'] as const) {
      const html = render(copy, q as WorksheetItem);
      expect(html).not.toMatch(/<\s*(script|iframe|style)\b|onerror|javascript:|evil\.example/i);
      expect(html).toContain('<img src="blob:shield" alt="shield" loading="lazy">');
      expect(html).toContain('<span class="missing-image">x</span>');
      expect(html).toContain('<span class="link-text">yes</span>');
      expect(html).toContain('<a href="https://www.unicef.org/" data-external="true" rel="noopener noreferrer">UNICEF</a>');
    }
  });
});
