import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { createTranslator, formatProblem, type Translate } from '../core/i18n';
import { isLang, LANGUAGES, type Lang } from '../core/base/languages';
import { buildQpack } from '../core/pack/build';
import { loadPack, type LoadedPack, type PackFiles } from '../core/pack/load';
import { location, PackError, problem, type Problem } from '../core/base/problems';
import { ID_PATTERN } from '../core/base/vocabulary';
import { qpackFiles } from '../core/pack/sources';
import { SKINS, type Skin } from '../core/scenario/schema';
import { importTwee } from '../core/scenario/twee';
import { fileSource, packFolderFiles } from '../node/pack-folder';

const USAGE = `Usage:
  qorgau pack lint <folder|file.qpack> [--lang kk|ru|en]
  qorgau pack build <folder> -o <file.qpack> [--lang kk|ru|en]
  qorgau scenario import-twee <story.twee> -o <scenario.yaml> [--lang kk|ru|en] [--skin ${SKINS.join('|')}] [--force]

lint         checks a pack and prints one line per problem: path:line:col: message
build        lints a pack folder, then writes the .qpack file
import-twee  turns a Twine story (Twee 3) into a scenario file named <id>.yaml; --lang is the
             language of the story's text and of the messages (en by default), --skin the kind of
             app the scenario looks like (messenger by default), --force replaces an existing file

Exit codes: 0 valid, 1 problems found, 2 wrong usage, 3 the tool itself failed (for example a disk error).`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

/** Runs the command line and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) io.err(e.message);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }
  const t = createTranslator(args.lang);
  if (args.command === 'import-twee') return importTweeCommand(args, io, t);
  const input = resolve(args.input);
  let closeSource: (() => Promise<void>) | undefined;
  try {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      io.err(`${args.input}: no such file or folder`);
      return 2;
    }
    let files: PackFiles;
    if (info.isDirectory()) {
      files = await packFolderFiles(input);
    } else {
      const source = await fileSource(input);
      closeSource = source.close;
      files = await qpackFiles(source, args.input);
    }
    if (args.command === 'build' && files.kind !== 'folder') {
      io.err(`${args.input}: pack build needs a pack folder`);
      return 2;
    }
    const pack = await loadPack(files);
    if (args.command === 'lint') {
      io.out(summary(pack));
      return 0;
    }
    const contents = await Promise.all(files.files.map(async (f) => ({ path: f.path, bytes: await f.read() })));
    const qpack = await buildQpack(contents);
    const output = resolve(args.output ?? '');
    await mkdir(dirname(output), { recursive: true });
    const temporary = `${output}.partial`;
    await writeFile(temporary, qpack);
    await rename(temporary, output);
    io.out(`${summary(pack)} -> ${args.output} (${qpack.length} bytes)`);
    return 0;
  } catch (e) {
    if (e instanceof PackError) {
      for (const p of e.problems) io.out(formatProblem(t, p));
      return 1;
    }
    throw e;
  } finally {
    await closeSource?.();
  }
}

function summary(pack: LoadedPack): string {
  const lessons = new Set(pack.lessons.map((l) => l.lessonId)).size;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const scenarios = pack.scenarios.length ? `, ${plural(pack.scenarios.length, 'scenario', 'scenarios')}` : '';
  const ofKind = (kind: string) => new Set(pack.worksheets.filter((w) => w.worksheet.kind === kind).map((w) => w.worksheetId)).size;
  const [sheets, letters, handouts] = [ofKind('worksheet'), ofKind('family-letter'), ofKind('handout')];
  const worksheets = `${sheets ? `, ${plural(sheets, 'worksheet', 'worksheets')}` : ''}${letters ? `, ${plural(letters, 'family letter', 'family letters')}` : ''}${handouts ? `, ${plural(handouts, 'handout', 'handouts')}` : ''}`;
  const quizzes = pack.quizzes.length ? `, ${plural(pack.quizzes.length, 'quiz', 'quizzes')}` : '';
  return `${pack.meta.id} ${pack.meta.version}: ${plural(lessons, 'lesson', 'lessons')}${scenarios}${worksheets}${quizzes} in ${pack.meta.languages.join(', ')}, ${plural(pack.media.length, 'media file', 'media files')}, no problems`;
}

type Args =
  | { command: 'lint' | 'build'; input: string; output?: string; lang: Lang }
  | { command: 'import-twee'; input: string; output: string; id: string; lang: Lang; skin: Skin; force: boolean };

function parseArgs(argv: string[]): Args {
  const rest = [...argv];
  let output: string | undefined;
  let lang: Lang = 'en';
  let skin: Skin | undefined;
  let force = false;
  const positional: string[] = [];
  while (rest.length) {
    const a = rest.shift() as string;
    if (a === '-o' || a === '--output') {
      output = rest.shift();
      if (!output) throw new UsageError(`${a} needs a file name`);
    } else if (a === '--lang') {
      const l = rest.shift();
      if (!isLang(l)) throw new UsageError('--lang must be kk, ru or en');
      lang = l;
    } else if (a === '--skin') {
      const s = rest.shift();
      if (!(SKINS as readonly (string | undefined)[]).includes(s)) throw new UsageError(`--skin must be one of: ${SKINS.join(', ')}`);
      skin = s as Skin;
    } else if (a === '--force') {
      force = true;
    } else if (a === '-h' || a === '--help') {
      throw new UsageError('');
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option ${a}`);
    } else positional.push(a);
  }
  const [group, command, input, extra] = positional;
  if (group === 'scenario') {
    if (command !== 'import-twee' || !input || extra) throw new UsageError('');
    if (!output) throw new UsageError('scenario import-twee needs -o <scenario.yaml>');
    const id = basename(output).replace(/\.yaml$/, '');
    if (!basename(output).endsWith('.yaml') || !ID_PATTERN.test(id) || id.length > 64) {
      throw new UsageError('the scenario file must be named <id>.yaml, with a kebab-case id such as prize-message.yaml');
    }
    return { command, input, output, id, lang, skin: skin ?? 'messenger', force };
  }
  if (group !== 'pack' || (command !== 'lint' && command !== 'build') || !input || extra) throw new UsageError('');
  if (command === 'build' && !output) throw new UsageError('pack build needs -o <file.qpack>');
  if (command === 'lint' && output) throw new UsageError('pack lint takes no -o');
  if (skin) throw new UsageError(`pack ${command} takes no --skin`);
  if (force) throw new UsageError(`pack ${command} takes no --force`);
  return { command, input, output, lang };
}

/**
 * `scenario import-twee`: problems and warnings go to stdout, one
 * `path:line:col: message` line each, like `pack lint`. Any problem: exit 1
 * and no file. Otherwise the file is written (through a .partial file) and
 * the output says what is left to do: the other languages, topic, ages, minutes.
 */
