/**
 * Test material for the benchmarks, made from the real lessons in lessons/:
 * their Markdown (for the long lesson and the generated pack) and their words
 * (for the search corpus and queries). Deterministic: everything is seeded.
 */
import type { Lang } from '../src/core/base/languages';

export interface SourceLesson {
  lessonId: string;
  lang: Lang;
  /** The whole file, front matter included. */
  text: string;
  /** The Markdown after the front matter. */
  body: string;
}

const files = import.meta.glob('../lessons/lessons/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const LANGS: Lang[] = ['kk', 'ru', 'en'];

export const SOURCE_LESSONS: SourceLesson[] = Object.entries(files)
  .map(([path, text]) => {
    const m = /lessons\/([^/]+)\/(kk|ru|en)\.md$/.exec(path);
    if (!m) throw new Error(`unexpected lesson path ${path}`);
    const close = text.indexOf('\n---', 4);
    const body = text.slice(text.indexOf('\n', close + 1) + 1);
    return { lessonId: m[1]!, lang: m[2] as Lang, text, body };
  })
  .sort((a, b) => a.lessonId.localeCompare(b.lessonId) || a.lang.localeCompare(b.lang));

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function countWords(markdown: string): number {
  return markdown.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * A lesson of at least `minWords` words: the real lessons of one language, one
 * after the other, over and over, with their headings, blocks, tables, lists and images.
 */
export function longLesson(lang: Lang, minWords: number): { body: string; words: number } {
  const bodies = SOURCE_LESSONS.filter((l) => l.lang === lang).map((l) => l.body.trim());
  const parts: string[] = [];
  let words = 0;
  for (let i = 0; words < minWords; i++) {
    const body = bodies[i % bodies.length]!;
    parts.push(body);
    words += countWords(body);
  }
  return { body: parts.join('\n\n'), words };
}

/**
 * The running text of each language's lessons as a list of words, in order,
 * with the real frequencies: front matter values and body, without Markdown syntax.
 */
export function wordStreams(): Record<Lang, string[]> {
  const out: Record<Lang, string[]> = { kk: [], ru: [], en: [] };
  for (const l of SOURCE_LESSONS) {
    const text = l.text
      .replace(/^(id|topic|ageBands|minutes|order|\$schema):.*$/gm, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/^:::\w*/gm, '');
    out[l.lang].push(...(text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []));
  }
  return out;
}

/** Endings that inflect a word in its language, to widen the vocabulary beyond the four lessons. */
const ENDINGS: Record<Lang, string[]> = {
  kk: ['лар', 'лер', 'дың', 'нің', 'ға', 'ге', 'да', 'де', 'дан', 'ден', 'мен', 'ды', 'ді', 'ым', 'ың', 'ы', 'і', 'лары', 'лерін', 'ларға'],
  ru: ['а', 'у', 'ом', 'ами', 'ах', 'ы', 'ов', 'е', 'ой', 'ую', 'ие', 'ых', 'ей'],
  en: ['s'],
};

/**
 * Another form of the same word: a known ending is taken off, or one is put on
 * (for Russian, in place of the final vowel; for English, a plural s). Short
 * words (mostly function words) and words in another script are left alone.
 */
function inflect(word: string, lang: Lang, random: () => number): string {
  if (word.length < 5 || /\d/.test(word)) return word;
  const isLatin = /^[a-z]/i.test(word);
  if (isLatin !== (lang === 'en')) return word;
  if (lang === 'en') return word.endsWith('s') ? word.slice(0, -1) : `${word}s`;
  const lower = word.toLowerCase();
  const known = ENDINGS[lang].filter((e) => lower.endsWith(e) && lower.length - e.length >= 4);
  if (known.length > 0 && random() < 0.5) return word.slice(0, -pick(known, random).length);
  const ending = pick(ENDINGS[lang], random);
  if (lang === 'ru') return word.replace(/[аяоеиыуюйь]+$/, '') + ending;
  return word + ending;
}

export interface Corpus {
  docs: { id: string; lang: Lang; title: string; text: string }[];
  queries: string[];
  warmup: string[];
}

/**
 * `count` lessons of `words` words each, a third in each language. Words are
 * drawn from the real lessons with their real frequencies; one in seven is
 * given an extra ending (new inflected forms), and one in twenty comes from
 * the English lessons (loanwords, app names). Queries are 1–3 words of four
 * letters or more taken the same way, a third of them inflected, two thirds of them still "being typed" (no
 * trailing space, so the last word also matches as a prefix).
 */
export function searchCorpus(count: number, words: number, queryCount: number, seed = 1): Corpus {
  const random = rng(seed);
  const streams = wordStreams();
  const word = (lang: Lang): string => {
    if (lang !== 'en' && random() < 0.05) return pick(streams.en, random);
    const w = pick(streams[lang], random);
    return random() < 1 / 7 ? inflect(w, lang, random) : w;
  };
  const docs: Corpus['docs'] = [];
  for (let i = 0; i < count; i++) {
    const lang = LANGS[i % 3]!;
    const title = Array.from({ length: 3 + Math.floor(random() * 4) }, () => word(lang)).join(' ');
    const out: string[] = [];
    for (let w = 0; w < words; w++) {
      out.push(word(lang));
      if (random() < 0.08) out.push(random() < 0.5 ? '.' : ',');
    }
    docs.push({ id: `bench/l${i}/${lang}`, lang, title, text: out.join(' ').replace(/ ([.,])/g, '$1') });
  }
  const query = (): string => {
    const lang = pick(LANGS, random);
    const n = 1 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      let w = pick(streams[lang], random);
      while (w.length < 4) w = pick(streams[lang], random);
      parts.push(random() < 0.3 ? inflect(w, lang, random) : w);
    }
    if (random() < 0.3) parts[0] = parts[0]!.toLowerCase();
    return parts.join(' ') + (random() < 1 / 3 ? ' ' : '');
  };
  const queries = Array.from({ length: queryCount }, query);
  const warmup = Array.from({ length: 50 }, query);
  return { docs, queries, warmup };
}
