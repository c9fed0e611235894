import MiniSearch from 'minisearch';
const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const suf = ['', 'лар', 'ға', 'да', 'ның', 'ды'];
const docs = Array.from({ length: 3000 }, (_, i) => ({ id: 'd' + i, text: Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]! + suf[Math.floor(rand()*6)]!).join(' ') }));
let t = performance.now();
const ms = new MiniSearch({ fields: ['text'], tokenize: (s) => s.split(' '), processTerm: (s) => s });
ms.addAll(docs);
console.log('plain minisearch', performance.now() - t);
t = performance.now();
const ms2 = new MiniSearch({ fields: ['text'], tokenize: (s) => [...new Set(s.split(' '))], processTerm: (s) => s });
ms2.addAll(docs);
console.log('dedup minisearch', performance.now() - t);
