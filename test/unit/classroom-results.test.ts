/**
 * Results from many PCs on one teacher's PC (docs/classroom.md): pupil codes,
 * the results file a PC writes to a USB stick, what is refused on import, how
 * files are merged, and backups.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomId, RANDOM_ID } from '../../src/core/base/bytes';
import { checkClassCode, checkPupilCode, classOfPupil, normaliseClassCode, normalisePupilCode } from '../../src/core/classroom/codes';
import { addedCount, mergeAll, mergeResults, type MergeReport } from '../../src/core/classroom/merge';
import { hashPin } from '../../src/core/classroom/pin';
import {
  backupFileName,
  canonicalJson,
  emptyClassroom,
  exportResults,
  parseBackupFile,
  parseResultsFile,
  resultsFileName,
  sortClassroom,
  writeBackup,
  type ClassroomData,
  type LessonProgress,
  type QuizAttempt,
  type ReadResult,
  type ScenarioPlay,
} from '../../src/core/classroom/results';
import { createTranslator, formatProblem } from '../../src/core/i18n';
import type { Lang } from '../../src/core/base/languages';

const PC_A = { install: 'p3c4x7r2m9n8b6v5c4x3z2a1q0', exportedAt: '2025-10-02T12:00:00.000Z' };
const PC_B = { install: 'b7d2k9m4q8r3t6v1w5x0y2z3a4', exportedAt: '2025-10-02T12:05:00.000Z' };
const say = (r: ReadResult<unknown>, lang: Lang = 'en') => (r.ok ? 'read' : formatProblem(createTranslator(lang), r.problem));

const attempt = (id: string, pupil: string, extra: Partial<QuizAttempt> = {}): QuizAttempt => ({
  id,
  pupil,
  class: classOfPupil(pupil),
  quiz: 'qorgau-core/privacy-personal-data-quiz',
  packVersion: '1.3.0',
  lang: 'kk',
  answers: { 'what-is': { kind: 'single', option: 'address' }, steps: { kind: 'order', items: ['a', 'b'] } },
  points: 1.5,
  max: 2,
  percent: 75,
  passed: true,
  startedAt: '2025-10-02T09:10:00.000Z',
  finishedAt: '2025-10-02T09:16:30.000Z',
  ...extra,
});
const A1 = 'k3m9qz0a1b2c3d4e5f6g7h8j9k';
const A2 = 'a0b1c2d3e4f5g6h7j8k9m0n1p2';
const A3 = 'zzzzzzzzzzzzzzzzzzzzzzzzzz';

/** The lab PC in room 12: pupil 7B-14 took a quiz and finished a lesson. Her display name was typed there. */
const LAB: ClassroomData = {
  classes: [{ code: '7B', name: '7 «B»', grade: 7, language: 'kk', updatedAt: '2025-09-01T08:00:00.000Z' }],
  pupils: [{ code: '7B-14', displayName: 'Aruzhan S.', updatedAt: '2025-09-01T08:05:00.000Z' }],
  attempts: [attempt(A1, '7B-14')],
  lessons: [{ pupil: '7B-14', lesson: 'qorgau-core/privacy-personal-data', startedAt: '2025-10-02T09:00:00.000Z', completedAt: '2025-10-02T09:40:00.000Z' }],
  scenarios: [],
};

