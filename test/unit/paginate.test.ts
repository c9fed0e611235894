/**
 * Where a printed worksheet breaks into pages: a question is never split,
 * a question taller than a page gets a page of its own, instructions stay
 * with the question they introduce, and "page N of M" knows M.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n';
import { parseWorksheet } from '../../src/core/worksheet/parse';
import { keepWithNextOf, paginate, type PageLayout } from '../../src/core/worksheet/paginate';

describe('pages of a worksheet', () => {
  it('no items: one page with the header only', () => {
    expect(paginate({ page: 100, header: 20, items: [] })).toEqual({ pages: [[]], pageCount: 1, tooTall: [] });
  });

  it('items that fill the page exactly stay on it; the next one starts page 2', () => {
    expect(paginate({ page: 100, header: 20, items: [30, 30, 20] })).toEqual({ pages: [[0, 1, 2]], pageCount: 1, tooTall: [] });
    expect(paginate({ page: 100, header: 20, items: [30, 30, 20, 1] })).toEqual({ pages: [[0, 1, 2], [3]], pageCount: 2, tooTall: [] });
  });

  it('a question that does not fit moves whole to the next page, even when a smaller one after it would fit', () => {
    // 20 + 50 = 70 used; 40 does not fit in 30, 10 would, but order is kept.
    expect(paginate({ page: 100, header: 20, items: [50, 40, 10] }).pages).toEqual([[0], [1, 2]]);
  });

  it('the header is on every page unless later pages have a smaller one', () => {
    const items = [60, 60, 60];
    expect(paginate({ page: 100, header: 30, items }).pages).toEqual([[0], [1], [2]]);
    expect(paginate({ page: 130, header: 30, laterHeader: 10, items }).pages).toEqual([[0], [1, 2]]);
  });

  it('a question taller than a page gets a page of its own, and the next one starts a new page', () => {
    expect(paginate({ page: 100, header: 20, items: [10, 150, 10, 10] })).toEqual({ pages: [[0], [1], [2, 3]], pageCount: 3, tooTall: [1] });
    expect(paginate({ page: 100, header: 20, items: [85] })).toEqual({ pages: [[0]], pageCount: 1, tooTall: [0] });
  });

  it('a heading kept with the next question moves to the next page with it', () => {
    // The heading (10) would fit after 60, but its question (40) would not.
    const keepWithNext = [false, true, false, false];
    expect(paginate({ page: 100, header: 20, items: [60, 10, 40, 10], keepWithNext }).pages).toEqual([[0], [1, 2, 3]]);
    expect(paginate({ page: 100, header: 20, items: [60, 10, 40, 10] }).pages).toEqual([[0, 1], [2, 3]]);
  });

  it('a chain that is taller than a page is placed item by item, its tail still kept together', () => {
    // 10 + 50 + 50 > 80: item by item, each where it fits.
    expect(paginate({ page: 100, header: 20, items: [10, 50, 50], keepWithNext: [true, true, false] }).pages).toEqual([[0, 1], [2]]);
    // 30 + 40 + 30 > 80: the first goes where it fits; the rest of the chain (70) fits a page and moves on together.
    expect(paginate({ page: 100, header: 20, items: [30, 40, 30], keepWithNext: [true, true, false] }).pages).toEqual([[0], [1, 2]]);
  });

  it('rounding in measured heights does not push an item to the next page', () => {
    expect(paginate({ page: 1, header: 0.7, items: [0.1, 0.2] }).pages).toEqual([[0, 1]]);
  });

  it('refuses heights a browser cannot have measured', () => {
    expect(() => paginate({ page: 100, header: 20, items: [10, Number.NaN] })).toThrow(new RangeError('paginate: items[1] must be a finite number ≥ 0, not NaN'));
    expect(() => paginate({ page: 100, header: -1, items: [] })).toThrow(RangeError);
    expect(() => paginate({ page: 100, header: 100, items: [] })).toThrow(new RangeError('paginate: the header leaves no room on the page'));
    expect(() => paginate({ page: 100, header: 20, laterHeader: 120, items: [] })).toThrow(RangeError);
    expect(() => paginate({ page: Infinity, header: 20, items: [] })).toThrow(RangeError);
  });

  it('“page N of M” in the language of the interface', () => {
    const { pageCount } = paginate({ page: 100, header: 20, items: [50, 50, 50] });
    expect(createTranslator('kk')('worksheet.pageOf', { page: 2, pages: pageCount })).toBe('3 беттің 2-беті');
    expect(createTranslator('ru')('worksheet.pageOf', { page: 2, pages: pageCount })).toBe('Страница 2 из 3');
    expect(createTranslator('en')('worksheet.pageOf', { page: 2, pages: pageCount })).toBe('Page 2 of 3');
  });

  it('a worksheet’s instructions and headings keep with the question after them', () => {
    const source = '---\nid: q\nlesson: l\nkind: worksheet\ntitle: Q\n---\nRead carefully.\n\n:::lines\nWhy?\n:::\n\n## Part 2\n\n:::box\nHow?\n:::\n\nWell done.\n';
    const items = parseWorksheet(source, 'worksheets/q/en.md', 'en').worksheet?.items ?? [];
    expect(keepWithNextOf(items)).toEqual([true, false, true, false, false]);
    // Part 2 (10) fits after the first question but its box (50) does not: both go to page 2.
    expect(paginate({ page: 100, header: 20, items: [10, 40, 10, 50, 5], keepWithNext: keepWithNextOf(items) }).pages).toEqual([[0, 1], [2, 3, 4]]);
  });
});

describe('pages, for any heights (fast-check)', () => {
  const layouts = fc
    .record({
      page: fc.integer({ min: 50, max: 300 }),
      header: fc.integer({ min: 0, max: 49 }),
      laterHeader: fc.option(fc.integer({ min: 0, max: 49 }), { nil: undefined }),
      items: fc.array(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 400, noNaN: true })), { maxLength: 40 }),
    })
    .chain((l) => fc.record({ layout: fc.constant(l), keep: fc.array(fc.boolean(), { minLength: l.items.length, maxLength: l.items.length }) }))
    .map(({ layout, keep }): PageLayout => ({ ...layout, keepWithNext: keep }));
  const room = (l: PageLayout, p: number) => l.page - (p === 0 ? l.header : (l.laterHeader ?? l.header));
  const sum = (l: PageLayout, indices: number[]) => indices.reduce((s, i) => s + (l.items[i] ?? 0), 0);

  it('every item is on exactly one page, in order; no page is empty; M is the number of pages', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const { pages, pageCount } = paginate(l);
        expect(pages.flat()).toEqual(l.items.map((_, i) => i));
        expect(pageCount).toBe(pages.length);
        if (l.items.length > 0) for (const p of pages) expect(p.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('no page overflows, except a single item taller than any page, which stands alone', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const { pages, tooTall } = paginate(l);
        pages.forEach((p, n) => {
          if (sum(l, p) <= room(l, n) + 1e-6) return;
          expect(p).toHaveLength(1);
          expect(tooTall).toContain(p[0]);
        });
        for (const i of tooTall) expect(pages.find((p) => p.includes(i))).toEqual([i]);
      }),
      { numRuns: 500 },
    );
  });

  it('without chains, a page ends only when the next item would not fit on it', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const plain = { ...l, keepWithNext: [] };
        const { pages, tooTall } = paginate(plain);
        for (let n = 1; n < pages.length; n++) {
          const before = pages[n - 1] as number[];
          const first = (pages[n] as number[])[0] as number;
          const full = tooTall.includes(before[0] as number) || tooTall.includes(first) || sum(l, [...before, first]) > room(l, n - 1) + 1e-6;
          expect(full, `page ${n + 1} starts early`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a chain of items kept together that fits on a page is never split', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const { pages } = paginate(l);
        const pageOf = (i: number) => pages.findIndex((p) => p.includes(i));
        const keep = l.keepWithNext ?? [];
        for (let start = 0; start < l.items.length; start++) {
          if (start > 0 && keep[start - 1]) continue; // not the start of a chain
          let end = start;
          while (end < l.items.length - 1 && keep[end]) end++;
          const chain = Array.from({ length: end - start + 1 }, (_, k) => start + k);
          if (sum(l, chain) <= Math.min(room(l, 0), room(l, 1)) + 1e-6) {
            expect(new Set(chain.map(pageOf)).size, `items ${start}–${end}`).toBe(1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
