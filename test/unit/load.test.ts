/**
 * Every validation rule of a lesson pack, with the message a user reads.
 * Fixtures: test/fixtures/packs/ (written by scripts/make-pack-fixtures.ts).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTranslator, formatProblem } from '../../src/core/i18n';
import type { Lang } from '../../src/core/base/languages';
import { createLessonRenderer, imageRefs } from '../../src/core/markdown/render';
import { loadPack, type LoadedPack, type PackFiles } from '../../src/core/pack/load';
import { resolveMediaPath } from '../../src/core/pack/media';
import { PackError } from '../../src/core/base/problems';
import { qpackFiles } from '../../src/core/pack/sources';
import { fileSource, packFolderFiles } from '../../src/node/pack-folder';

const PACKS = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));
const QPACKS = join(PACKS, 'qpack');

/** Loads a .qpack fixture from disk and closes the file afterwards. */
async function withQpack<T>(name: string, use: (files: PackFiles) => Promise<T>): Promise<T> {
  const source = await fileSource(join(QPACKS, `${name}.qpack`));
  try {
    return await use(await qpackFiles(source, `${name}.qpack`));
  } finally {
    await source.close();
  }
}

/** The problems of a pack that must be refused, as `path:line:col: message` lines in `lang`. */
async function problemLines(load: () => Promise<unknown>, lang: Lang = 'en'): Promise<string[]> {
  let error: unknown;
  try {
    await load();
  } catch (e) {
    error = e;
  }
  expect(error, 'the pack must be refused').toBeInstanceOf(PackError);
  const t = createTranslator(lang);
  return (error as PackError).problems.map((p) => formatProblem(t, p));
}

/** Loads with a media sink and checks that a refused pack wrote no media. */
async function refusedWithoutMedia(files: PackFiles, lang: Lang = 'en'): Promise<string[]> {
  const put = vi.fn(async () => true);
  const beforeMedia = vi.fn(async () => {});
  const lines = await problemLines(() => loadPack(files, { media: { put }, beforeMedia }), lang);
  expect(put).not.toHaveBeenCalled();
  expect(beforeMedia).not.toHaveBeenCalled();
  return lines;
}

const folderProblems = async (name: string, lang: Lang = 'en') => refusedWithoutMedia(await packFolderFiles(join(PACKS, name)), lang);
const qpackProblems = (name: string, lang: Lang = 'en') => withQpack(name, (files) => refusedWithoutMedia(files, lang));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const KK = 'lessons/first-steps/kk.md';
const EN = 'lessons/first-steps/en.md';
const QUIZ_EN = 'worksheets/first-steps-quiz/en.md';
const CHECK = 'quizzes/first-steps-check.yaml';

/**
 * Each broken folder (the good pack with one thing broken) and exactly the
 * problems it must produce. The line numbers were checked against the files.
 */
