import { isLang, type Lang } from '../base/languages';
import { checkBlocks } from '../markdown/blocks';
import { parseScenario } from '../scenario/lint';
import type { Scenario } from '../scenario/schema';
import { imageRefs, plainText } from '../markdown/render';
import { parseQuiz } from '../quiz/lint';
import type { Quiz } from '../quiz/schema';
import { PackError, problem, type Problem } from '../base/problems';
import {
  FORMAT_VERSION,
  lessonFrontMatterSchema,
  manifestSchema,
  MEDIA_TYPES,
  packSchema,
  type LessonFrontMatter,
  type Manifest,
  type PackMeta,
} from './schema';
import { compareText } from '../base/order';
import { checkWorksheetSet, type WorksheetFile } from '../worksheet/lint';
import type { Worksheet } from '../worksheet/model';
import { parseWorksheet } from '../worksheet/parse';
import { sha256Hex } from '../base/bytes';
import { svgDanger } from './svg';
import { decodeUtf8, frontMatterLine, lineCol, splitFrontMatter } from '../base/text';
import { parseYaml } from '../base/yaml';

/** One file of a pack, from a .qpack or a folder. `path` is relative to the pack root with forward slashes. */
export interface PackFile {
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface PackFiles {
  kind: 'qpack' | 'folder';
  /** What the user picked, for messages: a file or folder name. */
  name: string;
  files: PackFile[];
}

export interface LoadedLesson {
  lessonId: string;
  lang: Lang;
  path: string;
  meta: LessonFrontMatter;
  body: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
  /** Line of the `id:` field, for messages about it. */
  idLine: number;
  text: string;
}

export interface LoadedMedia {
  path: string;
  sha256: string;
  type: string;
  size: number;
}

export interface LoadedScenario {
  scenarioId: string;
  path: string;
  scenario: Scenario;
}

/** A worksheet or family letter in one language (docs/worksheet-format.md). */
export interface LoadedWorksheet {
  worksheetId: string;
  lang: Lang;
  path: string;
  worksheet: Worksheet;
}

/** A quiz, with its text in every language of the pack (docs/quiz-format.md). */
export interface LoadedQuiz {
  quizId: string;
  path: string;
  quiz: Quiz;
}

export interface LoadedPack {
  meta: PackMeta;
  lessons: LoadedLesson[];
  scenarios: LoadedScenario[];
  /** Sorted by worksheet id, then language; worksheetsOfLesson lists those of one lesson. */
  worksheets: LoadedWorksheet[];
  /** Sorted by quiz id; quizzesOfLesson lists those of one lesson. */
  quizzes: LoadedQuiz[];
  media: LoadedMedia[];
}

/** Where verified media go while a pack loads: content-addressed, so a blob nothing references stays invisible. */
export interface MediaSink {
  /** Takes a verified file to store under its hash. */
  put(sha256: string, bytes: Uint8Array, type: string): Promise<unknown>;
}

export interface LoadOptions {
  media?: MediaSink;
  /** Called after the text of the pack is valid and before any media is written; may throw to stop. */
  beforeMedia?: (meta: PackMeta) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

const LESSON_PATH = /^lessons\/([^/]+)\/([^/]+)\.md$/;
const SCENARIO_PATH = /^scenarios\/([^/]+)\.yaml$/;
const WORKSHEET_PATH = /^worksheets\/([^/]+)\/([^/]+)\.md$/;
const QUIZ_PATH = /^quizzes\/([^/]+)\.yaml$/;
const TEXT_LIMIT = 2 * 1024 * 1024;

/**
 * Reads and validates a whole pack. Text is checked first, so a broken pack
 * is refused before any media is written. Throws PackError with every problem found.
 */
export async function loadPack(pack: PackFiles, options: LoadOptions = {}): Promise<LoadedPack> {
  const total = pack.files.reduce((n, f) => n + f.size, 0) || 1;
  let done = 0;
  const progress = (bytes: number) => {
    done += bytes;
    options.onProgress?.(Math.min(done, total), total);
  };
  const problems: Problem[] = [];
  const byPath = new Map(pack.files.map((f) => [f.path, f]));

  // 1. The manifest: required in a .qpack, optional in a folder.
  let manifest: Manifest | undefined;
  const manifestFile = byPath.get('manifest.json');
  if (manifestFile) {
    manifest = await readManifest(manifestFile, problems);
    progress(manifestFile.size);
  } else if (pack.kind === 'qpack') {
    throw new PackError([problem('manifest.missing', { file: 'manifest.json' })]);
  }
  if (manifest) {
    for (const path of Object.keys(manifest.files)) {
      if (!byPath.has(path)) problems.push(problem('manifest.missingFile', { file: 'manifest.json', params: { name: path } }));
    }
    for (const f of pack.files) {
      if (f.path !== 'manifest.json' && !manifest.files[f.path]) problems.push(problem('manifest.unlisted', { file: f.path }));
    }
  }
  if (problems.length) throw new PackError(problems);

  const verify = async (f: PackFile): Promise<Uint8Array | undefined> => {
    const bytes = await f.read();
    const expected = manifest?.files[f.path];
    if (expected) {
      if (bytes.length !== expected.size) {
        problems.push(problem('manifest.sizeMismatch', { file: f.path, params: { expected: expected.size, actual: bytes.length } }));
        return undefined;
      }
      if ((await sha256Hex(bytes)) !== expected.sha256) {
        problems.push(problem('manifest.hashMismatch', { file: f.path }));
        return undefined;
      }
    }
    return bytes;
  };
  const readText = async (f: PackFile): Promise<string | undefined> => {
    if (f.size > TEXT_LIMIT) {
      problems.push(problem('zip.fileTooLarge', { file: f.path, params: { limit: TEXT_LIMIT } }));
      return undefined;
    }
    const bytes = await verify(f);
    progress(f.size);
    if (!bytes) return undefined;
    const decoded = decodeUtf8(bytes, f.path);
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      return undefined;
    }
    return decoded.text;
  };

