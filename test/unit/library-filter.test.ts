import { describe, expect, it } from 'vitest';
import { facets, filterLessons, hitsByLesson, NO_FILTERS, type LessonSummary } from '../../src/core/library/filter';
import type { Lang } from '../../src/core/base/languages';

function lesson(packId: string, lessonId: string, lang: Lang, extra: Partial<LessonSummary> = {}): LessonSummary {
  return {
    key: `${packId}/${lessonId}/${lang}`,
    packId,
    lessonId,
    lang,
    title: `${lessonId} (${lang})`,
    topic: 'cyberbullying',
    ageBands: ['10-12'],
    minutes: 45,
    order: 0,
    ...extra,
  };
}

const library = [
  ...(['kk', 'ru', 'en'] as const).map((l) => lesson('core', 'bullying', l, { order: 1 })),
  ...(['kk', 'ru', 'en'] as const).map((l) => lesson('core', 'privacy', l, { order: 2, topic: 'privacy', ageBands: ['13-15'] })),
  lesson('ministry', 'scams', 'ru', { topic: 'scams' }),
];
const shown = (cards: ReturnType<typeof filterLessons>) => cards.map((c) => c.lesson.key);

describe('the library', () => {
  it('shows each lesson once, in the interface language where it exists', () => {
    expect(shown(filterLessons(library, NO_FILTERS, null, 'kk'))).toEqual(['core/bullying/kk', 'core/privacy/kk', 'ministry/scams/ru']);
  });

  it('lists the other languages of a lesson in the order kk, ru, en', () => {
    const [card] = filterLessons(library, NO_FILTERS, null, 'en');
    expect(card?.otherLanguages).toEqual(['kk', 'ru']);
  });

  it('filtered by lesson language, shows only lessons written in it', () => {
    expect(shown(filterLessons(library, { ...NO_FILTERS, lang: 'ru' }, null, 'kk'))).toEqual([
      'core/bullying/ru',
      'core/privacy/ru',
      'ministry/scams/ru',
    ]);
    expect(shown(filterLessons(library, { ...NO_FILTERS, lang: 'en' }, null, 'kk'))).not.toContain('ministry/scams/ru');
  });

  it('filters by age band and topic together', () => {
    expect(shown(filterLessons(library, { ...NO_FILTERS, ageBand: '13-15' }, null, 'kk'))).toEqual(['core/privacy/kk']);
    expect(shown(filterLessons(library, { ...NO_FILTERS, topic: 'scams', ageBand: '13-15' }, null, 'kk'))).toEqual([]);
  });

  it('a search hit in any language finds the lesson, shown in the chosen language, best first', () => {
    const hits = hitsByLesson([
      { id: 'core/privacy/ru', score: 9 },
      { id: 'core/bullying/en', score: 2 },
      { id: 'core/bullying/kk', score: 4 },
    ]);
    expect(shown(filterLessons(library, NO_FILTERS, hits, 'kk'))).toEqual(['core/privacy/kk', 'core/bullying/kk']);
  });

  it('puts the packs in library order, the built-in pack first', () => {
    const order = new Map([
      ['ministry', 0],
      ['core', 1],
    ]);
    expect(shown(filterLessons(library, NO_FILTERS, null, 'ru', order))[0]).toBe('ministry/scams/ru');
  });

  it('offers only filter values that occur', () => {
    expect(facets(library)).toEqual({ langs: ['kk', 'ru', 'en'], ageBands: ['10-12', '13-15'], topics: ['cyberbullying', 'privacy', 'scams'] });
  });
});
