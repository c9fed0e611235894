import { readFileSync, readdirSync } from 'node:fs';
import { tokenize, stemKazakh, stemRussian } from './index';
const lang = process.argv[2] as 'kk' | 'ru';
const dir = '/work/main/lessons/lessons';
const words = new Map<string, number>();
for (const l of readdirSync(dir)) for (const t of tokenize(readFileSync(`${dir}/${l}/${lang}.md`, 'utf8'))) words.set(t, (words.get(t) ?? 0) + 1);
const groups = new Map<string, string[]>();
for (const w of words.keys()) { const s = lang === 'kk' ? stemKazakh(w) : stemRussian(w); groups.set(s, [...(groups.get(s) ?? []), w]); }
console.log('tokens', [...words.values()].reduce((a, b) => a + b), 'forms', words.size, 'stems', groups.size);
for (const [s, ws] of [...groups].sort((a, b) => b[1].length - a[1].length)) if (ws.length > 1) console.log(s, '←', ws.join(' '));