const GOLDEN = `{
  "format": "qorgau-results",
  "version": 1,
  "install": "p3c4x7r2m9n8b6v5c4x3z2a1q0",
  "exportedAt": "2025-10-02T12:00:00.000Z",
  "sha256": "d3f908e5bf40a965060075dd6e4f76164d078f23332bced97648191ce735ad92",
  "content": {
    "classes": [
      {
        "code": "7B",
        "name": "7 «B»",
        "grade": 7,
        "language": "kk",
        "updatedAt": "2025-09-01T08:00:00.000Z"
      }
    ],
    "pupils": [
      {
        "code": "7B-14"
      }
    ],
    "attempts": [
      {
        "id": "k3m9qz0a1b2c3d4e5f6g7h8j9k",
        "pupil": "7B-14",
        "class": "7B",
        "quiz": "qorgau-core/privacy-personal-data-quiz",
        "packVersion": "1.3.0",
        "lang": "kk",
        "answers": {
          "what-is": {
            "kind": "single",
            "option": "address"
          },
          "steps": {
            "kind": "order",
            "items": [
              "a",
              "b"
            ]
          }
        },
        "points": 1.5,
        "max": 2,
        "percent": 75,
        "passed": true,
        "startedAt": "2025-10-02T09:10:00.000Z",
        "finishedAt": "2025-10-02T09:16:30.000Z"
      }
    ],
    "lessons": [
      {
        "pupil": "7B-14",
        "lesson": "qorgau-core/privacy-personal-data",
        "startedAt": "2025-10-02T09:00:00.000Z",
        "completedAt": "2025-10-02T09:40:00.000Z"
      }
    ],
    "scenarios": []
  }
}
`;

describe('class and pupil codes', () => {
  it.each([
    ['7B-14', '7B-14'],
    ['7b-14', '7B-14'],
    [' 7 B – 14 ', '7B-14'],
    ['07B-014', '7B-14'],
    ['7B14', '7B-14'],
    ['7В-14', '7B-14'], // Cyrillic В: the same code as on an English keyboard
    ['10ә-3', '10Ә-3'],
    ['11Б/2', '11Б-2'],
    ['12A-99', '12A-99'],
  ])('“%s” is %s', (typed, code) => {
    expect(normalisePupilCode(typed)).toBe(code);
  });

  it.each(['13A-1', '0A-1', '7-14', '7B-0', '7B-100', '7BB-1', 'B7-14', '7B-1a', ''])('“%s” is not a pupil code', (typed) => {
    expect(normalisePupilCode(typed)).toBeUndefined();
  });

  it('class codes, and the messages a teacher or pupil reads', () => {
    expect(['7b', ' 10 Ә ', '7В', '1a'].map(normaliseClassCode)).toEqual(['7B', '10Ә', '7B', '1A']);
    expect(normaliseClassCode('7')).toBeUndefined();
    const t = createTranslator('en');
    const say = (r: { problem: Parameters<typeof formatProblem>[1] } | { code: string }) => ('code' in r ? r.code : formatProblem(t, r.problem));
    expect(say(checkPupilCode('7b-14', '7B'))).toBe('7B-14');
    expect(say(checkPupilCode('14', '7B'))).toBe("a pupil code is the class, a dash and the pupil's number from 1 to 99, such as 7B-14.");
    expect(say(checkPupilCode('7A-14', '7B'))).toBe('the code 7A-14 belongs to another class, not to 7B.');
    expect(say(checkClassCode('7'))).toBe('a class code is the grade (1 to 12) and one letter, such as 7B or 10Ә.');
    expect(formatProblem(createTranslator('kk'), (checkPupilCode('7A-14', '7B') as { problem: never }).problem)).toBe('7A-14 коды 7B сыныбына емес, басқа сыныпқа тиесілі.');
  });

  it('random IDs are 26 base32 characters and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(RANDOM_ID);
  });
});

