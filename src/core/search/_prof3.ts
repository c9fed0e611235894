import MiniSearch from 'minisearch';
const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const suf = ['', 'лар', 'ға', 'да', 'ның', 'ды'];
const docs = Array.from({ length: 3000 }, (_, i) => ({ id: 'd' + i, text: Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]! + suf[Math.floor(rand()*6)]!).join(' ') }));
const ms = new MiniSearch({ fields: ['text'], tokenize: (s) => s.split(' '), processTerm: (s) => s });
let t = performance.now();
for (let i = 0; i < 3000; i++) { ms.add(docs[i]!); if (i % 500 === 499) { console.log(i, (performance.now() - t).toFixed(0)); t = performance.now(); } }
// ascii
const docs2 = docs.map(d => ({ id: d.id, text: d.text.replace(/[^ ]/g, c => String.fromCharCode(97 + (c.charCodeAt(0) % 26))) }));
const ms2 = new MiniSearch({ fields: ['text'], tokenize: (s) => s.split(' '), processTerm: (s) => s });
t = performance.now(); ms2.addAll(docs2); console.log('ascii', performance.now() - t);