  // 2. Sort the files by what they are.
  const lessonFiles: { file: PackFile; folder: string; lang: string }[] = [];
  const scenarioFiles: PackFile[] = [];
  const worksheetFiles: { file: PackFile; folder: string; lang: string }[] = [];
  const quizFiles: PackFile[] = [];
  const mediaFiles: PackFile[] = [];
  for (const f of pack.files) {
    if (f.path === 'manifest.json' || f.path === 'pack.yaml') continue;
    const m = LESSON_PATH.exec(f.path);
    const w = WORKSHEET_PATH.exec(f.path);
    if (m?.[1] && m[2]) lessonFiles.push({ file: f, folder: m[1], lang: m[2] });
    else if (SCENARIO_PATH.test(f.path)) scenarioFiles.push(f);
    else if (w?.[1] && w[2]) worksheetFiles.push({ file: f, folder: w[1], lang: w[2] });
    else if (QUIZ_PATH.test(f.path)) quizFiles.push(f);
    else if (f.path.startsWith('media/')) mediaFiles.push(f);
    else problems.push(problem('file.unexpected', { file: f.path }));
  }
  for (const f of mediaFiles) {
    if (!mediaType(f.path)) problems.push(problem('file.mediaType', { file: f.path, params: { allowed: Object.keys(MEDIA_TYPES).join(', ') } }));
  }

  // 3. pack.yaml
  const packFile = byPath.get('pack.yaml');
  let meta: PackMeta | undefined;
  if (!packFile) {
    problems.push(problem('pack.missingPackYaml', { file: 'pack.yaml' }));
  } else {
    const text = await readText(packFile);
    if (text !== undefined) {
      const declared = /^formatVersion:\s*(\S+)/m.exec(text);
      const version = declared?.[1];
      if (declared && version !== undefined && version !== String(FORMAT_VERSION)) {
        const at = lineCol(text, declared.index);
        throw new PackError([problem('pack.unsupportedFormat', { file: 'pack.yaml', ...at, params: { version, supported: FORMAT_VERSION } })]);
      }
      const parsed = parseYaml(text, packSchema, 'pack.yaml');
      problems.push(...parsed.problems);
      meta = parsed.value;
    }
  }

