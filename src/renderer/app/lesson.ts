import type { Lang } from '../../core/base/languages';
import { resolveMediaPath } from '../../core/pack/media';
import { BLOCK_KINDS, type BlockKind } from '../../core/markdown/blocks';
import { createLessonRenderer, imageRefs, withoutLeadingTitle, type Audience } from '../../core/markdown/render';
import { quizzesOfLesson } from '../../core/quiz/lint';
import { quizText } from '../../core/quiz/schema';
import { worksheetsOfLesson } from '../../core/worksheet/lint';
import type { WorksheetKind } from '../../core/worksheet/schema';
import type { LessonRow } from '../data/database';
import type { PackMedia } from '../data/packs';
import { packs } from './data';
import { translatorFor } from '../lib/i18n.svelte';
import { sanitizeLesson } from '../lib/sanitize';

/** A worksheet or family letter the lesson lists, in the lesson's language. */
export interface LessonSheet {
  worksheetId: string;
  title: string;
  kind: WorksheetKind;
}

/** A quiz the lesson lists, titled in the lesson's language. */
export interface LessonQuiz {
  quizId: string;
  title: string;
}

/** The quizzes of a lesson, in the order the pack gives them, titled in `lang`. */
export async function quizzesForLesson(packId: string, lessonId: string, lang: Lang): Promise<LessonQuiz[]> {
  const rows = await packs.quizzesOfLesson(packId, lessonId);
  return quizzesOfLesson(rows, lessonId, lang).map((r) => ({ quizId: r.quizId, title: quizText(r.quiz.title, lang) }));
}

export interface OpenLesson {
  row: LessonRow;
  sheets: LessonSheet[];
  languages: Lang[];
  body: string;
  /** The pack's pictures this lesson shows; `close` revokes them. */
  media: PackMedia;
  close(): void;
}

export async function openLesson(packId: string, lessonId: string, lang: Lang): Promise<OpenLesson | undefined> {
  const record = await packs.lesson(packId, lessonId, lang);
  if (!record) return undefined;
  const { row, content, versions, worksheets } = record;
  const path = `lessons/${lessonId}/${lang}.md`;
  const wanted = new Set<string>();
  for (const ref of imageRefs(content.body)) {
    const target = resolveMediaPath(ref.src, path);
    if (target && target !== 'remote') wanted.add(target);
  }
  const media = await packs.openPackMedia(packId, wanted);
  const sheets = worksheetsOfLesson(worksheets, lessonId, lang).map((w) => ({ worksheetId: w.worksheetId, title: w.title, kind: w.kind }));
  return {
    row,
    sheets,
    languages: versions.map((v) => v.lang),
    body: content.body,
    media,
    close: () => media.close(),
  };
}

/** Lesson Markdown to safe HTML, for one audience, with block labels in the lesson's language. */
export function renderLesson(lesson: OpenLesson, audience: Audience): string {
  const t = translatorFor(lesson.row.lang);
  const labels = Object.fromEntries(BLOCK_KINDS.map((k) => [k, t(`block.${k}`)])) as Record<BlockKind, string>;
  const path = `lessons/${lesson.row.lessonId}/${lesson.row.lang}.md`;
  const render = createLessonRenderer({
    audience,
    labels,
    resolveImage: (src) => {
      const target = resolveMediaPath(src, path);
      return target && target !== 'remote' ? lesson.media.url(target) : null;
    },
  });
  return sanitizeLesson(render(withoutLeadingTitle(lesson.body)), lesson.media.urls);
}
