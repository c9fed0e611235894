/**
 * Light Kazakh stemmer: strips inflectional endings (plural, possessive, case,
 * locative-adjectival -ғы/-гі) and the abstract-noun ending -лық/-лік, from the
 * end of the word, repeatedly, keeping a stem of at least 3 letters that still
 * has a vowel.
 *
 * Kazakh suffixes change shape with the sound they follow (vowel harmony and
 * consonant assimilation), so each ending is only stripped after the sounds it
 * may actually follow. That context check is what keeps roots intact that merely
 * end like a suffix: "карта" (not кар + -та, because -та follows only
 * voiceless consonants), "компьютер", "провайдер", "доллар", "балық", "бақа".
 *
 * The stem is a search key, not a dictionary form: final ғ/г/б become қ/к/п so
 * that "сабағы" and "сабақ" meet; a final ы/і is dropped where it can be the
 * 3rd-person possessive, so "желі" and "желілерде" both give "жел"; and a final
 * н after a vowel is dropped, so "телефон", "телефоны" (телефон+ы, or телефо+ны?)
 * and "телефонын" all give "телефо".
 *
 * Input is normalised first (lowercase, ё→е), so any casing works.
 */

import { normalize } from './text';

const VOWELS = new Set('аәеиоөұүыіэюяу');
/** Vowels for the purposes of "what does this suffix follow"; у acts as a consonant ("оқуы", "оқуды"). */
const VOW = 'аәеиоөұүыіэюя';
const BACK = new Set('аоұыя');
const FRONT = new Set('әеөүіэ');

/** Voiceless consonants, plus б в г д which loanwords devoice at the end ("клубта", "блогқа"). */
const VL = 'пткқсшфхцчщбвгд';

// Sets of letters a suffix may follow.
const AFTER_LAR = VOW + 'руй'; // -лар, -лық
const AFTER_DAR = 'лмнңзж'; // -дар, -дық
const AFTER_GA = VOW + 'лмнңруйзж'; // -ға, -да, -мен
const AFTER_NYN = VOW + 'мнң'; // -ның
const AFTER_DYN = 'лруйзж'; // -дың
const AFTER_DY = 'лмнңруйзж'; // -ды
const AFTER_DAN = VOW + 'лруйзж'; // -дан
const AFTER_NAN = 'мнңыі'; // -нан (also after the 3rd person possessive)
const AFTER_POSS3 = 'ыі'; // -н, -на, -нда after the 3rd person possessive
const AFTER_POSS12 = 'мң'; // -а/-е after 1st/2nd person singular possessive
const CONS = 'бвгғджзйклмнңпрстуфхһцчшщқ';

type Rule = readonly [suffix: string, after: string];

function rules(after: string, ...suffixes: string[]): Rule[] {
  return suffixes.map((s) => [s, after] as const);
}

const RULES: readonly Rule[] = [
  // plural
  ...rules(AFTER_LAR, 'лар', 'лер'),
  ...rules(AFTER_DAR, 'дар', 'дер'),
  ...rules(VL, 'тар', 'тер'),
  // possessive
  ...rules(CONS, 'ы', 'і', 'ың', 'ің', 'ымыз', 'іміз', 'ыңыз', 'іңіз'),
  ...rules(VOW, 'сы', 'сі', 'ң', 'мыз', 'міз', 'ңыз', 'ңіз'),
  // genitive
  ...rules(AFTER_NYN, 'ның', 'нің'),
  ...rules(AFTER_DYN, 'дың', 'дің'),
  ...rules(VL, 'тың', 'тің'),
  // dative
  ...rules(AFTER_GA, 'ға', 'ге'),
  ...rules(VL, 'қа', 'ке'),
  ...rules(AFTER_POSS3, 'на', 'не'),
  ...rules(AFTER_POSS12, 'а', 'е'),
  // accusative
  ...rules(VOW, 'ны', 'ні'),
  ...rules(AFTER_DY, 'ды', 'ді'),
  ...rules(VL, 'ты', 'ті'),
  // -н is the accusative after the 3rd person possessive ("баласын"). After
  // any vowel it is also dropped as a canonical step: "телефоны" can be
  // телефон+ы or телефо+ны, so both it and "телефон" must end up as "телефо".
  ...rules(VOW, 'н'),
  // locative, and locative + -ғы/-гі ("интернеттегі")
  ...rules(AFTER_GA, 'да', 'де', 'дағы', 'дегі'),
  ...rules(VL, 'та', 'те', 'тағы', 'тегі'),
  ...rules(AFTER_POSS3, 'нда', 'нде', 'ндағы', 'ндегі'),
  // ablative
  ...rules(AFTER_DAN, 'дан', 'ден'),
  ...rules(AFTER_NAN, 'нан', 'нен'),
  ...rules(VL, 'тан', 'тен'),
  // instrumental
  ...rules(AFTER_GA, 'мен', 'бен', 'менен', 'бенен'),
  ...rules(VL, 'пен', 'пенен'),
  // abstract nouns: қауіпсіздік → қауіпсіз, алаяқтық → алаяқ
  ...rules(AFTER_LAR, 'лық', 'лік'),
  ...rules(AFTER_DAR, 'дық', 'дік'),
  ...rules(VL, 'тық', 'тік'),
];

/** Rules grouped by last letter, longest suffix first. */
const BY_LAST = new Map<string, Rule[]>();
for (const rule of RULES) {
  const last = rule[0].slice(-1);
  const list = BY_LAST.get(last) ?? [];
  list.push(rule);
  BY_LAST.set(last, list);
}
for (const list of BY_LAST.values()) list.sort((a, b) => b[0].length - a[0].length);

const MIN_STEM = 3;

function harmonyOf(s: string): 'back' | 'front' | null {
  for (let i = s.length - 1; i >= 0; i--) {
    const ch = s.charAt(i);
    if (BACK.has(ch)) return 'back';
    if (FRONT.has(ch)) return 'front';
  }
  return null;
}

/** Does the suffix agree in vowel harmony with the stem? Neutral vowels (и, у, ю) accept both. */
function harmonizes(stem: string, suffix: string): boolean {
  const want = harmonyOf(suffix);
  if (want === null) return true;
  for (let i = stem.length - 1; i >= 0; i--) {
    const ch = stem.charAt(i);
    if (BACK.has(ch)) return want === 'back';
    if (FRONT.has(ch)) return want === 'front';
    if (VOWELS.has(ch)) return true; // и, у, ю: loanwords go either way
  }
  return true;
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (VOWELS.has(s.charAt(i))) return true;
  return false;
}

function stripOnce(word: string): string | null {
  const candidates = BY_LAST.get(word.slice(-1));
  if (candidates === undefined) return null;
  for (const [suffix, after] of candidates) {
    if (word.length - suffix.length < MIN_STEM || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    if (!after.includes(stem.slice(-1))) continue;
    if (!harmonizes(stem, suffix) || !hasVowel(stem)) continue;
    return stem;
  }
  return null;
}

/** Final voiced consonant that a vowel suffix produced from a voiceless one: сабағы ← сабақ. */
const DEVOICE: Readonly<Record<string, string>> = { ғ: 'қ', г: 'к', б: 'п' };

function devoiceEnd(s: string): string {
  const last = DEVOICE[s.slice(-1)];
  return last === undefined ? s : s.slice(0, -1) + last;
}

export function stemKazakh(word: string): string {
  let w = normalize(word);
  if (w.length <= MIN_STEM) return w;
  for (let i = 0; i < 8; i++) {
    const next = stripOnce(w);
    if (next === null) break;
    w = devoiceEnd(next);
  }
  return devoiceEnd(w);
}