  /** A lesson or worksheet file named after a language of the pack; otherwise a problem. */
  const packLanguage = (file: PackFile, lang: string): lang is Lang => {
    if (isLang(lang) && (!meta || meta.languages.includes(lang))) return true;
    problems.push(problem('lesson.unknownLanguage', { file: file.path, line: 1, col: 1, params: { lang, languages: (meta?.languages ?? []).join(', ') } }));
    return false;
  };

  // 4. Lessons
  const mediaPaths = new Set(mediaFiles.map((f) => f.path));
  const lessons: LoadedLesson[] = [];
  const folders = new Map<string, Set<string>>();
  for (const { folder, lang } of lessonFiles) folders.set(folder, (folders.get(folder) ?? new Set()).add(lang));
  for (const { file, folder, lang } of lessonFiles) {
    const text = await readText(file);
    if (text === undefined) continue;
    if (!packLanguage(file, lang)) continue;
    const lesson = parseLesson(text, file.path, problems);
    if (!lesson) continue;
    if (lesson.meta.id !== folder) {
      problems.push(problem('lesson.idMismatch', { file: file.path, line: lesson.idLine, col: 1, params: { id: lesson.meta.id, folder } }));
    }
    checkImages(lesson.body, file.path, lesson.bodyLine, mediaPaths, problems);
    lessons.push({ ...lesson, lessonId: folder, lang });
  }

  // 5. Scenarios, with text in every language of the pack.
  const scenarios: LoadedScenario[] = [];
  for (const file of scenarioFiles) {
    const text = await readText(file);
    if (text === undefined || !meta) continue;
    const parsed = parseScenario(text, file.path, meta.languages);
    problems.push(...parsed.problems);
    if (parsed.scenario) scenarios.push({ scenarioId: parsed.scenario.id, path: file.path, scenario: parsed.scenario });
  }

  // 6. Worksheets and family letters, each file on its own, then as a set.
  const worksheetParses: WorksheetFile[] = [];
  for (const { file, folder, lang } of worksheetFiles) {
    const text = await readText(file);
    if (text === undefined) continue;
    if (!packLanguage(file, lang)) continue;
    const parsed = parseWorksheet(text, file.path, lang);
    problems.push(...parsed.problems);
    checkImages(text, file.path, 1, mediaPaths, problems);
    worksheetParses.push({ path: file.path, folder, lang, parsed });
  }
  if (meta) problems.push(...checkWorksheetSet(worksheetParses, new Set(folders.keys()), meta.languages));
  const worksheets: LoadedWorksheet[] = worksheetParses.flatMap(({ path, folder, lang, parsed }) =>
    parsed.worksheet ? [{ worksheetId: folder, lang, path, worksheet: parsed.worksheet }] : [],
  );

  // 7. Quizzes, each belonging to a lesson of the pack, with text in every language of the pack.
  const quizzes: LoadedQuiz[] = [];
  for (const file of quizFiles) {
    const text = await readText(file);
    if (text === undefined || !meta) continue;
    const parsed = parseQuiz(text, file.path, meta.languages, new Set(folders.keys()));
    problems.push(...parsed.problems);
    if (parsed.quiz) quizzes.push({ quizId: parsed.quiz.id, path: file.path, quiz: parsed.quiz });
  }

  // 8. Across lessons: duplicate IDs and missing languages.
  const seenIds = new Map<string, string>();
  for (const l of lessons) {
    const other = seenIds.get(l.meta.id);
    if (other && other !== l.lessonId) problems.push(problem('lesson.duplicateId', { file: l.path, line: l.idLine, col: 1, params: { id: l.meta.id, other: `lessons/${other}` } }));
    else seenIds.set(l.meta.id, l.lessonId);
  }
  if (meta) {
    for (const [folder, langs] of folders) {
      for (const lang of meta.languages) {
        if (!langs.has(lang)) problems.push(problem('lesson.missingLanguage', { file: `lessons/${folder}/${lang}.md`, params: { lang, lesson: folder } }));
      }
    }
    if (lessonFiles.length === 0) problems.push(problem('pack.noLessons', { file: 'pack.yaml' }));
  }
  if (problems.length || !meta) throw new PackError(problems);

