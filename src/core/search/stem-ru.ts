/**
 * Russian stemmer following the Snowball "russian" algorithm (Porter), with
 * two additions:
 * - the fleeting vowel before a final к/ц is dropped, so that "ребенок" and
 *   "ребенка", "подросток"/"подростки", "незнакомец"/"незнакомца",
 *   "настроек"/"настройки" meet ("ребенк", "подростк", "незнакомц", "настройк");
 * - a stem shorter than 3 letters is not produced; such short words are
 *   returned unchanged.
 *
 * Input is normalised first (lowercase, ё→е), so any casing works.
 */

import { normalize } from './text';

const VOWELS = new Set('аеиоуыэюя');

// In every list the longest suffix must win, so lists are sorted on use.
function longestFirst(list: string[]): readonly string[] {
  return [...list].sort((a, b) => b.length - a.length);
}

/** Endings that must follow а or я (which stay). */
const GERUND_1 = ['в', 'вши', 'вшись'];
const GERUND_2 = ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'];
const ADJECTIVE = longestFirst([
  'ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом',
  'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
]);
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'];
const VERB_2 = [
  'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен',
  'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
];
const NOUN = longestFirst([
  'а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
  'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я',
]);
const DERIVATIONAL = ['ость', 'ост'];
const SUPERLATIVE = ['ейше', 'ейш'];

interface Grouped {
  readonly endings: readonly string[];
  /** Endings of group 1 must be preceded by а or я inside RV. */
  readonly group1: ReadonlySet<string>;
}

function grouped(group1: string[], group2: string[]): Grouped {
  return { endings: longestFirst([...group1, ...group2]), group1: new Set(group1) };
}

const GERUND = grouped(GERUND_1, GERUND_2);
const PARTICIPLE = grouped(PARTICIPLE_1, PARTICIPLE_2);
const VERB = grouped(VERB_1, VERB_2);

/** Longest ending of `list` that lies inside the region starting at `start`. */
function findEnding(word: string, start: number, list: readonly string[]): string | null {
  for (const e of list) {
    if (word.length - e.length >= start && word.endsWith(e)) return e;
  }
  return null;
}

/**
 * Snowball "among": take the longest matching ending; group-1 endings also
 * need а/я before them (inside RV). Returns the word without the ending, or
 * null if nothing applies.
 */
function removeGrouped(word: string, rv: number, g: Grouped): string | null {
  const e = findEnding(word, rv, g.endings);
  if (e === null) return null;
  const cut = word.length - e.length;
  if (g.group1.has(e)) {
    const before = word.charAt(cut - 1);
    if (cut - 1 < rv || (before !== 'а' && before !== 'я')) return null;
  }
  return word.slice(0, cut);
}

function removePlain(word: string, start: number, list: readonly string[]): string | null {
  const e = findEnding(word, start, list);
  return e === null ? null : word.slice(0, word.length - e.length);
}

/** Start of the region after the first vowel followed by a non-vowel, from `from`. */
function regionAfterVowelConsonant(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) {
    if (!VOWELS.has(word.charAt(i)) && VOWELS.has(word.charAt(i - 1))) return i + 1;
  }
  return word.length;
}

const MIN_STEM = 3;

export function stemRussian(input: string): string {
  const word = normalize(input);
  if (word.length <= MIN_STEM) return word;
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.has(word.charAt(i))) {
      rv = i + 1;
      break;
    }
  }
  const r1 = regionAfterVowelConsonant(word, 0);
  const r2 = regionAfterVowelConsonant(word, r1);

  let w = word;
  // Step 1
  const gerund = removeGrouped(w, rv, GERUND);
  if (gerund !== null) {
    w = gerund;
  } else {
    w = removePlain(w, rv, REFLEXIVE) ?? w;
    const adjective = removePlain(w, rv, ADJECTIVE);
    if (adjective !== null) {
      w = removeGrouped(adjective, rv, PARTICIPLE) ?? adjective;
    } else {
      w = removeGrouped(w, rv, VERB) ?? removePlain(w, rv, NOUN) ?? w;
    }
  }
  // Step 2
  if (w.length > rv && w.endsWith('и')) w = w.slice(0, -1);
  // Step 3
  w = removePlain(w, r2, DERIVATIONAL) ?? w;
  // Step 4
  const superlative = removePlain(w, rv, SUPERLATIVE);
  if (superlative !== null) {
    w = superlative;
    if (w.endsWith('нн') && w.length - 2 >= rv) w = w.slice(0, -1);
  } else if (w.endsWith('нн') && w.length - 2 >= rv) {
    w = w.slice(0, -1);
  } else if (w.endsWith('ь') && w.length - 1 >= rv) {
    w = w.slice(0, -1);
  }
  w = dropFleetingVowel(w);
  return w.length < MIN_STEM ? word : w;
}

const FLEETING_AFTER_VOWEL = /([аеиоуыэюя])е([кц])$/; // настроек → настройк, боец → бойц
const FLEETING = /([^аеиоуыэюя])[ое]([кц])$/; // ребенок → ребенк, незнакомец → незнакомц
const SOFT_SIGN = /ь([кц])$/; // паренек → паренк, паренька → пареньк → паренк

function dropFleetingVowel(w: string): string {
  const out = w.replace(FLEETING_AFTER_VOWEL, '$1й$2').replace(FLEETING, '$1$2').replace(SOFT_SIGN, '$1');
  return out.length < MIN_STEM ? w : out;
}
