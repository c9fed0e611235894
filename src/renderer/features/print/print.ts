import type { Lang } from '../../../core/languages';
import { escapeHtml, imageRefs } from '../../../core/markdown/render';
import { resolveMediaPath } from '../../../core/pack/load';
import type { HelpService } from '../../../core/pack/schema';
import type { Worksheet, WorksheetItem } from '../../../core/worksheet/model';
import { worksheetsOfLesson } from '../../../core/worksheet/lint';
import { createWorksheetRenderer, worksheetLabels, type WorksheetCopy } from '../../../core/worksheet/render';
import { lessonKey, type LessonRow, type PackRow, type WorksheetRow } from '../../db/database';
import { db } from '../../lib/db';
import { translatorFor } from '../../lib/i18n.svelte';
import { sanitizeLesson } from '../../lib/sanitize';

/** Everything a lesson can print in one language: its worksheets, its family letter, and a certificate. */
export interface LessonPrints {
  lesson: LessonRow;
  pack: PackRow;
  worksheets: WorksheetRow[];
  /** Object URLs of pack media used by the sheets, by pack path. Revoke with `close`. */
  media: Map<string, string>;
  close(): void;
}

export async function openLessonPrints(packId: string, lessonId: string, lang: Lang): Promise<LessonPrints | undefined> {
  const [lesson, pack, rows] = await Promise.all([
    db.lessons.get(lessonKey(packId, lessonId, lang)),
    db.packs.get(packId),
    db.worksheets.where('[packId+lesson]').equals([packId, lessonId]).toArray(),
  ]);
  if (!lesson || !pack) return undefined;
  const worksheets = worksheetsOfLesson(rows, lessonId, lang);
  const wanted = new Set<string>();
  for (const row of worksheets) {
    const path = `worksheets/${row.worksheetId}/${lang}.md`;
    for (const md of markdownOf(row.worksheet.items)) {
      for (const ref of imageRefs(md)) {
        const target = resolveMediaPath(ref.src, path);
        if (target && target !== 'remote') wanted.add(target);
      }
    }
  }
  const refs = wanted.size ? await db.packMedia.where('[packId+path]').anyOf([...wanted].map((p) => [packId, p])).toArray() : [];
  const blobs = await db.media.bulkGet(refs.map((r) => r.sha256));
  const media = new Map<string, string>();
  refs.forEach((ref, i) => {
    const blob = blobs[i]?.blob;
    if (blob) media.set(ref.path, URL.createObjectURL(blob));
  });
  return { lesson, pack, worksheets, media, close: () => media.forEach((url) => URL.revokeObjectURL(url)) };
}

function markdownOf(items: readonly WorksheetItem[]): string[] {
  return items.flatMap((item) => {
    switch (item.kind) {
      case 'prose':
        return [item.markdown];
      case 'talk':
        return [item.intro, ...item.points];
      default:
        return [item.prompt, item.answer ?? ''];
    }
  });
}

/** The HTML of each item of a sheet, cleaned, for a pupil copy or the answer key. */
export function renderItems(worksheet: Worksheet, copy: WorksheetCopy, media: ReadonlyMap<string, string>): string[] {
  const path = `worksheets/${worksheet.id}/${worksheet.lang}.md`;
  const render = createWorksheetRenderer({
    copy,
    labels: worksheetLabels(translatorFor(worksheet.lang)),
    resolveImage: (src) => {
      const target = resolveMediaPath(src, path);
      return target && target !== 'remote' ? (media.get(target) ?? null) : null;
    },
  });
  const urls = new Set(media.values());
  return worksheet.items.map((item) => sanitizeLesson(render(item), urls));
}

/** The names or codes a class set is headed with: one per non-empty line, or `count` blank headers. */
export function copiesFor(list: string, count: number): string[] {
  const names = list
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, MAX_COPIES);
  if (names.length) return names;
  return Array.from({ length: Math.max(1, Math.min(MAX_COPIES, Math.floor(count) || 1)) }, () => '');
}

/** More copies than any class; a bigger job is a mistake in the count. */
export const MAX_COPIES = 60;

/** A file name for the PDF: the sheet's title and what was printed, without characters file systems refuse. */
export function pdfName(...parts: string[]): string {
  const name = parts
    .filter(Boolean)
    .join(' - ')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 140);
  return `${name || 'Qorgau'}.pdf`;
}

/** The help services under a family letter, as HTML in the letter's language. */
export function helpHtml(services: readonly HelpService[], lang: Lang, heading: string, phoneLabel: string): string {
  const esc = escapeHtml;
  const items = services
    .map((s) => {
      const name = s.name[lang] ?? Object.values(s.name)[0] ?? '';
      const parts = [`<strong>${esc(name)}</strong>`];
      if (s.phone) parts.push(`${esc(phoneLabel)} <strong>${esc(s.phone)}</strong>`);
      if (s.hours?.[lang]) parts.push(esc(s.hours[lang]));
      if (s.url) parts.push(esc(s.url));
      return `<li>${parts.join(' · ')}</li>`;
    })
    .join('');
  return `<div class="ws-help"><h2>${esc(heading)}</h2><ul>${items}</ul></div>`;
}
