import type { Lang } from '../../base/languages';
import { compareText } from '../../base/order';
import { problem, type Problem } from '../../base/problems';
import { frontMatterLine, splitFrontMatter } from '../../base/text';
import { parseYaml } from '../../base/yaml';
import { checkBlocks } from '../../markdown/blocks';
import { plainText } from '../../markdown/render';
import { checkImages } from '../media';
import { lessonFrontMatterSchema, type LessonFrontMatter } from '../schema';
import type { ContentKind } from './kind';

/** A lesson in one language: `lessons/<id>/<lang>.md` (docs/pack-format.md). */
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

const PATH = /^lessons\/([^/]+)\/([^/]+)\.md$/;

export const lessonKind: ContentKind<'lessons', LoadedLesson> = {
  key: 'lessons',
  match(path) {
    const m = PATH.exec(path);
    return m?.[1] && m[2] ? { name: m[1], lang: m[2] } : undefined;
  },
  jsonSchema: { file: 'lesson.schema.json', schema: lessonFrontMatterSchema },
  async load(files, { meta, problems, mediaPaths, readText, packLanguage }) {
    const lessons: LoadedLesson[] = [];
    const folders = new Map<string, Set<string>>();
    for (const { name, lang = '' } of files) folders.set(name, (folders.get(name) ?? new Set()).add(lang));
    for (const { file, name: folder, lang = '' } of files) {
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
    // Across lessons: duplicate IDs, missing languages, a pack without lessons.
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
      if (files.length === 0) problems.push(problem('pack.noLessons', { file: 'pack.yaml' }));
    }
    return lessons;
  },
  compare: (a, b) => (a.meta.order ?? 1e9) - (b.meta.order ?? 1e9) || compareText(a.lessonId, b.lessonId) || compareText(a.lang, b.lang),
};

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