const BROKEN: Record<string, string[]> = {
  'yaml-syntax': ['pack.yaml:8:1: YAML syntax error: All mapping items must start at the same column'],
  'front-matter-unknown-field': [`${KK}:4:1: unknown field “colour”.`],
  'front-matter-missing': [`${KK}:1:1: the lesson must start with front matter between two “---” lines.`],
  'front-matter-unclosed': [`${KK}:1:1: the front matter has no closing “---” line.`],
  'missing-required': [`${KK}:2:1: the field “minutes” is required.`],
  'wrong-enum': [
    `${KK}:4:8: “topic” must be one of: cyberbullying, harmful-content, privacy, screen-time, grooming, image-sharing, scams, getting-help, accounts, news-and-media, ai, digital-footprint, games-and-money, relationships.`,
  ],
  'missing-language': [`${EN}: the lesson “first-steps” has no en version, but the pack says it is written in en.`],
  'unknown-language': ['lessons/first-steps/de.md:1:1: “de” is not a language of this pack (kk, en).'],
  'duplicate-id': [
    'lessons/second-steps/en.md:2:1: the lesson id “first-steps” must equal its folder name “second-steps”.',
    'lessons/second-steps/kk.md:2:1: the lesson id “first-steps” must equal its folder name “second-steps”.',
    'lessons/second-steps/en.md:2:1: the lesson id “first-steps” is already used by lessons/first-steps.',
    'lessons/second-steps/kk.md:2:1: the lesson id “first-steps” is already used by lessons/first-steps.',
  ],
  'id-mismatch': [`${KK}:2:1: the lesson id “first-step” must equal its folder name “first-steps”.`],
  'missing-media': [`${KK}:21:1: the image “media/lock.png” is not in the pack's media folder.`],
  'remote-image': [
    `${EN}:21:1: the image “https://example.org/shield.png” is on the internet; lessons may only show images from the pack's media folder.`,
  ],
  'unknown-block': [`${EN}:38:4: unknown block “:::danger”; use one of: tip, warning, question, activity, teacher.`],
  'unclosed-block': [`${EN}:34:1: the block “:::tip” is not closed with a “:::” line before the next block or the end of the file.`],
  // "summary: Интернетте " is 20 characters; the bad byte is the 21st.
  'invalid-utf8': [`${KK}:7:21: the text is not valid UTF-8. Save the file as UTF-8.`],
  'unexpected-file': [
    'lessons/first-steps/notes.txt: this file does not belong in a pack; expected pack.yaml, lessons/<id>/<language>.md, scenarios/<id>.yaml, worksheets/<id>/<language>.md, quizzes/<id>.yaml or media/.',
    'script.js: this file does not belong in a pack; expected pack.yaml, lessons/<id>/<language>.md, scenarios/<id>.yaml, worksheets/<id>/<language>.md, quizzes/<id>.yaml or media/.',
  ],
  'bad-media-type': ['media/run.exe: this kind of media file is not allowed; use one of: png, jpg, jpeg, gif, webp, svg.'],
  'no-lessons': ['pack.yaml: the pack has no lessons.'],
  'unsupported-format': ['pack.yaml:2:1: format version 2 is not supported; this Qorgau reads version 1. Update the app.'],
  'missing-pack-yaml': ['pack.yaml: pack.yaml is missing.'],
  'bad-version': ['pack.yaml:4:10: “version” has the wrong format.'],
  'minutes-too-small': [`${KK}:6:10: “minutes” must be at least 5.`],
  'minutes-wrong-type': [`${KK}:6:10: “minutes” has the wrong type: expected number.`],
  'empty-title': [`${EN}:3:8: “title” must not be empty.`],
  'empty-objectives': [`${EN}:9:13: “objectives” needs at least 1 item.`],
  'worksheet-unknown-lesson': [
    'worksheets/first-steps-quiz/en.md:3:1: there is no lesson “first-step” in this pack; “lesson” must be one of: first-steps.',
    'worksheets/first-steps-quiz/kk.md:3:1: there is no lesson “first-step” in this pack; “lesson” must be one of: first-steps.',
  ],
  'worksheet-missing-language': ['worksheets/first-steps-letter/en.md: “first-steps-letter” has no en version, but the pack says it is written in en.'],
  'worksheet-blocks': [
    `${QUIZ_EN}:12:1: no option is marked as right: write “- [x]” before each right option; the tick shows only in the answer key.`,
    `${QUIZ_EN}:20:4: unknown block “:::true-false”; use one of: lines, box, choice, truefalse, match, order, drawing, cards.`,
    `${QUIZ_EN}:34:1: “answer:” stands outside a question block, so it would be printed on the pupil's copy: move it into the question, above its closing “:::”, as “answer: …”.`,
    `${QUIZ_EN}:43:10: the size of “:::lines” must be a whole number from 1 to 20 (one line is 1 cm), not “30”.`,
  ],
  'worksheet-languages-differ': [
    `${QUIZ_EN}:12:1: question 1 marks other answers as right than worksheets/first-steps-quiz/kk.md does; one answer key must fit every language.`,
    `${QUIZ_EN}:35:1: question 4 has 2 lines here but 3 in worksheets/first-steps-quiz/kk.md; give it the same options, statements, pairs, steps or cards in every language.`,
  ],
  'quiz-unknown-lesson': [`${CHECK}:3:9: there is no lesson “first-step” in this pack; “lesson” must be one of: first-steps.`],
  'quiz-schema': [
    `${CHECK}:7:11: “passMark” must be at most 100.`,
    `${CHECK}:23:9: unknown field “questions.0.options.1.right”.`,
    `${CHECK}:67:11: “questions.2.kind” must be one of: single, multiple, truefalse, order, match.`,
    `${CHECK}:108:7: “questions.4.pairs” needs at least 2 items.`,
  ],
  'quiz-answers': [
    `${CHECK}:15:7: a “single” question has one right option, but 2 are marked “correct: true”; use “kind: multiple” when several are right.`,
    `${CHECK}:44:7: no option is marked as right: add “correct: true” to each right option.`,
    `${CHECK}:100:15: “questions.3.items.2.text” has the same en text as “questions.3.items.0.text”; pupils could not tell them apart.`,
  ],
  'quiz-ids-and-languages': [
    'quizzes/first-steps-test.yaml:2:5: the quiz id “first-steps-check” must equal the file name “first-steps-test”.',
    'quizzes/first-steps-test.yaml:96:11: “questions.3.items.1.feedback” has no en text, but the pack is written in en.',
    'quizzes/first-steps-test.yaml:97:13: “stop” is used twice; it was first used on line 87.',
    'quizzes/first-steps-test.yaml:101:9: “password” is used twice; it was first used on line 9.',
  ],
};