describe('the results file a PC writes to a USB stick', () => {
  it('is JSON with a format marker, version, install ID, export time, checksum and the results', async () => {
    expect(await exportResults(LAB, PC_A)).toBe(GOLDEN);
    expect(resultsFileName(PC_A)).toBe('qorgau-results-2025-10-02-p3c4x7.json');
  });

  it('the checksum is the SHA-256 of the file’s fields as canonical JSON, so re-indenting the file keeps it valid', async () => {
    const file = JSON.parse(GOLDEN);
    const { sha256, ...fields } = file;
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
    expect(createHash('sha256').update(JSON.stringify(sorted(fields))).digest('hex')).toBe(sha256);
    expect(canonicalJson(fields)).toBe(JSON.stringify(sorted(fields)));
    expect(say(await parseResultsFile(JSON.stringify(file), 'x.json'))).toBe('read');
    expect(say(await parseResultsFile(`\uFEFF${JSON.stringify(file, null, '\t').replaceAll('\n', '\r\n')}`, 'x.json'))).toBe('read');
  });

  it('never contains a display name, whatever the data (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(classroomData(true), async (data) => {
        const text = await exportResults(data, PC_A);
        for (const p of data.pupils) if (p.displayName) expect(text).not.toContain(JSON.stringify(p.displayName));
        expect(text).not.toContain('displayName');
      }),
      { numRuns: 50 },
    );
  });

  it('can be limited to some classes', async () => {
    const data = { ...LAB, attempts: [...LAB.attempts, attempt(A2, '8A-1')] };
    const file = await parseResultsFile(await exportResults(data, PC_A, { classes: ['8A'] }), 'x.json');
    expect(file.ok && [file.content.classes, file.content.pupils, file.content.attempts.map((a) => a.id), file.content.lessons]).toEqual([[], [{ code: '8A-1' }], [A2], []]);
  });

  it('the example in docs/classroom.md is a valid results file', async () => {
    const doc = readFileSync('docs/classroom.md', 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(await parseResultsFile(example, 'example.json')).toEqual({ ok: true, info: PC_A, content: { ...LAB, pupils: [{ code: '7B-14' }] } });
  });

  it('reads back exactly what was written, without the display name', async () => {
    const file = await parseResultsFile(new TextEncoder().encode(GOLDEN), 'qorgau-results-2025-10-02-p3c4x7.json');
    expect(file).toEqual({ ok: true, info: PC_A, content: { ...LAB, pupils: [{ code: '7B-14' }] } });
  });
});

