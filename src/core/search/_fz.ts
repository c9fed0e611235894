import { readFileSync, readdirSync } from 'node:fs';
import { tokenize, stemKazakh, stemRussian, stemEnglish } from './index';
const dir = '/work/main/lessons/lessons';
function lev1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0; while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  return a.slice(i) === b.slice(i + 1);
}
for (const lang of ['kk', 'ru', 'en'] as const) {
  const stems = new Set<string>();
  for (const l of readdirSync(dir)) for (const t of tokenize(readFileSync(`${dir}/${l}/${lang}.md`, 'utf8'))) stems.add(lang === 'kk' ? stemKazakh(t) : lang === 'ru' ? stemRussian(t) : stemEnglish(t));
  const arr = [...stems];
  const pairs: string[] = [];
  for (const a of arr) if (a.length >= 6) for (const b of arr) if (lev1(a, b)) pairs.push(`${a}~${b}`);
  console.log(lang, arr.length, pairs.length, pairs.join('  '));
}
