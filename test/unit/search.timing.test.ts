/**
 * Local timing sanity check for lesson search, not a test: skipped unless
 * SEARCH_TIMING=1. Builds 3,000 synthetic lessons of ~800 words (Kazakh,
 * Russian, English, Zipf-distributed vocabulary with inflected forms) and
 * times 200 queries.
 *
 *   SEARCH_TIMING=1 npx vitest run test/unit/search.timing.test.ts
 *
 * The real benchmark lives elsewhere; this only catches gross regressions
 * while working on the search module.
 */
import { describe, expect, it } from 'vitest';
import { LessonSearch, type SearchDoc } from '../../src/core/search';
import type { Lang } from '../../src/core/languages';

const DOCS = 3000;
const WORDS_PER_DOC = 800;
const QUERIES = 200;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20240611);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** Zipf(1) sampler over n ranks via a precomputed CDF. */
function zipf(n: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface LangModel {
  roots: string[];
  inflect: (root: string) => string;
}

function syllables(cons: string, vowels: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick([...cons]) + pick([...vowels]) + (rand() < 0.4 ? pick([...cons]) : '');
  return s;
}

function roots(real: string[], cons: string, vowels: string, total: number): string[] {
  const out = new Set(real);
  while (out.size < total) out.add(syllables(cons, vowels, 2 + Math.floor(rand() * 2)));
  return [...out];
}

const KK_SUFFIXES = ['', '', '', 'лар', 'дар', 'ы', 'сы', 'ға', 'ге', 'да', 'де', 'ның', 'ды', 'дан', 'мен', 'лары', 'ларға', 'ларда', 'тегі'];
const RU_SUFFIXES = ['', '', 'а', 'ы', 'у', 'ом', 'е', 'ами', 'ах', 'ой', 'ей', 'ий', 'ого', 'ость', 'ить', 'ает'];
const EN_SUFFIXES = ['', '', '', 's', 'ing', 'ed', 'es'];

const MODELS: Record<Lang, LangModel> = {
  kk: {
    roots: roots(
      ['интернет', 'бала', 'қауіпсіздік', 'әлеуметтік', 'желі', 'құпиясөз', 'телефон', 'мұғалім', 'оқушы', 'сабақ', 'ата', 'ана', 'ақпарат', 'сурет', 'хабарлама', 'алаяқ', 'компьютер', 'мектеп', 'дос', 'ойын'],
      'бгджзйклмнңпрстшқғ',
      'аәеоөұүыі',
      9000,
    ),
    inflect: (r) => r + pick(KK_SUFFIXES),
  },
  ru: {
    roots: roots(
      ['интернет', 'ребенок', 'дети', 'травл', 'безопасн', 'пароль', 'сеть', 'сообщени', 'родител', 'школ', 'учител', 'телефон', 'компьютер', 'мошенник', 'фотографи', 'друг', 'игр', 'чат'],
      'бвгджзклмнпрстфхцчшщ',
      'аеиоуыэюя',
      9000,
    ),
    inflect: (r) => r + pick(RU_SUFFIXES),
  },
  en: {
    roots: roots(
      ['internet', 'child', 'safety', 'password', 'photo', 'bully', 'message', 'share', 'teacher', 'school', 'friend', 'game', 'phone', 'privacy', 'scam'],
      'bcdfghklmnprstvw',
      'aeiou',
      7000,
    ),
    inflect: (r) => r + pick(EN_SUFFIXES),
  },
};

const SAMPLERS: Record<Lang, () => number> = { kk: zipf(9000), ru: zipf(9000), en: zipf(7000) };

function word(lang: Lang): string {
  const m = MODELS[lang];
  return m.inflect(m.roots[SAMPLERS[lang]()] as string);
}

function sentence(lang: Lang, n: number): string {
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(word(lang));
  return ws.join(' ') + '.';
}

function makeDocs(): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < DOCS; i++) {
    const lang: Lang = i % 10 < 5 ? 'kk' : i % 10 < 8 ? 'ru' : 'en';
    const parts: string[] = [];
    let count = 0;
    while (count < WORDS_PER_DOC) {
      const n = 6 + Math.floor(rand() * 12);
      parts.push(sentence(lang, n));
      count += n;
    }
    docs.push({ id: `lesson-${i}`, lang, title: sentence(lang, 3 + Math.floor(rand() * 4)), text: parts.join(' ') });
  }
  return docs;
}

function makeQueries(): string[] {
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const lang: Lang = pick(['kk', 'kk', 'ru', 'ru', 'en'] as const);
    const n = 1 + Math.floor(rand() * 3);
    const ws: string[] = [];
    // Mid-frequency words: what people actually search for.
    for (let j = 0; j < n; j++) {
      const m = MODELS[lang];
      ws.push(m.inflect(m.roots[Math.floor(rand() * 300)] as string));
    }
    let q = ws.join(' ');
    const style = rand();
    if (style < 0.3) q = q.slice(0, Math.max(3, q.length - 2)); // still typing
    else if (style < 0.4) q = q.toUpperCase();
    else q += ' ';
    queries.push(q);
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

describe.skipIf(!process.env['SEARCH_TIMING'])('lesson search timing (SEARCH_TIMING=1)', () => {
  it('indexes 3,000 lessons and answers 200 queries', () => {
    const docs = makeDocs();
    const queries = makeQueries();
    const heapBefore = process.memoryUsage().heapUsed;

    const search = new LessonSearch();
    let t0 = performance.now();
    search.addAll(docs);
    const indexMs = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

    for (const q of queries.slice(0, 20)) search.search(q); // warm-up
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      t0 = performance.now();
      hits += search.search(q, { limit: 20 }).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const report = {
      docs: search.size,
      indexMs: Math.round(indexMs),
      heapMb: Math.round(heapMb),
      p50: percentile(times, 50).toFixed(2),
      p95: percentile(times, 95).toFixed(2),
      max: (times[times.length - 1] as number).toFixed(2),
      avgHits: (hits / QUERIES).toFixed(1),
    };
    console.log('lesson search timing', report);
    expect(search.size).toBe(DOCS);
  });
});
