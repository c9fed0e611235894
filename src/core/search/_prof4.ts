const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const texts = Array.from({ length: 3000 }, () => Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]!).join(' ') + '. Ёлка, Интернет!');
function time(name: string, f: (s: string) => unknown) { const t = performance.now(); for (const s of texts) f(s); console.log(name, (performance.now() - t).toFixed(0)); }
time('nfc', s => s.normalize('NFC'));
time('lower', s => s.toLowerCase());
time('marks', s => s.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]|\p{M}/gu, ''));
time('yo', s => s.replace(/ё/g, 'е'));
time('match', s => s.match(/[\p{L}\p{N}]+/gu));
time('split', s => s.split(/[^\p{L}\p{N}]+/u));
time('latin', s => /[a-z\u0259\u0275]/.test(s));
