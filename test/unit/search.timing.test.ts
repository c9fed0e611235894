/**
 * Local timing sanity check for lesson search, not a test: skipped unless
 * SEARCH_TIMING=1. Builds 3,000 synthetic lessons of ~800 words (Kazakh,
 * Russian, English; words drawn from the real lessons plus invented inflected
 * words) and times 200 queries.
 *
 *   SEARCH_TIMING=1 npx vitest run test/unit/search.timing.test.ts
 *
 * The real benchmark lives elsewhere; this only catches gross regressions
 * while working on the search module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * Word distribution per language: the real lessons in lessons/lessons (real
 * morphology and word frequencies), topped up with a Zipf-distributed pool of
 * invented inflected words so the vocabulary grows the way 3,000 different
 * lessons would.
 */
interface LangModel {
  real: string[];
  pool: string[];
  poolRank: () => number;
}

const LESSONS_DIR = fileURLToPath(new URL('../../lessons/lessons', import.meta.url));

function realWords(lang: Lang): string[] {
  const out: string[] = [];
  for (const lesson of readdirSync(LESSONS_DIR)) {
    const text = readFileSync(join(LESSONS_DIR, lesson, `${lang}.md`), 'utf8');
    out.push(...(text.match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  return out;
}

function syllables(cons: string, vowels: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick([...cons]) + pick([...vowels]) + (rand() < 0.4 ? pick([...cons]) : '');
  return s;
}

function pool(cons: string, vowels: string, suffixes: string[], size: number): string[] {
  const out = new Set<string>();
  while (out.size < size) out.add(syllables(cons, vowels, 2 + Math.floor(rand() * 2)) + pick(suffixes));
  return [...out];
}

const POOL = 40_000;
const MODELS: Record<Lang, LangModel> = {
  kk: {
    real: realWords('kk'),
    pool: pool('бгджзйклмнңпрстшқғ', 'аәеоөұүыі', ['', '', 'лар', 'ға', 'да', 'ның', 'ды', 'дан', 'мен', 'лары', 'тегі'], POOL),
    poolRank: zipf(POOL),
  },
  ru: {
    real: realWords('ru'),
    pool: pool('бвгджзклмнпрстфхцчшщ', 'аеиоуыэюя', ['', 'а', 'ы', 'у', 'ом', 'е', 'ами', 'ах', 'ой', 'ость', 'ить'], POOL),
    poolRank: zipf(POOL),
  },
  en: {
    real: realWords('en'),
    pool: pool('bcdfghklmnprstvw', 'aeiou', ['', '', 's', 'ing', 'ed'], POOL),
    poolRank: zipf(POOL),
  },
};

function word(lang: Lang): string {
  const m = MODELS[lang];
  return rand() < 0.85 ? pick(m.real) : (m.pool[m.poolRank()] as string);
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

/** 1-3 content words (≥ 4 letters) from real lessons, a few invented ones; some typed, some in caps. */
function makeQueries(): string[] {
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const lang: Lang = pick(['kk', 'kk', 'ru', 'ru', 'en'] as const);
    const m = MODELS[lang];
    const n = 1 + Math.floor(rand() * 3);
    const ws: string[] = [];
    while (ws.length < n) {
      const w = rand() < 0.9 ? pick(m.real) : (m.pool[Math.floor(rand() * 2000)] as string);
      if (w.length >= 4) ws.push(w);
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
    const cpu0 = process.cpuUsage();
    let t0 = performance.now();
    search.addAll(docs);
    const indexMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

    for (const q of queries.slice(0, 20)) search.search(q); // warm-up
    const times: number[] = [];
    let hits = 0;
    let empty = 0;
    for (const q of queries) {
      t0 = performance.now();
      const found = search.search(q).length;
      times.push(performance.now() - t0);
      hits += found;
      if (found === 0) empty++;
    }
    times.sort((a, b) => a - b);
    const report = {
      docs: search.size,
      words: docs.reduce((n, d) => n + d.text.split(' ').length, 0),
      indexWallMs: Math.round(indexMs),
      indexCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      heapMb: Math.round(heapMb),
      p50: percentile(times, 50).toFixed(2),
      p95: percentile(times, 95).toFixed(2),
      p99: percentile(times, 99).toFixed(2),
      max: (times[times.length - 1] as number).toFixed(2),
      avgHits: (hits / QUERIES).toFixed(1),
      emptyQueries: empty,
    };
    console.log('lesson search timing', report);
    expect(search.size).toBe(DOCS);
  });
});