describe('a damaged or foreign file is refused with a clear message', () => {
  const NAME = 'results.json';
  /** A file whose content was changed and whose checksum was made again, as a tool other than Qorgau might. */
  const resealed = (change: (file: { content: { pupils: unknown[]; attempts: unknown[] } }) => void) => {
    const file = JSON.parse(GOLDEN);
    change(file);
    const { sha256: _, ...fields } = file;
    file.sha256 = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    return JSON.stringify(file);
  };

  it.each<[string, string | Uint8Array, string]>([
    ['a picture', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), `${NAME}: this is not a Qorgau results file. Choose a file that Qorgau saved. Nothing was changed.`],
    ['another program’s JSON', '{"name":"my-app","version":"1.0.0"}', `${NAME}: this is not a Qorgau results file. Choose a file that Qorgau saved. Nothing was changed.`],
    ['a JSON list', '[1, 2, 3]', `${NAME}: this is not a Qorgau results file. Choose a file that Qorgau saved. Nothing was changed.`],
    ['an empty file', '', `${NAME}: this is not a Qorgau results file. Choose a file that Qorgau saved. Nothing was changed.`],
    ['cut short on the stick', GOLDEN.slice(0, 700), `${NAME}: the file is damaged or incomplete. Export it again on the PC it came from. Nothing was changed.`],
    [
      'a score changed by hand',
      GOLDEN.replace('"percent": 75', '"percent": 95'),
      `${NAME}: the file was changed or damaged after it was saved: its checksum does not match. Export it again on the PC it came from. Nothing was changed.`,
    ],
    [
      'a bit flipped in a pupil code',
      GOLDEN.replace('"pupil": "7B-14",\n        "class"', '"pupil": "7B-15",\n        "class"'),
      `${NAME}: the file was changed or damaged after it was saved: its checksum does not match. Export it again on the PC it came from. Nothing was changed.`,
    ],
    ['no checksum', GOLDEN.replace(/ {2}"sha256": "[0-9a-f]+",\n/, ''), `${NAME}: the file does not follow the Qorgau format (at “sha256”). Export it again on the PC it came from. Nothing was changed.`],
    [
      'from a newer Qorgau',
      GOLDEN.replace('"version": 1,', '"version": 2,'),
      `${NAME}: the file was made by a newer Qorgau (file version 2; this app reads version 1). Update this app. Nothing was changed.`,
    ],
    [
      'a display name added, and the checksum made again',
      resealed((f) => void ((f.content.pupils[0] as Record<string, string>).displayName = 'Aruzhan S.')),
      `${NAME}: the file does not follow the Qorgau format (at “content.pupils.0”). Export it again on the PC it came from. Nothing was changed.`,
    ],
    [
      'an attempt whose class is not its pupil’s',
      resealed((f) => void ((f.content.attempts[0] as Record<string, string>).class = '8B')),
      `${NAME}: the file does not follow the Qorgau format (at “content.attempts.0.class”). Export it again on the PC it came from. Nothing was changed.`,
    ],
    [
      'the same attempt twice',
      resealed((f) => void f.content.attempts.push(f.content.attempts[0])),
      `${NAME}: the file does not follow the Qorgau format (at “content.attempts.1”). Export it again on the PC it came from. Nothing was changed.`,
    ],
    [
      'a backup chosen by mistake',
      GOLDEN.replace('"format": "qorgau-results"', '"format": "qorgau-backup"'),
      `${NAME}: this is a Qorgau backup, not a results file: restore it from the backup screen. Nothing was changed.`,
    ],
    ['larger than 64 MB', new Uint8Array(64 * 1024 * 1024 + 1), `${NAME}: the file is larger than 64 MB: too large for a results file or a backup. Nothing was changed.`],
  ])('%s', async (_name, input, expected) => {
    expect(say(await parseResultsFile(input, NAME))).toBe(expected);
  });

  it('in Kazakh and Russian', async () => {
    const damaged = await parseResultsFile(GOLDEN.replace('"percent": 75', '"percent": 95'), NAME);
    expect(say(damaged, 'kk')).toBe(`${NAME}: файл сақталғаннан кейін өзгертілген немесе бүлінген: бақылау сомасы сәйкес келмейді. Оны өзі жасалған компьютерден қайта экспорттаңыз. Ештеңе өзгерген жоқ.`);
    expect(say(damaged, 'ru')).toBe(`${NAME}: файл изменили или повредили после сохранения: контрольная сумма не совпадает. Экспортируйте его заново на том компьютере, где он создан. Ничего не изменено.`);
    expect(say(await parseResultsFile('hello', NAME), 'kk')).toBe(`${NAME}: бұл Qorgau-дың нәтижелер файлы емес. Qorgau сақтаған файлды таңдаңыз. Ештеңе өзгерген жоқ.`);
  });
});

/** Report counts as one line per group, for readable expectations. */
const counts = (r: MergeReport) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Object.values(v).join('/')]));

