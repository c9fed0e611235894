import { facets, filterLessons, hitsByLesson, NO_FILTERS, type LessonSummary, type LibraryFilters } from '../../core/library/filter';
import { LessonSearch } from '../../core/search';
import type { PackRow } from '../data/database';
import { packs as packsRepo } from './data';
import { locale } from '../lib/i18n.svelte';

/** The library as the teacher sees it: packs, lessons, filters and search. */
class Library {
  packs = $state.raw<PackRow[]>([]);
  lessons = $state.raw<LessonSummary[]>([]);
  loaded = $state(false);
  filters = $state<LibraryFilters>({ ...NO_FILTERS });
  /** Bumped when the search index changes, so results recompute. */
  private indexVersion = $state(0);
  private readonly index = new LessonSearch();

  readonly facets = $derived(facets(this.lessons));
  private readonly packOrder = $derived(new Map(this.packs.map((p, i) => [p.id, i])));

  readonly cards = $derived.by(() => {
    void this.indexVersion;
    const query = this.filters.query.trim();
    const hits = query ? hitsByLesson(this.index.search(query, { limit: 500 })) : null;
    return filterLessons(this.lessons, this.filters, hits, locale.lang, this.packOrder);
  });

  readonly filtered = $derived(
    this.filters.query.trim() !== '' || (['lang', 'ageBand', 'topic', 'packId'] as const).some((k) => this.filters[k] !== 'any'),
  );

  async refresh(): Promise<void> {
    const { packs, lessons: rows } = await packsRepo.library();
    this.packs = packs.sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id));
    this.lessons = rows.map(({ key, packId, lessonId, lang, title, summary, topic, ageBands, minutes, order }) => ({
      key, packId, lessonId, lang, title, summary, topic, ageBands, minutes, order,
    }));
    this.loaded = true;
    // The search index is built after the list is on screen.
    const content = await packsRepo.lessonTexts();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    this.index.clear();
    this.index.addAll(
      content.flatMap((c) => {
        const row = byKey.get(c.key);
        return row ? [{ id: c.key, lang: row.lang, title: row.title, text: c.text }] : [];
      }),
    );
    this.indexVersion++;
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS };
  }
}

export const library = new Library();
