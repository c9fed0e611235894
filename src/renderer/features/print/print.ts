import type { Lang } from '../../../core/base/languages';
import { escapeHtml, imageRefs } from '../../../core/markdown/render';
import { resolveMediaPath } from '../../../core/pack/media';
import type { HelpService } from '../../../core/base/help';
import type { Worksheet, WorksheetItem } from '../../../core/worksheet/model';
import { worksheetsOfLesson } from '../../../core/worksheet/lint';
import { createWorksheetRenderer, worksheetLabels, type WorksheetCopy } from '../../../core/worksheet/render';
import type { LessonRow, PackRow, WorksheetRow } from '../../data/database';
import type { PackMedia } from '../../data/packs';
import { packs } from '../../app/data';
import { translatorFor } from '../../lib/i18n.svelte';
import { sanitizeLesson } from '../../lib/sanitize';

/** Everything a lesson can print in one language: its worksheets, its family letter, and a certificate. */
export interface LessonPrints {
  lesson: LessonRow;
  pack: PackRow;
  worksheets: WorksheetRow[];
  /** The pack's pictures the sheets show; `close` revokes them. */
  media: PackMedia;
  close(): void;
}

export async function openLessonPrints(packId: string, lessonId: string, lang: Lang): Promise<LessonPrints | undefined> {
  const [lesson, pack, rows] = await Promise.all([
    packs.lessonRow(packId, lessonId, lang),
    packs.pack(packId),
    packs.worksheetsOfLesson(packId, lessonId),
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
  const media = await packs.openPackMedia(packId, wanted);
  return { lesson, pack, worksheets, media, close: () => media.close() };
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
export function renderItems(worksheet: Worksheet, copy: WorksheetCopy, media: PackMedia): string[] {
  const path = `worksheets/${worksheet.id}/${worksheet.lang}.md`;
  const render = createWorksheetRenderer({
    copy,
    labels: worksheetLabels(translatorFor(worksheet.lang)),
    resolveImage: (src) => {
      const target = resolveMediaPath(src, path);
      return target && target !== 'remote' ? media.url(target) : null;
    },
  });
  return worksheet.items.map((item) => sanitizeLesson(render(item), media.urls));
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
