/**
 * Text normalisation and tokenisation shared by indexing and querying.
 *
 * Pure string functions: no DOM, no Node. Everything downstream (stemmers,
 * index, queries) assumes its input went through `normalize`.
 */

/**
 * Soft hyphen, zero-width space/joiners, word joiner, BOM, and the combining
 * mark blocks used with Latin and Cyrillic. Checked by code because a \p{M}
 * regex is ~8× slower on lesson-sized texts; \p{M} only runs for texts that
 * contain other scripts.
 */
function isIgnorable(c: number): boolean {
  return (
    c === 0x00ad ||
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x0483 && c <= 0x0489) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x200b && c <= 0x200d) ||
    c === 0x2060 ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    c === 0xfeff
  );
}

function stripIgnorable(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (isIgnorable(s.charCodeAt(i))) {
      out += s.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

const OTHER_SCRIPTS = /[\u0590-\u1FFF\u2070-\uFFFF]/;
const ANY_MARK = /\p{M}/gu;

/**
 * Lowercase (every Cyrillic letter, Kazakh ones included: Ә Ғ Қ Ң Ө Ұ Ү Һ І),
 * fold ё to е, compose to NFC, and drop soft hyphens, zero-width characters
 * and combining marks (stress accents such as "приве́т").
 *
 * NFC runs first so that a decomposed "й" (и + breve) is composed and kept,
 * while marks that have no precomposed letter are stripped afterwards.
 */
export function normalize(s: string): string {
  let out = stripIgnorable(s.normalize('NFC').toLowerCase());
  if (OTHER_SCRIPTS.test(out)) out = out.replace(ANY_MARK, '');
  return out.replace(/ё/g, 'е');
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * Runs of letters and digits in a normalised string. A hand-written scan with
 * fast paths for ASCII and Cyrillic: 3-4× faster than a \p{L} regex on
 * lesson-sized texts.
 */
function words(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let isWord: boolean;
    let width = 1;
    if (c < 0x80) isWord = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    else if (c >= 0x0400 && c <= 0x04ff) isWord = true;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      width = 2;
      isWord = WORD_CHAR.test(s.slice(i, i + 2));
    } else isWord = WORD_CHAR.test(s.charAt(i));
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

const HAS_LATIN = /[a-z\u0259\u0275]/;
const HAS_CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Latin letters that old Kazakh/Russian texts (and some keyboards) put inside
 * Cyrillic words, e.g. "бiлiм" typed with Latin i. Only applied to tokens that
 * already contain Cyrillic.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  i: 'і',
  h: 'һ',
  '\u0259': 'ә', // ə, Latin schwa used for ә
  '\u0275': 'ө', // ɵ, barred o used for ө
};
const LOOKALIKE = /[acepxykih\u0259\u0275]/g;

const LATIN_RUN = /[a-z\u00c0-\u024f]+|[^a-z\u00c0-\u024f]+/g;

/**
 * A word mixing Latin and Cyrillic letters is either Cyrillic with Latin
 * lookalikes ("бiлiм" → "білім") or a Latin name with a Kazakh/Russian ending
 * ("instagramда" → "instagram", "да").
 */
function fixMixedScript(token: string, out: string[]): void {
  if (!HAS_CYRILLIC.test(token) || !HAS_LATIN.test(token)) {
    out.push(token);
    return;
  }
  const fixed = token.replace(LOOKALIKE, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
  if (!HAS_LATIN.test(fixed)) out.push(fixed);
  else out.push(...(token.match(LATIN_RUN) ?? [token]));
}

/**
 * Split text into normalised words: runs of letters and digits. Punctuation,
 * spaces, hyphens and apostrophes separate words ("ата-ана" → ["ата", "ана"]).
 */
export function tokenize(s: string): string[] {
  const text = normalize(s);
  const tokens = words(text);
  // Cheap whole-text check first: most texts are single-script.
  if (!HAS_LATIN.test(text) || !HAS_CYRILLIC.test(text)) return tokens;
  const out: string[] = [];
  for (const token of tokens) fixMixedScript(token, out);
  return out;
}

export type Script = 'cyrillic' | 'latin' | 'other';

/** Which alphabet a normalised token is written in (Cyrillic wins if mixed). */
export function scriptOf(token: string): Script {
  let latin = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x0400 && c <= 0x04ff) return 'cyrillic';
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin = true;
  }
  return latin ? 'latin' : 'other';
}

const KAZAKH_ONLY = /[әғқңөұүһі]/;

/** True if a normalised token has a letter that Russian does not use. */
export function hasKazakhLetter(token: string): boolean {
  return KAZAKH_ONLY.test(token);
}
