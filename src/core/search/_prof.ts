import MiniSearch from 'minisearch';
import { tokenize } from './text';
import { stemKazakh } from './stem-kk';
import { LessonSearch } from './lesson-search';
const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const suf = ['', 'лар', 'ға', 'да', 'ның', 'ды'];
const docs = Array.from({ length: 3000 }, (_, i) => ({ id: 'd' + i, lang: 'kk' as const, title: 'тақырып', text: Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]! + suf[Math.floor(rand()*6)]!).join(' ') }));
let t = performance.now();
let n = 0; for (const d of docs) n += tokenize(d.text).length;
console.log('tokenize', performance.now() - t, n);
t = performance.now();
const cache = new Map<string, string>();
for (const d of docs) for (const w of tokenize(d.text)) { let s = cache.get(w); if (s === undefined) { s = stemKazakh(w); cache.set(w, s); } }
console.log('tokenize+stem cached', performance.now() - t, cache.size);
t = performance.now();
const ms = new MiniSearch({ fields: ['text'], tokenize: (s) => s.split(' '), processTerm: (s) => s });
ms.addAll(docs);
console.log('plain minisearch', performance.now() - t);
t = performance.now();
const ls = new LessonSearch(); ls.addAll(docs);
console.log('LessonSearch', performance.now() - t);
