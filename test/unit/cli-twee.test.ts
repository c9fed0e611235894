/**
 * `qorgau scenario import-twee`, run for real as a child process from the
 * project root. Fixtures: test/fixtures/twee/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/lint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TWEE = 'test/fixtures/twee';
const TMP = mkdtempSync(join(tmpdir(), 'qorgau-twee-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function qorgau(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/qorgau.mjs', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const PROBLEM_LINE = /^[^\s:]+:\d+:\d+: \S.*$/;
const importTwee = (input: string, output: string, ...more: string[]) => qorgau(['scenario', 'import-twee', input, '-o', output, ...more]);

describe.concurrent('qorgau scenario import-twee', () => {
  it('a good story: exit 0, a scenario file the lint accepts, and what is left to do', async ({ expect }) => {
    const out = join(TMP, 'good', 'stranger-chat.yaml');
    const r = await importTwee(`${TWEE}/stranger-chat.twee`, out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      `${TWEE}/stranger-chat.twee:46:4: warning: the passage “Old idea” cannot be reached from the start passage “New message”, so it is left out.`,
      `${TWEE}/stranger-chat.twee -> ${out}: 5 nodes (3 endings), text in en`,
      'The texts are in en only. Add kk, ru to the scenario file: “qorgau pack lint” lists every missing text for the translators.',
      `Check topic, ageBands and minutes in ${out}: Twine has no such fields, so the importer wrote defaults.`,
    ]);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toMatch(/^# Imported from Twine \(stranger-chat\.twee\)/);
    const parsed = parseScenario(yaml, 'scenarios/stranger-chat.yaml', ['en']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.scenario?.nodes).toHaveLength(5);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('--lang kk --skin feed: Kazakh text keys, the feed skin, Kazakh messages', async ({ expect }) => {
    const out = join(TMP, 'kk', 'stranger-chat.yaml');
    const r = await importTwee(`${TWEE}/stranger-chat.twee`, out, '--lang', 'kk', '--skin', 'feed');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toBe(
      `${TWEE}/stranger-chat.twee:46:4: ескерту: «Old idea» үзіндісіне «New message» бастапқы үзіндісінен жету мүмкін емес, сондықтан ол алынып тасталды.`,
    );
    const parsed = parseScenario(readFileSync(out, 'utf8'), 'scenarios/stranger-chat.yaml', ['kk']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.scenario).toMatchObject({ skin: 'feed', title: { kk: 'A message from a stranger' } });
  });

  it('a story with macros: exit 1, one path:line:col: message line per problem, no file', async ({ expect }) => {
    const out = join(TMP, 'macros', 'free-skins.yaml');
    const r = await importTwee(`${TWEE}/sugarcube-macros.twee`, out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const all = lines(r.stdout);
    expect(all).toHaveLength(9);
    for (const line of all) expect(line).toMatch(PROBLEM_LINE);
    expect(all.filter((l) => !l.includes(': warning: '))).toEqual([
      `${TWEE}/sugarcube-macros.twee:15:1: the macro “<<set>>” cannot be imported: a scenario has no code. Remove it, and rebuild what it did with flags and conditions in the scenario file.`,
      `${TWEE}/sugarcube-macros.twee:19:1: the macro “<<if>>” cannot be imported: a scenario has no code. Remove it, and rebuild what it did with flags and conditions in the scenario file.`,
      `${TWEE}/sugarcube-macros.twee:19:39: the macro “<</if>>” cannot be imported: a scenario has no code. Remove it, and rebuild what it did with flags and conditions in the scenario file.`,
      `${TWEE}/sugarcube-macros.twee:20:21: the HTML “<b>” cannot be imported: scenario text is plain text.`,
      `${TWEE}/sugarcube-macros.twee:20:34: the HTML “</b>” cannot be imported: scenario text is plain text.`,
      `${TWEE}/sugarcube-macros.twee:21:1: the link “[[Take them|Take][$trust to 3]]” also changes variables, which a scenario cannot import. Write a plain [[Text->Passage]] link.`,
      `${TWEE}/sugarcube-macros.twee:23:1: the link leads to “Moderator”, but there is no passage with that name.`,
      `${TWEE}/sugarcube-macros.twee:27:24: the variable “$name” cannot be imported; use flags and skills in the scenario file instead.`,
    ]);
    expect(existsSync(join(TMP, 'macros'))).toBe(false);
  });

  it('--lang ru prints the problems in Russian', async ({ expect }) => {
    const r = await importTwee(`${TWEE}/sugarcube-macros.twee`, join(TMP, 'ru', 'free-skins.yaml'), '--lang', 'ru');
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toContain(`${TWEE}/sugarcube-macros.twee:23:1: ссылка ведёт к «Moderator», но фрагмента с таким именем нет.`);
  });

  it('a file that is not UTF-8: exit 1', async ({ expect }) => {
    const input = join(TMP, 'latin1.twee');
    writeFileSync(input, Buffer.from([0x3a, 0x3a, 0x20, 0x53, 0x0a, 0xe9, 0x0a]));
    const r = await importTwee(input, join(TMP, 'latin1', 'x.yaml'));
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([`${input}: the text is not valid UTF-8. Save the file as UTF-8.`]);
  });

  it('an empty file: exit 1', async ({ expect }) => {
    const input = join(TMP, 'empty.twee');
    writeFileSync(input, '');
    const r = await importTwee(input, join(TMP, 'empty', 'x.yaml'));
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([`${input}:1:1: the file has no story passages; a passage starts with a line such as “:: Start”.`]);
  });
});

describe('an existing scenario file', () => {
  it('is kept without --force (exit 2), replaced with it', async () => {
    const out = join(TMP, 'existing', 'stranger-chat.yaml');
    expect((await importTwee(`${TWEE}/stranger-chat.twee`, out)).code).toBe(0);
    writeFileSync(out, 'translated by hand\n');
    const kept = await importTwee(`${TWEE}/stranger-chat.twee`, out);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain(`${out} already exists; add --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('translated by hand\n');
    const replaced = await importTwee(`${TWEE}/stranger-chat.twee`, out, '--force');
    expect(replaced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Imported from Twine/);
  });
});

describe.concurrent('wrong usage: exit 2', () => {
  const out = () => join(TMP, 'never', 'x.yaml');
  const cases: [string, string[], string | undefined][] = [
    ['no -o', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`], 'scenario import-twee needs -o <scenario.yaml>'],
    ['an output that is not <id>.yaml', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`, '-o', join(TMP, 'never', 'Bad Name.yaml')], 'the scenario file must be named <id>.yaml, with a kebab-case id such as prize-message.yaml'],
    ['an output that is not YAML', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`, '-o', join(TMP, 'never', 'x.json')], 'the scenario file must be named <id>.yaml, with a kebab-case id such as prize-message.yaml'],
    ['an unknown skin', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`, '-o', out(), '--skin', 'tiktok'], '--skin must be one of: messenger, feed, gamechat, inbox, settings, webpage'],
    ['an unknown language', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`, '-o', out(), '--lang', 'de'], '--lang must be kk, ru or en'],
    ['an unknown scenario command', ['scenario', 'import', `${TWEE}/stranger-chat.twee`, '-o', out()], undefined],
    ['no input', ['scenario', 'import-twee', '-o', out()], undefined],
    ['two inputs', ['scenario', 'import-twee', `${TWEE}/stranger-chat.twee`, `${TWEE}/sugarcube-macros.twee`, '-o', out()], undefined],
    ['--skin for pack lint', ['pack', 'lint', 'test/fixtures/packs/good', '--skin', 'feed'], 'pack lint takes no --skin'],
  ];
  it.for(cases)('%s', async ([, args, message], { expect }) => {
    const r = await qorgau(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
    expect(r.stderr).toContain('qorgau scenario import-twee <story.twee> -o <scenario.yaml>');
    if (message) expect(lines(r.stderr)[0]).toBe(message);
    expect(existsSync(join(TMP, 'never'))).toBe(false);
  });

  it('a story that does not exist', async ({ expect }) => {
    const r = await importTwee(`${TWEE}/no-such-story.twee`, out());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${TWEE}/no-such-story.twee: no such file\n`);
  });
});