describe('merging results from several PCs on the teacher’s PC', () => {
  /** The teacher's PC before any import: the class, and 7B-14's display name typed there. */
  const TEACHER: ClassroomData = {
    ...emptyClassroom(),
    classes: [{ code: '7B', name: '7 «Б» сынып', grade: 7, language: 'kk', updatedAt: '2025-09-10T10:00:00.000Z' }],
    pupils: [{ code: '7B-14', displayName: 'Аружан', updatedAt: '2025-09-10T10:01:00.000Z' }],
  };
  /** The lab PC in room 14: the same pupil, another quiz, the same lesson started earlier and not finished, a scenario. */
  const ROOM14: ClassroomData = {
    classes: [],
    pupils: [{ code: '7B-14' }, { code: '7B-3' }],
    attempts: [attempt(A2, '7B-14', { quiz: 'qorgau-core/strangers-online-quiz', percent: 50, points: 1, passed: false }), attempt(A3, '7B-3')],
    lessons: [{ pupil: '7B-14', lesson: 'qorgau-core/privacy-personal-data', startedAt: '2025-10-01T09:00:00.000Z' }],
    scenarios: [{ id: 'q8w7e6r5t4y3x2x1x0p9a8s7d6', pupil: '7B-3', scenario: 'qorgau-core/prize-sms', lang: 'ru', startedAt: '2025-10-01T10:00:00.000Z', decisions: 2 }],
  };

  const read = async (data: ClassroomData, pc: typeof PC_A) => {
    const file = await parseResultsFile(await exportResults(data, pc), 'x.json');
    if (!file.ok) throw new Error(file.problem.code);
    return file.content;
  };

  it('results from two PCs for the same pupil are combined, never overwritten', async () => {
    const fromLab = await read(LAB, PC_A);
    const fromRoom14 = await read(ROOM14, PC_B);
    const { data, report } = mergeAll(TEACHER, [fromLab, fromRoom14]);
    expect(data.attempts.map((a) => [a.id, a.pupil, a.quiz, a.percent])).toEqual([
      [A2, '7B-14', 'qorgau-core/strangers-online-quiz', 50],
      [A1, '7B-14', 'qorgau-core/privacy-personal-data-quiz', 75],
      [A3, '7B-3', 'qorgau-core/privacy-personal-data-quiz', 75],
    ]);
    // The lesson: started on the 1st in room 14, completed on the 2nd in the lab.
    expect(data.lessons).toEqual<LessonProgress[]>([
      { pupil: '7B-14', lesson: 'qorgau-core/privacy-personal-data', startedAt: '2025-10-01T09:00:00.000Z', completedAt: '2025-10-02T09:40:00.000Z' },
    ]);
    // The teacher's class name and the display name typed on the teacher's PC stay; names never came with the files.
    expect(data.classes).toEqual(TEACHER.classes);
    expect(data.pupils).toEqual([{ code: '7B-14', displayName: 'Аружан', updatedAt: '2025-09-10T10:01:00.000Z' }, { code: '7B-3' }]);
    expect(data.scenarios).toHaveLength(1);
    expect(counts(report)).toEqual({ attempts: '3/0/0', lessons: '1/1/0', scenarios: '1/0/0', pupils: '1', classes: '0/0' });
    expect(createTranslator('en')('results.merged', { ...renamed(addedCount(report)) })).toBe('6 results added.');
  });

  it('importing the same file twice changes nothing, and says so', async () => {
    const fromLab = await read(LAB, PC_A);
    const once = mergeResults(TEACHER, fromLab);
    const twice = mergeResults(once.data, fromLab);
    expect(twice.data).toEqual(once.data);
    expect(twice.changed).toBe(false);
    expect(counts(twice.report)).toEqual({ attempts: '0/1/0', lessons: '0/0/1', scenarios: '0/0/0', pupils: '0', classes: '0/0' });
    const t = (lang: Lang) => createTranslator(lang)('results.merged', renamed(addedCount(twice.report)));
    expect([t('en'), t('ru'), t('kk')]).toEqual(['No new results, 2 already there.', 'Новых результатов нет; уже были раньше: 2.', 'Жаңа нәтиже жоқ, 2 нәтиже бұрыннан бар.']);
  });

  it('“12 results added, 3 already there”', () => {
    const t = createTranslator('en');
    expect(t('results.merged', { added: 12, already: 3 })).toBe('12 results added, 3 already there.');
    expect(t('results.merged', { added: 1, already: 0 })).toBe('1 result added.');
    expect(createTranslator('ru')('results.merged', { added: 12, already: 3 })).toBe('Добавлено 12 результатов; уже были раньше: 3.');
    expect(createTranslator('ru')('results.merged', { added: 21, already: 0 })).toBe('Добавлен 21 результат.');
    expect(createTranslator('kk')('results.merged', { added: 12, already: 3 })).toBe('12 нәтиже қосылды, 3 нәтиже бұрыннан бар.');
  });

  it('a play that went further on the other PC replaces the shorter one; a finished lesson is never undone', () => {
    const play: ScenarioPlay = { id: A1, pupil: '7B-3', scenario: 'qorgau-core/prize-sms', lang: 'ru', startedAt: '2025-10-01T10:00:00.000Z', decisions: 2 };
    const finished: ScenarioPlay = { ...play, decisions: 4, finishedAt: '2025-10-01T10:12:00.000Z', ending: 'told-mum', outcome: 'safe' };
    const a = { ...emptyClassroom(), scenarios: [play], lessons: [{ pupil: '7B-3', lesson: 'p/l', startedAt: '2025-10-01T09:00:00.000Z', completedAt: '2025-10-01T09:30:00.000Z' }] };
    const b = { ...emptyClassroom(), scenarios: [finished], lessons: [{ pupil: '7B-3', lesson: 'p/l', startedAt: '2025-10-03T09:00:00.000Z' }] };
    const ab = mergeResults(a, b);
    expect(ab.data.scenarios).toEqual([finished]);
    expect(ab.data.lessons).toEqual(a.lessons);
    expect(counts(ab.report)).toEqual({ attempts: '0/0/0', lessons: '0/0/1', scenarios: '0/1/0', pupils: '0', classes: '0/0' });
    expect(mergeResults(b, a).data).toEqual(ab.data);
  });

  it('one attempt ID with two contents never replaces what is stored: both versions are listed for the teacher', () => {
    const stored = attempt(A1, '7B-14');
    const forged = attempt(A1, '7B-14', { percent: 100, points: 2 });
    const ab = mergeResults({ ...emptyClassroom(), attempts: [stored] }, { ...emptyClassroom(), attempts: [forged] });
    expect(ab.data.attempts).toEqual([stored]);
    expect(ab.changed).toBe(false);
    expect(ab.conflicts).toEqual([{ stored, incoming: forged }]);
    expect(ab.report.attempts).toEqual({ added: 0, alreadyThere: 0, conflicts: 1 });
    const all = mergeAll({ ...emptyClassroom(), attempts: [stored] }, [{ ...emptyClassroom(), attempts: [forged] }, { ...emptyClassroom(), attempts: [stored] }]);
    expect(all.conflicts).toHaveLength(1);
    expect(all.data.attempts).toEqual([stored]);
  });
});