describe('the good pack', () => {
  let loaded: LoadedPack;

  it('loads from its folder with every lesson in every language', async () => {
    loaded = await loadPack(await packFolderFiles(join(PACKS, 'good')));
    expect(loaded.meta).toMatchObject({
      formatVersion: 1,
      id: 'fixture-good',
      version: '1.0.0',
      languages: ['kk', 'ru', 'en'],
      title: { kk: 'Сынақ жинағы', ru: 'Тестовый набор', en: 'Test pack' },
      ageBands: ['10-12', '13-15'],
    });
    // Sorted by order, then lesson id, then language.
    expect(loaded.lessons.map((l) => [l.lessonId, l.lang, l.path, l.meta.title])).toEqual([
      ['first-steps', 'en', 'lessons/first-steps/en.md', 'First steps online'],
      ['first-steps', 'kk', 'lessons/first-steps/kk.md', 'Интернеттегі алғашқы қадамдар'],
      ['first-steps', 'ru', 'lessons/first-steps/ru.md', 'Первые шаги в интернете'],
      ['safe-passwords', 'en', 'lessons/safe-passwords/en.md', 'Safe passwords'],
      ['safe-passwords', 'kk', 'lessons/safe-passwords/kk.md', 'Қауіпсіз құпиясөздер'],
      ['safe-passwords', 'ru', 'lessons/safe-passwords/ru.md', 'Надёжные пароли'],
    ]);
    for (const l of loaded.lessons) {
      expect(l.meta).toMatchObject({ id: l.lessonId, topic: 'privacy' });
      expect(l.meta.minutes).toBe(l.lessonId === 'first-steps' ? 30 : 40);
      expect(l.meta.order).toBe(l.lessonId === 'first-steps' ? 10 : 20);
    }
  });

  it('records the media with their SHA-256, type and size', async () => {
    const bytes = new Uint8Array(readFileSync(join(PACKS, 'good/media/shield.png')));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(loaded.media).toEqual([{ path: 'media/shield.png', sha256: sha256(bytes), type: 'image/png', size: bytes.length }]);
  });

  it('finds the image from the pack root and from the lesson folder', () => {
    const refs = loaded.lessons.map((l) => [l.path, imageRefs(l.body).map((r) => resolveMediaPath(r.src, l.path))]);
    for (const [, targets] of refs) expect(targets).toEqual(['media/shield.png']);
    const first = loaded.lessons.find((l) => l.lessonId === 'first-steps' && l.lang === 'kk');
    const second = loaded.lessons.find((l) => l.lessonId === 'safe-passwords' && l.lang === 'kk');
    expect(imageRefs(first?.body ?? '')[0]?.src).toBe('media/shield.png');
    expect(imageRefs(second?.body ?? '')[0]?.src).toBe('../../media/shield.png');
  });

  it('knows where each body starts in its file', () => {
    for (const l of loaded.lessons) {
      const lines = readFileSync(join(PACKS, 'good', l.path), 'utf8').split('\n');
      expect(lines[l.bodyLine - 2], l.path).toBe('---');
      expect(l.body.split('\n').slice(0, 3).join('\n'), l.path).toBe(lines.slice(l.bodyLine - 1, l.bodyLine + 2).join('\n'));
    }
  });

  it('keeps the words search looks for, without markup', () => {
    const kk = loaded.lessons.filter((l) => l.lang === 'kk').map((l) => l.text.toLowerCase()).join(' ');
    for (const word of ['интернетте', 'балаларға', 'қауіпсіздік']) expect(kk).toContain(word);
    for (const l of loaded.lessons) expect(l.text).not.toMatch(/:::|\|\s*---|!\[|<\w/);
    // Block titles, table cells and list items are part of the text.
    const en = loaded.lessons.find((l) => l.lessonId === 'first-steps' && l.lang === 'en')?.text ?? '';
    expect(en).toContain('Never tell anyone your password');
    expect(en).toContain('do not open links you are unsure about');
    expect(en).toContain('Task');
  });

  it('loads the same from its .qpack, where the manifest is checked', async () => {
    const fromQpack = await withQpack('good', (files) => loadPack(files));
    expect(fromQpack).toEqual(loaded);
  });

  it('writes each media file to the sink once, after the text was checked', async () => {
    const events: string[] = [];
    await loadPack(await packFolderFiles(join(PACKS, 'good')), {
      beforeMedia: async (meta) => void events.push(`before ${meta.id} ${meta.version}`),
      media: { put: async (sha, bytes, type) => events.push(`put ${sha} ${bytes.length} ${type}`) > 0 },
    });
    expect(events).toEqual(['before fixture-good 1.0.0', `put ${loaded.media[0]?.sha256} ${loaded.media[0]?.size} image/png`]);
  });

  it('has a v2 with a new title and a v0, under the same id', async () => {
    const v2 = await loadPack(await packFolderFiles(join(PACKS, 'good-v2')));
    const v0 = await withQpack('good-v0', (files) => loadPack(files));
    expect([v2.meta.id, v2.meta.version, v0.meta.id, v0.meta.version]).toEqual(['fixture-good', '1.1.0', 'fixture-good', '0.9.0']);
    const titles = (p: LoadedPack) => p.lessons.map((l) => l.meta.title);
    expect(titles(v2)).toEqual(titles(loaded).map((t) => (t === 'First steps online' ? 'Your first steps online' : t)));
    expect(titles(v0)).toEqual(titles(loaded));
  });
});

describe('a pack with worksheets', () => {
  it('returns each worksheet and family letter in each language, parsed, from its folder and its .qpack alike', async () => {
    const pack = await loadPack(await packFolderFiles(join(PACKS, 'good-worksheets')));
    expect(pack.worksheets.map((w) => [w.worksheetId, w.lang, w.path, w.worksheet.kind, w.worksheet.lesson, w.worksheet.title])).toEqual([
      ['first-steps-letter', 'en', 'worksheets/first-steps-letter/en.md', 'family-letter', 'first-steps', 'A letter to families — first steps online'],
      ['first-steps-letter', 'kk', 'worksheets/first-steps-letter/kk.md', 'family-letter', 'first-steps', 'Ата-аналарға хат — интернеттегі алғашқы қадамдар'],
      ['first-steps-quiz', 'en', QUIZ_EN, 'worksheet', 'first-steps', 'First steps online — check yourself'],
      ['first-steps-quiz', 'kk', 'worksheets/first-steps-quiz/kk.md', 'worksheet', 'first-steps', 'Интернеттегі алғашқы қадамдар — өзіңді тексер'],
    ]);
    const quiz = pack.worksheets.find((w) => w.path === QUIZ_EN)?.worksheet;
    expect(quiz?.items.map((i) => (i.kind === 'prose' ? i.markdown : `${'number' in i ? i.number : ''} ${i.kind}`))).toEqual([
      'Answer the questions on your own. Then compare your answers with a partner.',
      '1 choice',
      '2 truefalse',
      '## Part 2',
      '3 match',
      '4 order',
      '5 lines',
    ]);
    expect(await withQpack('good-worksheets', (files) => loadPack(files))).toEqual(pack);
  });

  it('a pack without worksheets has an empty list', async () => {
    expect((await loadPack(await packFolderFiles(join(PACKS, 'good')))).worksheets).toEqual([]);
  });
});

describe('a pack with quizzes', () => {
  it('returns each quiz with its questions, from its folder and its .qpack alike', async () => {
    const pack = await loadPack(await packFolderFiles(join(PACKS, 'good-quizzes')));
    expect(pack.quizzes.map((q) => [q.quizId, q.path, q.quiz.lesson, q.quiz.title.kk, q.quiz.title.en, q.quiz.passMark])).toEqual([
      ['first-steps-check', CHECK, 'first-steps', 'Интернеттегі алғашқы қадамдар — тест', 'First steps online — quiz', 60],
    ]);
    expect(pack.quizzes[0]?.quiz.questions.map((q) => `${q.id} ${q.kind}`)).toEqual(['password single', 'private-data multiple', 'unsure-link truefalse', 'chat-steps order', 'rules match']);
    expect(await withQpack('good-quizzes', (files) => loadPack(files))).toEqual(pack);
  });

  it('a pack without quizzes has an empty list', async () => {
    expect((await loadPack(await packFolderFiles(join(PACKS, 'good')))).quizzes).toEqual([]);
  });

  it('quiz problems in Kazakh and Russian', async () => {
    expect(await folderProblems('quiz-answers', 'kk')).toEqual([
      `${CHECK}:15:7: «single» сұрағында бір ғана дұрыс нұсқа болады, ал мұнда 2 нұсқа «correct: true» деп белгіленген; бірнеше нұсқа дұрыс болса, «kind: multiple» деп жазыңыз.`,
      `${CHECK}:44:7: бірде-бір нұсқа дұрыс деп белгіленбеген: әр дұрыс нұсқаға «correct: true» деп қосыңыз.`,
      `${CHECK}:100:15: «questions.3.items.2.text» өрісінің en тіліндегі мәтіні «questions.3.items.0.text» мәтінімен бірдей; оқушылар оларды ажырата алмайды.`,
    ]);
    expect(await folderProblems('quiz-unknown-lesson', 'ru')).toEqual([`${CHECK}:3:9: в этом наборе нет урока «first-step»; «lesson» должно быть одним из: first-steps.`]);
  });
});

describe('a broken pack folder is refused with every problem, and nothing is written', () => {
  it.each(Object.entries(BROKEN))('%s', async (name, expected) => {
    expect(await folderProblems(name)).toEqual(expected);
  });
});

describe('the same broken pack as a .qpack gives the same problems', () => {
  it.each(Object.entries(BROKEN))('%s.qpack', async (name, expected) => {
    expect(await qpackProblems(name)).toEqual(expected);
  });
});

describe('problems only a .qpack can have', () => {
  const kkSize = statSync(join(PACKS, 'good', KK)).size;

  it('no manifest', async () => {
    expect(await qpackProblems('no-manifest')).toEqual(['manifest.json: manifest.json is missing; build the pack with “qorgau pack build”.']);
  });

  it('a lesson changed after the manifest was written', async () => {
    expect(await qpackProblems('hash-mismatch')).toEqual([
      `${KK}: the file differs from the one listed in manifest.json; the pack was changed or damaged after it was built.`,
    ]);
  });

  it('a lesson that grew after the manifest was written', async () => {
    expect(await qpackProblems('size-mismatch')).toEqual([`${KK}: the file has ${kkSize + 1} bytes, but manifest.json says ${kkSize}.`]);
  });

  it('a file the manifest does not list', async () => {
    expect(await qpackProblems('unlisted-file')).toEqual(['media/extra.png: the file is not listed in manifest.json.']);
  });

  it('a file the manifest lists but the pack lacks', async () => {
    expect(await qpackProblems('manifest-missing-file')).toEqual([
      'manifest.json: manifest.json lists “lessons/safe-passwords/ru.md”, but the pack does not contain it.',
    ]);
  });

  it('a manifest that is not JSON', async () => {
    const lines = await qpackProblems('manifest-invalid');
    expect(lines).toHaveLength(1);
    // The detail is the JSON parser's own message, which differs between engines.
    expect(lines[0]).toMatch(/^manifest\.json:1:1: manifest\.json is not valid: \S.*/s);
  });

  it('a media file changed after the manifest was written: found only once media are being written', async () => {
    const put = vi.fn(async (_sha256: string, _bytes: Uint8Array, _type: string) => true);
    const lines = await withQpack('media-hash-mismatch', (files) => problemLines(() => loadPack(files, { media: { put } })));
    expect(lines).toEqual([
      'media/shield.png: the file differs from the one listed in manifest.json; the pack was changed or damaged after it was built.',
    ]);
    // media/badge.png is fine and was written before media/shield.png failed; the importer must clean it up.
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]?.[2]).toBe('image/png');
  });
});