async function importTweeCommand(args: Extract<Args, { command: 'import-twee' }>, io: Io, t: Translate): Promise<number> {
  const info = await stat(resolve(args.input)).catch(() => undefined);
  if (!info?.isFile()) {
    io.err(`${args.input}: ${info ? 'not a file' : 'no such file'}`);
    return 2;
  }
  const output = resolve(args.output);
  if (!args.force && (await stat(output).catch(() => undefined))) {
    io.err(`${args.output} already exists; add --force to replace it`);
    return 2;
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(resolve(args.input)));
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    io.out(formatProblem(t, problem('file.invalidUtf8', { file: args.input })));
    return 1;
  }
  const result = importTwee(source, { file: args.input, id: args.id, lang: args.lang, skin: args.skin });
  const lines = [...result.problems.map((p) => ({ p, warning: false })), ...result.warnings.map((p) => ({ p, warning: true }))];
  lines.sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.col ?? 0) - (b.p.col ?? 0));
  for (const { p, warning } of lines) io.out(warning ? formatWarning(t, p) : formatProblem(t, p));
  if (result.problems.length || !result.yaml) return 1;

  await mkdir(dirname(output), { recursive: true });
  const temporary = `${output}.partial`;
  await writeFile(temporary, result.yaml);
  await rename(temporary, output);
  const endings = result.nodes.filter((n) => n.kind === 'ending').length;
  const nodes = result.nodes.filter((n) => n.node !== undefined).length;
  const others = LANGUAGES.filter((l) => l !== args.lang);
  io.out(`${args.input} -> ${args.output}: ${nodes} ${nodes === 1 ? 'node' : 'nodes'} (${endings} ${endings === 1 ? 'ending' : 'endings'}), text in ${args.lang}`);
  io.out(t('problem.twee.otherLanguages', { lang: args.lang, missing: others.join(', ') }));
  io.out(t('problem.twee.checkDetails', { file: args.output }));
  return 0;
}

/** A warning: `path:line:col: warning: message`. */
function formatWarning(t: Translate, p: Problem): string {
  const message = t('problem.twee.warning', { message: formatProblem(t, { ...p, file: undefined }) });
  const where = location(p);
  return where ? t('problem.at', { location: where, message }) : message;
}