  // 9. Media, one file at a time: memory stays flat whatever the size of the pack.
  await options.beforeMedia?.(meta);
  const media: LoadedMedia[] = [];
  for (const f of mediaFiles) {
    const bytes = await verify(f);
    if (!bytes) continue;
    const sha256 = manifest?.files[f.path]?.sha256 ?? (await sha256Hex(bytes));
    const type = mediaType(f.path) ?? 'application/octet-stream';
    if (type === 'image/svg+xml') {
      const danger = svgDanger(new TextDecoder().decode(bytes));
      if (danger) {
        problems.push(problem('media.unsafeSvg', { file: f.path, line: danger.line, col: danger.col, params: { what: danger.what } }));
        continue;
      }
    }
    await options.media?.put(sha256, bytes, type);
    media.push({ path: f.path, sha256, type, size: bytes.length });
    progress(f.size);
  }
  if (problems.length) throw new PackError(problems);
  lessons.sort((a, b) => (a.meta.order ?? 1e9) - (b.meta.order ?? 1e9) || compareText(a.lessonId, b.lessonId) || compareText(a.lang, b.lang));
  scenarios.sort((a, b) => compareText(a.scenarioId, b.scenarioId));
  worksheets.sort((a, b) => compareText(a.worksheetId, b.worksheetId) || compareText(a.lang, b.lang));
  quizzes.sort((a, b) => compareText(a.quizId, b.quizId));
  return { meta, lessons, scenarios, worksheets, quizzes, media };
}

async function readManifest(f: PackFile, problems: Problem[]): Promise<Manifest | undefined> {
  const decoded = decodeUtf8(await f.read(), f.path);
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (e) {
    problems.push(problem('manifest.invalid', { file: f.path, line: 1, col: 1, params: { detail: String((e as Error).message) } }));
    return undefined;
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(problem('manifest.invalid', { file: f.path, line: 1, col: 1, params: { detail: parsed.error.issues[0]?.message ?? '' } }));
    return undefined;
  }
  return parsed.data;
}

function parseLesson(text: string, file: string, problems: Problem[]): Omit<LoadedLesson, 'lessonId' | 'lang'> | undefined {
  const split = splitFrontMatter(text);
  if (split === 'missing' || split === 'unclosed') {
    problems.push(problem(split === 'missing' ? 'frontMatter.missing' : 'frontMatter.unclosed', { file, line: 1, col: 1 }));
    return undefined;
  }
  const { yaml, body, bodyLine } = split;
  const parsed = parseYaml(yaml, lessonFrontMatterSchema, file, 1);
  const blockProblems = checkBlocks(body, file, bodyLine);
  problems.push(...parsed.problems, ...blockProblems);
  if (!parsed.value || blockProblems.length) return undefined;
  return { path: file, meta: parsed.value, body, bodyLine, idLine: frontMatterLine(yaml, 'id'), text: plainText(body) };
}

/** Every picture a Markdown body shows must be in the pack's media folder. `firstLine` is the body's line in its file. */
function checkImages(markdown: string, file: string, firstLine: number, mediaPaths: ReadonlySet<string>, problems: Problem[]): void {
  for (const ref of imageRefs(markdown)) {
    const at = { file, line: firstLine + ref.line - 1, col: ref.col };
    const target = resolveMediaPath(ref.src, file);
    if (target === 'remote') problems.push(problem('lesson.remoteImage', { ...at, params: { src: ref.src } }));
    else if (!target || !mediaPaths.has(target)) problems.push(problem('lesson.missingMedia', { ...at, params: { src: ref.src } }));
  }
}

export function mediaType(path: string): string | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MEDIA_TYPES[ext];
}

/**
 * Where an image reference in a lesson points inside the pack: `media/x.png`
 * from the pack root, or a path relative to the lesson file. 'remote' for
 * anything with a scheme; null for a path that leaves the pack or media/.
 */
export function resolveMediaPath(src: string, fromFile: string): string | 'remote' | null {
  let s = src.trim();
  try {
    s = decodeURI(s);
  } catch {
    return null;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//')) return 'remote';
  s = s.split(/[?#]/, 1)[0] ?? '';
  const parts = s.startsWith('media/') ? [] : fromFile.split('/').slice(0, -1);
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  const path = parts.join('/');
  return path.startsWith('media/') ? path : null;
}