describe('messages in Kazakh and Russian', () => {
  it('unknown field', async () => {
    expect((await folderProblems('front-matter-unknown-field', 'kk'))[0]).toBe(`${KK}:4:1: «colour» деген белгісіз өріс.`);
    expect((await folderProblems('front-matter-unknown-field', 'ru'))[0]).toBe(`${KK}:4:1: неизвестное поле «colour».`);
  });

  it('a missing language version', async () => {
    expect(await folderProblems('missing-language', 'kk')).toEqual([
      `${EN}: «first-steps» сабағының en нұсқасы жоқ, ал жинақ бұл тілде жазылған деп көрсетеді.`,
    ]);
    expect(await folderProblems('missing-language', 'ru')).toEqual([
      `${EN}: у урока «first-steps» нет версии на языке en, хотя набор заявляет этот язык.`,
    ]);
  });

  it('a missing image', async () => {
    expect(await qpackProblems('missing-media', 'kk')).toEqual([`${KK}:21:1: «media/lock.png» суреті жинақтың media қалтасында жоқ.`]);
    expect(await qpackProblems('missing-media', 'ru')).toEqual([`${KK}:21:1: изображения «media/lock.png» нет в папке media набора.`]);
  });

  it('a wrong topic', async () => {
    const values = 'cyberbullying, harmful-content, privacy, screen-time, grooming, image-sharing, scams, getting-help, accounts, news-and-media, ai, digital-footprint, games-and-money, relationships';
    expect((await folderProblems('wrong-enum', 'kk'))[0]).toBe(`${KK}:4:8: «topic» мына мәндердің бірі болуы керек: ${values}.`);
    expect((await folderProblems('wrong-enum', 'ru'))[0]).toBe(`${KK}:4:8: «topic» должно быть одним из: ${values}.`);
  });
});

