import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createTranslator, formatProblem } from '../core/i18n';
import { isLang, type Lang } from '../core/languages';
import { buildQpack } from '../core/pack/build';
import { loadPack, type LoadedPack, type PackFiles } from '../core/pack/load';
import { PackError } from '../core/pack/problems';
import { qpackFiles } from '../core/pack/sources';
import { fileSource, packFolderFiles } from '../node/pack-folder';

const USAGE = `Usage:
  qorgau pack lint <folder|file.qpack> [--lang kk|ru|en]
  qorgau pack build <folder> -o <file.qpack> [--lang kk|ru|en]

lint   checks a pack and prints one line per problem: path:line:col: message
build  lints a pack folder, then writes the .qpack file

Exit codes: 0 valid, 1 problems found, 2 wrong usage, 3 the tool itself failed (for example a disk error).`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

/** Runs the command line and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let args: { command: 'lint' | 'build'; input: string; output?: string; lang: Lang };
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
  return `${pack.meta.id} ${pack.meta.version}: ${plural(lessons, 'lesson', 'lessons')}${scenarios} in ${pack.meta.languages.join(', ')}, ${plural(pack.media.length, 'media file', 'media files')}, no problems`;
}

function parseArgs(argv: string[]) {
  const rest = [...argv];
  let output: string | undefined;
  let lang: Lang = 'en';
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
    } else if (a === '-h' || a === '--help') {
      throw new UsageError('');
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option ${a}`);
    } else positional.push(a);
  }
  const [group, command, input, extra] = positional;
  if (group !== 'pack' || (command !== 'lint' && command !== 'build') || !input || extra) throw new UsageError('');
  if (command === 'build' && !output) throw new UsageError('pack build needs -o <file.qpack>');
  if (command === 'lint' && output) throw new UsageError('pack lint takes no -o');
  return { command, input, output, lang } as const;
}