describe('merge rules hold for any data (property tests)', () => {
  const same = (a: ClassroomData, b: ClassroomData) => expect(canonicalJson(sortClassroom(a))).toBe(canonicalJson(sortClassroom(b)));

  it('idempotent: merging the same data again changes nothing', () => {
    fc.assert(
      fc.property(classroomData(true), classroomData(false), (a, b) => {
        const once = mergeResults(a, b);
        const twice = mergeResults(once.data, b);
        same(twice.data, once.data);
        expect(twice.changed).toBe(false);
        expect(twice.report.attempts.added + twice.report.lessons.added + twice.report.scenarios.added + twice.report.pupils.added).toBe(0);
        same(mergeResults(once.data, once.data).data, once.data);
      }),
    );
  });

  it('commutative and associative: files imported in any order give the same data, apart from the contents of conflicting attempts, which stay as stored', () => {
    // Attempts compared by ID: where two files disagree on one, the first stored version stays and the conflict is listed.
    const byId = (d: ClassroomData) => ({ ...d, attempts: d.attempts.map((x) => ({ id: x.id }) as QuizAttempt) });
    const alike = (x: ClassroomData, y: ClassroomData) => same(byId(x), byId(y));
    fc.assert(
      fc.property(classroomData(true), classroomData(false), classroomData(false), (a, b, c) => {
        alike(mergeResults(a, b).data, mergeResults(b, a).data);
        alike(mergeResults(mergeResults(a, b).data, c).data, mergeResults(a, mergeResults(b, c).data).data);
        alike(mergeAll(a, [b, c]).data, mergeAll(a, [c, b]).data);
        // Without conflicts, exactly the same data.
        const ab = mergeResults(a, b);
        if (ab.conflicts.length === 0 && mergeResults(b, a).conflicts.length === 0) same(ab.data, mergeResults(b, a).data);
        // A conflict never changes what was stored.
        for (const { stored } of ab.conflicts) expect(ab.data.attempts.find((x) => x.id === stored.id)).toEqual(stored);
      }),
    );
  });

  it('never loses an attempt, a play, a lesson, a pupil or a display name', () => {
    fc.assert(
      fc.property(classroomData(true), classroomData(true), (a, b) => {
        const { data, report } = mergeResults(a, b);
        const ids = new Set(data.attempts.map((x) => x.id));
        for (const x of [...a.attempts, ...b.attempts]) expect(ids.has(x.id)).toBe(true);
        const plays = new Set(data.scenarios.map((x) => x.id));
        for (const x of [...a.scenarios, ...b.scenarios]) expect(plays.has(x.id)).toBe(true);
        for (const x of [...a.lessons, ...b.lessons]) {
          const merged = data.lessons.find((l) => l.pupil === x.pupil && l.lesson === x.lesson);
          expect(merged && merged.startedAt <= x.startedAt).toBe(true);
          if (x.completedAt) expect(merged?.completedAt !== undefined && merged.completedAt <= x.completedAt).toBe(true);
        }
        const codes = new Set(data.pupils.map((p) => p.code));
        for (const x of [...a.pupils, ...a.attempts, ...b.attempts]) expect(codes.has('code' in x ? x.code : x.pupil)).toBe(true);
        for (const p of [...a.pupils, ...b.pupils]) if (p.displayName) expect(data.pupils.find((q) => q.code === p.code)?.displayName).toBeDefined();
        expect(data.attempts).toHaveLength(new Set([...a.attempts, ...b.attempts].map((x) => x.id)).size);
        expect(report.attempts.added).toBe(data.attempts.length - new Set(a.attempts.map((x) => x.id)).size);
      }),
    );
  });

  it('what a file brings survives its trip over the USB stick: export, read, merge', async () => {
    await fc.assert(
      fc.asyncProperty(classroomData(true), classroomData(true), async (teacher, lab) => {
        const file = await parseResultsFile(await exportResults(lab, PC_B), 'x.json');
        expect(file.ok).toBe(true);
        if (!file.ok) return;
        const viaFile = mergeResults(teacher, file.content).data;
        const direct = mergeResults(teacher, { ...lab, pupils: lab.pupils.map((p) => ({ code: p.code })) }).data;
        same(viaFile, direct);
      }),
      { numRuns: 40 },
    );
  });
});