describe('hostile Markdown', () => {
  it('is a valid pack: lint allows raw HTML in the body', async () => {
    const pack = await loadPack(await packFolderFiles(join(PACKS, 'hostile-markdown')));
    expect(pack.meta.id).toBe('fixture-hostile');
    expect(pack.lessons.map((l) => l.path)).toEqual([EN, KK]);
    expect(pack.lessons[0]?.body).toContain('<script>alert(1)</script>');
    await expect(withQpack('hostile-markdown', (files) => loadPack(files))).resolves.toEqual(pack);
  });

  it('renders to HTML with no script, handler, frame, form, style or dangerous link left', async () => {
    const pack = await loadPack(await packFolderFiles(join(PACKS, 'hostile-markdown')));
    const labels = { tip: 'Tip', warning: 'Warning', question: "Let's discuss", activity: 'Activity', teacher: "Teacher's note" };
    for (const lesson of pack.lessons) {
      for (const audience of ['pupil', 'teacher'] as const) {
        const render = createLessonRenderer({
          audience,
          labels,
          resolveImage: (src) => (resolveMediaPath(src, lesson.path) === 'media/shield.png' ? 'blob:qorgau/shield' : null),
        });
        const html = render(lesson.body);
        expect(html).toContain('This paragraph is safe and must stay visible.');
        expect(html).toContain('The last paragraph is safe too');
        // A web link survives, marked for the reader to ask before it opens.
        expect(html).toContain('<a href="https://www.unicef.org/" data-external="true" rel="noopener noreferrer">UNICEF</a>');
        expect(html).not.toMatch(/<\s*(script|iframe|style|form|input|object|embed|link|img|svg)\b/i);
        // The only anchor left is the web link.
        expect(html.match(/<a\b/gi)).toHaveLength(1);
        expect(html).not.toMatch(/\bon[a-z]+\s*=|javascript:|vbscript:|data:text|evil\.example|display:\s*none/i);
        // The link texts stay, as plain text.
        expect(html).toContain('<span class="link-text">click</span>');
      }
    }
  });

  it('a raw <img> is still checked against media/: src=x is reported as a missing image', async () => {
    const files = await packFolderFiles(join(PACKS, 'hostile-markdown'));
    const withImgX: PackFiles = {
      ...files,
      files: files.files.map((f) =>
        f.path === KK
          ? { ...f, read: async () => new TextEncoder().encode(new TextDecoder().decode(await f.read()).replace('<img src=media/shield.png onerror=alert(1)>', '<img src=x onerror=alert(1)>')) }
          : f,
      ),
    };
    const lines = await problemLines(() => loadPack(withImgX));
    expect(lines).toEqual([expect.stringMatching(/^lessons\/first-steps\/kk\.md:\d+:1: the image “x” is not in the pack's media folder\.$/)]);
  });
});

describe('a pack folder with a link in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused before anything is read', async () => {
    const root = join(dir, 'linked');
    cpSync(join(PACKS, 'good'), root, { recursive: true });
    symlinkSync(join(root, 'media/shield.png'), join(root, 'media/link.png'));
    expect(await problemLines(() => packFolderFiles(root))).toEqual([
      'media/link.png: a link or special file; only ordinary files and folders are allowed.',
    ]);
  });
});

describe('a ministry pack that names its statistics collector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withStatistics = (name: string, collector: string) => {
    const root = join(dir, name);
    cpSync(join(PACKS, 'good'), root, { recursive: true });
    const yaml = readFileSync(join(root, 'pack.yaml'), 'utf8');
    writeFileSync(join(root, 'pack.yaml'), `${yaml.trimEnd()}\nstatistics:\n  collector: ${collector}\n`);
    return { root, line: yaml.trimEnd().split('\n').length + 2 };
  };

  it('carries an https address for the administrator’s page', async () => {
    const { root } = withStatistics('https', 'https://stats.edu.example.kz');
    const pack = await loadPack(await packFolderFiles(root));
    expect(pack.meta.statistics).toEqual({ collector: 'https://stats.edu.example.kz' });
  });

  it('is refused with the line when the address is not https', async () => {
    const { root, line } = withStatistics('http', 'http://stats.edu.example.kz');
    expect(await folderProblemsAt(root)).toEqual([`pack.yaml:${line}:14: “statistics.collector” has the wrong format.`]);
  });
});

async function folderProblemsAt(root: string): Promise<string[]> {
  return refusedWithoutMedia(await packFolderFiles(root));
}
