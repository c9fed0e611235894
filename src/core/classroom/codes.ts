import { problem, type Problem } from '../base/problems';

/**
 * Class and pupil codes (docs/classroom.md, "Pupil codes"). A class code is
 * the grade and the class letter, `7B`; a pupil code is the class code, a
 * dash and the pupil's number in the class register, `7B-14`. Codes, never
 * names, are what results carry from PC to PC.
 *
 * Pupils type their code on lab PCs with a Kazakh, Russian or English
 * keyboard, so the same code must come out whatever the layout: Cyrillic
 * letters that look like Latin ones are read as the Latin letter (В and B,
 * С and C…), letters that have no Latin twin (Ә, Б, Ғ…) stay Cyrillic, case
 * and spaces do not matter, and 07B-014 is 7B-14.
 */

/** Cyrillic capitals that look like a Latin capital: the Latin one is the code's letter. */
const LATIN_TWIN: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I' };

/** A class letter: Latin A–Z, or a Cyrillic capital (Kazakh letters included) without a Latin twin. */
const LETTER = '[A-ZБГДЁЖЗИЙЛПУФЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺ]';
export const CLASS_CODE = new RegExp(`^(1[0-2]|[1-9])(${LETTER})$`, 'u');
export const PUPIL_CODE = new RegExp(`^(1[0-2]|[1-9])(${LETTER})-([1-9][0-9]?)$`, 'u');

function canonical(input: string): string {
  return [...input.normalize('NFC').toUpperCase().replace(/\s+/g, '')].map((c) => LATIN_TWIN[c] ?? c).join('');
}

/** `7B`, or undefined when the input is not a class code. */
export function normaliseClassCode(input: string): string | undefined {
  const m = /^0*(\d{1,2})(\D)$/u.exec(canonical(input));
  const code = m ? `${Number(m[1])}${m[2]}` : '';
  return CLASS_CODE.test(code) ? code : undefined;
}

/** `7B-14`, or undefined when the input is not a pupil code. The dash may be any dash, or left out. */
export function normalisePupilCode(input: string): string | undefined {
  const m = /^0*(\d{1,2})(\D)[-‐‑‒–—/]?0*(\d{1,2})$/u.exec(canonical(input));
  const code = m ? `${Number(m[1])}${m[2]}-${Number(m[3])}` : '';
  return PUPIL_CODE.test(code) ? code : undefined;
}

/** The class of a valid pupil code: `7B` for `7B-14`. */
export function classOfPupil(code: string): string {
  return code.slice(0, code.indexOf('-'));
}

/** The grade of a valid class or pupil code: 7 for `7B` and `7B-14`. */
export function gradeOf(code: string): number {
  return Number(/^\d+/.exec(code)?.[0] ?? 0);
}

/** The code a pupil typed, checked: canonical, and in `classCode` when given. */
export function checkPupilCode(input: string, classCode?: string): { code: string } | { problem: Problem } {
  const code = normalisePupilCode(input);
  if (!code) return { problem: problem('classroom.pupilCode', { params: { example: `${classCode ?? '7B'}-14` } }) };
  if (classCode !== undefined && classOfPupil(code) !== classCode) return { problem: problem('classroom.otherClass', { params: { code, class: classCode } }) };
  return { code };
}

/** The class code a teacher typed, checked and canonical. */
export function checkClassCode(input: string): { code: string } | { problem: Problem } {
  const code = normaliseClassCode(input);
  return code ? { code } : { problem: problem('classroom.classCode') };
}