describe('a backup of all classroom data', () => {
  it('keeps display names and the PIN record, and reads back as it was written', async () => {
    const pin = await hashPin('583920', { iterations: 1000 });
    const text = await writeBackup({ data: LAB, pin }, PC_A);
    expect(text).toContain('"displayName": "Aruzhan S."');
    expect(text).not.toContain('583920');
    expect(await parseBackupFile(text, 'b.json')).toEqual({ ok: true, info: PC_A, content: { data: LAB, pin } });
    expect(backupFileName(PC_A)).toBe('qorgau-backup-2025-10-02-p3c4x7.json');
  });

  it('a results file is not a backup, and a damaged backup is refused', async () => {
    expect(say(await parseBackupFile(GOLDEN, 'r.json'))).toBe('r.json: this is a results file, not a backup: add it with “Import results”. Nothing was changed.');
    expect(say(await parseBackupFile('{}', 'b.json'))).toBe('b.json: this is not a Qorgau backup. Choose a file that Qorgau saved. Nothing was changed.');
    const text = await writeBackup({ data: LAB }, PC_A);
    expect(say(await parseBackupFile(text.replace('Aruzhan', 'Aruzhon'), 'b.json'))).toBe(
      'b.json: the file was changed or damaged after it was saved: its checksum does not match. Export it again on the PC it came from. Nothing was changed.',
    );
  });
});

