import type { Lang } from '../../../core/languages';
import { resolveMediaPath } from '../../../core/pack/load';
import { BLOCK_KINDS, type BlockKind } from '../../../core/markdown/blocks';
import { createLessonRenderer, imageRefs, withoutLeadingTitle, type Audience } from '../../../core/markdown/render';
import { quizzesOfLesson } from '../../../core/quiz/lint';
import { quizText } from '../../../core/quiz/schema';
import { worksheetsOfLesson } from '../../../core/worksheet/lint';
import { lessonKey, type LessonRow } from '../../db/database';
import { db } from '../../lib/db';
import { translatorFor } from '../../lib/i18n.svelte';
import { sanitizeLesson } from '../../lib/sanitize';

/** A worksheet or family letter the lesson lists, in the lesson's language. */
export interface LessonSheet {
  worksheetId: string;
  title: string;
  kind: 'worksheet' | 'family-letter';
}

/** A quiz the lesson lists, titled in the lesson's language. */
export interface LessonQuiz {
  quizId: string;
  title: string;
}

/** The quizzes of a lesson, in the order the pack gives them, titled in `lang`. */
export async function quizzesForLesson(packId: string, lessonId: string, lang: Lang): Promise<LessonQuiz[]> {
  const rows = await db.quizzes.where('[packId+lesson]').equals([packId, lessonId]).toArray();
  return quizzesOfLesson(rows, lessonId, lang).map((r) => ({ quizId: r.quizId, title: quizText(r.quiz.title, lang) }));
}

export interface OpenLesson {
  row: LessonRow;
  sheets: LessonSheet[];
  languages: Lang[];
  body: string;
  /** Object URLs of the pack's media used by this lesson, by pack path. Revoke with `close`. */
  media: Map<string, string>;
  close(): void;
}

export async function openLesson(packId: string, lessonId: string, lang: Lang): Promise<OpenLesson | undefined> {
  const key = lessonKey(packId, lessonId, lang);
  const [row, content, versions, worksheets] = await Promise.all([
    db.lessons.get(key),
    db.lessonContent.get(key),
    db.lessons.where('[packId+lessonId]').equals([packId, lessonId]).toArray(),
    db.worksheets.where('[packId+lesson]').equals([packId, lessonId]).toArray(),
  ]);
  if (!row || !content) return undefined;
  const path = `lessons/${lessonId}/${lang}.md`;
  const wanted = new Set<string>();
  for (const ref of imageRefs(content.body)) {
    const target = resolveMediaPath(ref.src, path);
    if (target && target !== 'remote') wanted.add(target);
  }
  const refs = await db.packMedia.where('[packId+path]').anyOf([...wanted].map((p) => [packId, p])).toArray();
  const blobs = await db.media.bulkGet(refs.map((r) => r.sha256));
  const media = new Map<string, string>();
  refs.forEach((ref, i) => {
    const blob = blobs[i]?.blob;
    if (blob) media.set(ref.path, URL.createObjectURL(blob));
  });
  const sheets = worksheetsOfLesson(worksheets, lessonId, lang).map((w) => ({ worksheetId: w.worksheetId, title: w.title, kind: w.kind }));
  return {
    row,
    sheets,
    languages: versions.map((v) => v.lang),
    body: content.body,
    media,
    close: () => media.forEach((url) => URL.revokeObjectURL(url)),
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
      return target && target !== 'remote' ? (lesson.media.get(target) ?? null) : null;
    },
  });
  return sanitizeLesson(render(withoutLeadingTitle(lesson.body)), new Set(lesson.media.values()));
}
