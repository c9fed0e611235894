/**
 * Text normalisation and tokenisation shared by indexing and querying.
 *
 * Pure string functions: no DOM, no Node. Everything downstream (stemmers,
 * index, queries) assumes its input went through `normalize`.
 */

/** Soft hyphen, zero-width space/joiners, word joiner, BOM, and combining marks. */
const INVISIBLE_AND_MARKS = /[\u00AD\u200B-\u200D\u2060\uFEFF]|\p{M}/gu;

/**
 * Lowercase (every Cyrillic letter, Kazakh ones included: Ә Ғ Қ Ң Ө Ұ Ү Һ І),
 * fold ё to е, compose to NFC, and drop soft hyphens and combining marks
 * (stress accents such as "приве́т").
 *
 * NFC runs first so that a decomposed "й" (и + breve) is composed and kept,
 * while marks that have no precomposed letter are stripped afterwards.
 */
export function normalize(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(INVISIBLE_AND_MARKS, '').replace(/ё/g, 'е');
}

const WORD = /[\p{L}\p{N}]+/gu;
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

function fixMixedScript(token: string): string {
  if (!HAS_CYRILLIC.test(token) || !HAS_LATIN.test(token)) return token;
  return token.replace(LOOKALIKE, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
}

/**
 * Split text into normalised words: runs of letters and digits. Punctuation,
 * spaces, hyphens and apostrophes separate words ("ата-ана" → ["ата", "ана"]).
 */
export function tokenize(s: string): string[] {
  const text = normalize(s);
  const words = text.match(WORD);
  if (words === null) return [];
  // Cheap whole-text check first: most texts are single-script.
  if (HAS_LATIN.test(text) && HAS_CYRILLIC.test(text)) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w !== undefined) words[i] = fixMixedScript(w);
    }
  }
  return words;
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
