/**
 * The pack authors' command line, run for real as a child process:
 * `node bin/qorgau.mjs pack lint|build …` from the project root.
 * Uses the fixtures in test/fixtures/packs/, never lessons/ (it may be mid-edit).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKS = 'test/fixtures/packs';
const TMP = mkdtempSync(join(tmpdir(), 'qorgau-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function qorgau(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/qorgau.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const GOOD_SUMMARY = 'fixture-good 1.0.0: 2 lessons in kk, ru, en, 1 media file, no problems';
const PROBLEM_LINE = /^[^\s:]+:\d+:\d+: \S.*$/;

describe.concurrent('qorgau pack lint', () => {
  it('a good pack folder: exit 0 and a summary', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/good`]);
    expect(r).toEqual({ code: 0, stdout: `${GOOD_SUMMARY}\n`, stderr: '' });
  });

  it('a good .qpack: exit 0 and the same summary', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/qpack/good.qpack`]);
    expect(r).toEqual({ code: 0, stdout: `${GOOD_SUMMARY}\n`, stderr: '' });
  });

  it('a broken pack: exit 1 and one path:line:col: message line per problem', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/missing-media`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(["lessons/first-steps/kk.md:21:1: the image “media/lock.png” is not in the pack's media folder."]);
  });

  it('several problems: every one on its own line', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/duplicate-id`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toHaveLength(4);
    for (const line of lines(r.stdout)) expect(line).toMatch(PROBLEM_LINE);
    expect(lines(r.stdout)[0]).toBe('lessons/second-steps/en.md:2:1: the lesson id “first-steps” must equal its folder name “second-steps”.');
  });

  it('worksheets: counted in the summary, and their problems with file, line and column', async ({ expect }) => {
    const good = await qorgau(['pack', 'lint', `${PACKS}/good-worksheets`]);
    expect(good).toEqual({ code: 0, stdout: 'fixture-worksheets 1.0.0: 1 lesson, 1 worksheet, 1 family letter in kk, en, 1 media file, no problems\n', stderr: '' });
    const bad = await qorgau(['pack', 'lint', `${PACKS}/worksheet-languages-differ`, '--lang', 'kk']);
    expect(bad.code).toBe(1);
    expect(lines(bad.stdout)).toEqual([
      'worksheets/first-steps-quiz/en.md:12:1: 1-сұрақта дұрыс деп белгіленген жауаптар worksheets/first-steps-quiz/kk.md файлындағыдан өзгеше; бір жауаптар кілті барлық тілге сай келуі керек.',
      'worksheets/first-steps-quiz/en.md:35:1: 4-сұрақта мұнда 2 жол бар, ал worksheets/first-steps-quiz/kk.md ішінде 3; нұсқалар, тұжырымдар, жұптар, қадамдар не карточкалар барлық тілде бірдей болуы керек.',
    ]);
  });

  it('quizzes: counted in the summary, and their problems with file, line and column', async ({ expect }) => {
    const good = await qorgau(['pack', 'lint', `${PACKS}/qpack/good-quizzes.qpack`]);
    expect(good).toEqual({ code: 0, stdout: 'fixture-quizzes 1.0.0: 1 lesson, 1 quiz in kk, en, 1 media file, no problems\n', stderr: '' });
    const bad = await qorgau(['pack', 'lint', `${PACKS}/quiz-ids-and-languages`, '--lang', 'ru']);
    expect(bad.code).toBe(1);
    expect(lines(bad.stdout)).toEqual([
      'quizzes/first-steps-test.yaml:2:5: идентификатор теста «first-steps-check» должен совпадать с именем файла «first-steps-test».',
      'quizzes/first-steps-test.yaml:96:11: в «questions.3.items.1.feedback» нет текста на языке en, хотя набор заявляет этот язык.',
      'quizzes/first-steps-test.yaml:97:13: «stop» встречается дважды; впервые он использован в строке 87.',
      'quizzes/first-steps-test.yaml:101:9: «password» встречается дважды; впервые он использован в строке 9.',
    ]);
  });

  it('a broken .qpack: exit 1', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/qpack/unlisted-file.qpack`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['media/extra.png: the file is not listed in manifest.json.']);
  });

  it('--lang kk prints the messages in Kazakh', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/missing-media`, '--lang', 'kk']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['lessons/first-steps/kk.md:21:1: «media/lock.png» суреті жинақтың media қалтасында жоқ.']);
  });

  it('--lang ru prints the messages in Russian, wherever the option stands', async ({ expect }) => {
    const r = await qorgau(['--lang', 'ru', 'pack', 'lint', `${PACKS}/qpack/missing-language.qpack`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['lessons/first-steps/en.md: у урока «first-steps» нет версии на языке en, хотя набор заявляет этот язык.']);
  });

  it('a path that does not exist: exit 2', async ({ expect }) => {
    const r = await qorgau(['pack', 'lint', `${PACKS}/no-such-pack`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file or folder');
  });
});

describe.concurrent('wrong usage: exit 2 and the usage text on stderr', () => {
  const cases: [string, string[], string | undefined][] = [
    ['no arguments', [], undefined],
    ['an unknown option', ['pack', 'lint', `${PACKS}/good`, '--frobnicate'], 'unknown option --frobnicate'],
    ['pack build without -o', ['pack', 'build', `${PACKS}/good`], 'pack build needs -o <file.qpack>'],
    ['-o without a file name', ['pack', 'build', `${PACKS}/good`, '-o'], '-o needs a file name'],
    ['pack lint with -o', ['pack', 'lint', `${PACKS}/good`, '-o', join(TMP, 'never.qpack')], 'pack lint takes no -o'],
    ['an unknown language', ['pack', 'lint', `${PACKS}/good`, '--lang', 'de'], '--lang must be kk, ru or en'],
    ['an unknown command', ['pack', 'check', `${PACKS}/good`], undefined],
    ['two inputs', ['pack', 'lint', `${PACKS}/good`, `${PACKS}/good-v2`], undefined],
  ];
  it.for(cases)('%s', async ([, args, message], { expect }) => {
    const r = await qorgau(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
    if (message) expect(lines(r.stderr)[0]).toBe(message);
  });

  it('pack build of a .qpack', async ({ expect }) => {
    const r = await qorgau(['pack', 'build', `${PACKS}/qpack/good.qpack`, '-o', join(TMP, 'from-qpack.qpack')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pack build needs a pack folder');
    expect(existsSync(join(TMP, 'from-qpack.qpack'))).toBe(false);
  });
});

describe('qorgau pack build', () => {
  it('builds a .qpack that lints clean', async () => {
    const out = join(TMP, 'nested', 'x.qpack');
    const build = await qorgau(['pack', 'build', `${PACKS}/good`, '-o', out]);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(new RegExp(`^${GOOD_SUMMARY} -> .*x\\.qpack \\(\\d+ bytes\\)\\n$`));
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const lint = await qorgau(['pack', 'lint', out]);
    expect(lint).toEqual({ code: 0, stdout: `${GOOD_SUMMARY}\n`, stderr: '' });
  });

  it('refuses a broken folder with exit 1 and writes nothing', async () => {
    const out = join(TMP, 'broken', 'y.qpack');
    const r = await qorgau(['pack', 'build', `${PACKS}/unknown-block`, '-o', out]);
    expect(r.code).toBe(1);
    for (const line of lines(r.stdout)) expect(line).toMatch(/^lessons\/first-steps\/en\.md(:\d+:\d+)?: /);
    expect(lines(r.stdout)[0]).toBe('lessons/first-steps/en.md:38:4: unknown block “:::danger”; use one of: tip, warning, question, activity, teacher.');
    expect(existsSync(join(TMP, 'broken')) ? readdirSync(join(TMP, 'broken')) : []).toEqual([]);
  });

  it('builds the same bytes in every time zone (reproducible packs)', async () => {
    const committed = readFileSync(join(ROOT, PACKS, 'qpack/good.qpack'));
    for (const tz of ['UTC', 'America/New_York', 'Asia/Almaty']) {
      const out = join(TMP, `tz-${tz.replace('/', '-')}.qpack`);
      const r = await qorgau(['pack', 'build', `${PACKS}/good`, '-o', out], { TZ: tz });
      expect(r.code, tz).toBe(0);
      expect(readFileSync(out).equals(committed), `built in ${tz}`).toBe(true);
    }
  });
});
