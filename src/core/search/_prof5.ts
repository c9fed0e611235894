import MiniSearch from 'minisearch';
import { LessonSearch } from './lesson-search';
const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const suf = ['', 'лар', 'ға', 'да', 'ның', 'ды'];
const docs = Array.from({ length: 3000 }, (_, i) => ({ id: 'd' + i, lang: 'kk' as const, title: 'тақырып', text: Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]! + suf[Math.floor(rand()*6)]!).join(' ') }));
const ls = new LessonSearch() as any;
let t = performance.now();
const js = ls['serializeForProfile'] ? null : null;
const M: any = MiniSearch;
const orig = M.loadJS;
M.loadJS = function (js: any, o: any) { console.log('serialize done', (performance.now() - t).toFixed(0), 'terms', js.index.length); const t1 = performance.now(); const r = orig.call(this, js, o); console.log('loadJS', (performance.now() - t1).toFixed(0)); return r; };
ls.addAll(docs);
console.log('total', (performance.now() - t).toFixed(0));
