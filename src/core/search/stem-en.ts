/**
 * Minimal English stemmer: plural -s/-es/-ies, -ing, -ed, then a canonical end
 * (y after a consonant → i, final silent e dropped, doubled consonant undone
 * after -ing/-ed). "photos" → "photo", "bullying"/"bullies"/"bully" → "bulli",
 * "sharing"/"shared"/"share" → "shar". Not Porter: no -ness, -ment, -ation…
 *
 * Input is normalised first (lowercase), so any casing works.
 */

import { normalize } from './text';

const VOWEL = /[aeiouy]/;
const MIN_STEM = 3;

function isConsonant(ch: string): boolean {
  return ch !== '' && !'aeiou'.includes(ch);
}

export function stemEnglish(word: string): string {
  let w = normalize(word);
  if (w.length <= MIN_STEM) return w;

  // Plurals
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  // -ing / -ed
  let cut = false;
  if (w.endsWith('ied') && w.length > 4) {
    w = w.slice(0, -3) + 'y';
  } else {
    for (const suffix of ['ing', 'ed']) {
      const stem = w.slice(0, w.length - suffix.length);
      if (w.endsWith(suffix) && stem.length >= MIN_STEM && VOWEL.test(stem)) {
        w = stem;
        cut = true;
        break;
      }
    }
  }
  if (cut && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);

  // Canonical end
  if (w.endsWith('y') && w.length > MIN_STEM && isConsonant(w.charAt(w.length - 2))) w = w.slice(0, -1) + 'i';
  else if (w.endsWith('e') && w.length > MIN_STEM) w = w.slice(0, -1);
  return w;
}
