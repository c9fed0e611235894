import type { WorksheetItem } from './model';

/**
 * How a worksheet breaks into pages. The print view measures the rendered
 * header and items (in any one unit: px, mm…) and asks where the pages end.
 */
export interface PageLayout {
  /** Height available for the header and items on one page: the paper minus margins and the "page N of M" footer. */
  page: number;
  /** Height of the header (school, class, date, name or pupil code) on the first page. */
  header: number;
  /** Height of the header on the following pages; the same as `header` unless given. */
  laterHeader?: number;
  /** Height of each item, in the order of the sheet. */
  items: readonly number[];
  /**
   * `keepWithNext[i]`: item i must stand on the same page as item i + 1
   * whenever the two (and what they are chained to) fit on one page together.
   * Worksheet.items carries it as Prose.keepWithNext.
   */
  keepWithNext?: readonly boolean[];
}

export interface Pages {
  /** Indices of the items on each page, in order. There is always at least one page. */
  pages: number[][];
  /** The M of "page N of M". */
  pageCount: number;
  /** Items taller than a page: each is alone on its page and will be cut or scaled by the printer. */
  tooTall: number[];
}

/** Heights are measured by a browser: allow for rounding. */
const EPSILON = 1e-6;

/**
 * Fills pages in order. No item is split across pages; an item taller than a
 * page gets a page of its own; items chained by keepWithNext move to the next
 * page together. Throws RangeError on heights that are negative or not
 * numbers, or when a header leaves no room on its page.
 */
export function paginate(layout: PageLayout): Pages {
  const { page, header, items } = layout;
  const laterHeader = layout.laterHeader ?? header;
  const keep = layout.keepWithNext ?? [];
  for (const [name, value] of [['page', page], ['header', header], ['laterHeader', laterHeader], ...items.map((h, i) => [`items[${i}]`, h] as const)] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`paginate: ${name} must be a finite number ≥ 0, not ${value}`);
  }
  if (header >= page || laterHeader >= page) throw new RangeError('paginate: the header leaves no room on the page');

  const pages: number[][] = [[]];
  const tooTall: number[] = [];
  const room = (index: number) => page - (index === 0 ? header : laterHeader);
  let used = 0;
  const current = () => pages[pages.length - 1] as number[];
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  const fits = (height: number) => used + height <= room(pages.length - 1) + EPSILON;
  const freshRoom = () => (current().length === 0 ? room(pages.length - 1) : room(pages.length));

  const place = (i: number) => {
    const height = items[i] as number;
    if (!fits(height) && current().length > 0) newPage();
    current().push(i);
    used += height;
    if (height > room(pages.length - 1) + EPSILON) {
      tooTall.push(i);
      used = Infinity; // nothing joins it on its page
    }
  };

  for (let i = 0; i < items.length; ) {
    let last = i;
    while (last < items.length - 1 && keep[last]) last++;
    const group = items.slice(i, last + 1).reduce((sum, h) => sum + h, 0);
    if (last > i && group <= freshRoom() + EPSILON) {
      if (!fits(group)) newPage();
      for (let k = i; k <= last; k++) current().push(k);
      used += group;
      i = last + 1;
    } else {
      place(i);
      i++;
    }
  }
  return { pages, pageCount: pages.length, tooTall };
}

/** The keepWithNext flags of a worksheet's items, for PageLayout. */
export function keepWithNextOf(items: readonly WorksheetItem[]): boolean[] {
  return items.map((item) => item.kind === 'prose' && item.keepWithNext);
}