/** addedCount names its counts for code; the message names them for the sentence. */
function renamed(c: { added: number; alreadyThere: number }) {
  return { added: c.added, already: c.alreadyThere };
}

// ---------------------------------------------------------------------------
// Generated data: few pupils, IDs and times, so that two sides often share them.

const PUPILS = ['7B-14', '7B-3', '10Ә-1'];
const IDS = [A1, A2, A3, 'm0n1p2q3r4s5t6v7w8x9y0z1a2'];
const TIMES = ['2025-10-01T09:00:00.000Z', '2025-10-01T10:00:00.000Z', '2025-10-02T09:00:00.000Z', '2025-10-03T11:30:00.000Z'];

function uniqueBy<T>(list: T[], key: (x: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const x of list) if (!seen.has(key(x))) seen.set(key(x), x);
  return [...seen.values()];
}

function classroomData(withNames: boolean): fc.Arbitrary<ClassroomData> {
  const pupil = fc.constantFrom(...PUPILS);
  const time = fc.constantFrom(...TIMES);
  const attempts = fc.array(
    fc.record({ id: fc.constantFrom(...IDS), pupil, percent: fc.integer({ min: 0, max: 100 }), time }).map(({ id, pupil, percent, time }) =>
      attempt(id, pupil, { percent, points: percent / 50, startedAt: time, finishedAt: time }),
    ),
    { maxLength: 5 },
  );
  const lessons = fc.array(
    fc.record({ pupil, lesson: fc.constantFrom('p/a', 'p/b'), startedAt: time, completedAt: fc.option(time, { nil: undefined }) }).map((l) => ({
      pupil: l.pupil,
      lesson: l.lesson,
      startedAt: l.startedAt,
      ...(l.completedAt ? { completedAt: l.completedAt } : {}),
    })),
    { maxLength: 4 },
  );
  const plays = fc.array(
    fc.record({ id: fc.constantFrom(...IDS), pupil, decisions: fc.integer({ min: 0, max: 5 }), finished: fc.option(time, { nil: undefined }) }).map(
      ({ id, pupil, decisions, finished }): ScenarioPlay => ({
        id,
        pupil,
        scenario: 'p/s',
        lang: 'en',
        startedAt: TIMES[0] as string,
        decisions,
        ...(finished ? { finishedAt: finished, ending: 'end', outcome: 'safe' as const } : {}),
      }),
    ),
    { maxLength: 3 },
  );
  const pupils = fc.array(
    fc.record({ code: pupil, name: withNames ? fc.option(fc.constantFrom('Аружан', 'Dias K.', 'Мирас'), { nil: undefined }) : fc.constant(undefined), time }).map(({ code, name, time }) =>
      name ? { code, displayName: name, updatedAt: time } : { code },
    ),
    { maxLength: 3 },
  );
  const classes = fc.array(
    fc.record({ code: fc.constantFrom('7B', '10Ә'), name: fc.constantFrom('A', 'B'), language: fc.constantFrom<Lang>('kk', 'ru'), updatedAt: time }).map((c) => ({
      ...c,
      grade: Number.parseInt(c.code, 10),
    })),
    { maxLength: 2 },
  );
  return fc.record({ classes, pupils, attempts, lessons, scenarios: plays }).map((d) => ({
    classes: uniqueBy(d.classes, (c) => c.code),
    pupils: uniqueBy(d.pupils, (p) => p.code),
    attempts: uniqueBy(d.attempts, (a) => a.id),
    lessons: uniqueBy(d.lessons, (l) => `${l.pupil} ${l.lesson}`),
    scenarios: uniqueBy(d.scenarios, (s) => s.id),
  }));
}
