import { LANGUAGES, type Lang } from '../base/languages';
import type { AgeBand, Topic } from '../base/vocabulary';

/** A lesson in one language, as the library lists it. */
export interface LessonSummary {
  /** `packId/lessonId/lang` */
  key: string;
  packId: string;
  lessonId: string;
  lang: Lang;
  title: string;
  summary?: string;
  topic: Topic;
  ageBands: AgeBand[];
  minutes: number;
  order: number;
}

export interface LibraryFilters {
  query: string;
  lang: Lang | 'any';
  ageBand: AgeBand | 'any';
  topic: Topic | 'any';
  packId: string | 'any';
}

export const NO_FILTERS: LibraryFilters = { query: '', lang: 'any', ageBand: 'any', topic: 'any', packId: 'any' };

export interface LibraryCard {
  lesson: LessonSummary;
  /** Other languages the same lesson exists in. */
  otherLanguages: Lang[];
}

/** `packId/lessonId`: one lesson, whatever the language. */
function lessonRef(l: Pick<LessonSummary, 'packId' | 'lessonId'>): string {
  return `${l.packId}/${l.lessonId}`;
}

/**
 * What the library shows for the given filters. A search hit in any language
 * finds the lesson; it is shown in the filtered language, or the preferred
 * one when the filter is "any". Hits come best first.
 */
export function filterLessons(
  lessons: LessonSummary[],
  filters: LibraryFilters,
  hits: Map<string, number> | null,
  preferred: Lang,
  /** Position of each pack in the library (the built-in pack first); unknown packs go last. */
  packOrder: ReadonlyMap<string, number> = new Map(),
): LibraryCard[] {
  const byLesson = new Map<string, LessonSummary[]>();
  for (const l of lessons) {
    const ref = lessonRef(l);
    const list = byLesson.get(ref);
    if (list) list.push(l);
    else byLesson.set(ref, [l]);
  }
  const cards: { card: LibraryCard; score: number }[] = [];
  for (const [ref, versions] of byLesson) {
    const shown =
      filters.lang === 'any'
        ? (versions.find((v) => v.lang === preferred) ?? versions[0])
        : versions.find((v) => v.lang === filters.lang);
    if (!shown) continue;
    if (filters.ageBand !== 'any' && !shown.ageBands.includes(filters.ageBand)) continue;
    if (filters.topic !== 'any' && shown.topic !== filters.topic) continue;
    if (filters.packId !== 'any' && shown.packId !== filters.packId) continue;
    const score = hits ? hits.get(ref) : 0;
    if (score === undefined) continue;
    cards.push({ card: { lesson: shown, otherLanguages: LANGUAGES.filter((l) => l !== shown.lang && versions.some((v) => v.lang === l)) }, score });
  }
  cards.sort(
    (a, b) =>
      b.score - a.score ||
      (packOrder.get(a.card.lesson.packId) ?? Infinity) - (packOrder.get(b.card.lesson.packId) ?? Infinity) ||
      a.card.lesson.packId.localeCompare(b.card.lesson.packId) ||
      a.card.lesson.order - b.card.lesson.order ||
      a.card.lesson.title.localeCompare(b.card.lesson.title),
  );
  return cards.map((c) => c.card);
}

/** Best score per lesson from search hits keyed by `packId/lessonId/lang`. */
export function hitsByLesson(hits: { id: string; score: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of hits) {
    const ref = h.id.slice(0, h.id.lastIndexOf('/'));
    out.set(ref, Math.max(out.get(ref) ?? 0, h.score));
  }
  return out;
}

/** The values that occur in the library, so filters never offer an empty choice. */
export function facets(lessons: LessonSummary[]): { langs: Lang[]; ageBands: AgeBand[]; topics: Topic[] } {
  const langs = new Set<Lang>();
  const ageBands = new Set<AgeBand>();
  const topics = new Set<Topic>();
  for (const l of lessons) {
    langs.add(l.lang);
    l.ageBands.forEach((a) => ageBands.add(a));
    topics.add(l.topic);
  }
  return { langs: [...langs], ageBands: [...ageBands].sort(), topics: [...topics] };
}
