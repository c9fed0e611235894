import { LessonSearch } from './lesson-search';
const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
const cons = 'бгджзйклмнңпрстшқғ', vow = 'аәеоөұүыі';
const roots: string[] = [];
for (let i = 0; i < 9000; i++) { let s = ''; for (let j = 0; j < 3; j++) s += cons[Math.floor(rand()*cons.length)]! + vow[Math.floor(rand()*vow.length)]!; roots.push(s); }
const suf = ['', 'лар', 'ға', 'да', 'ның', 'ды'];
const docs = Array.from({ length: 3000 }, (_, i) => ({ id: 'd' + i, lang: 'kk' as const, title: 'тақырып', text: Array.from({ length: 800 }, () => roots[Math.floor(rand() ** 3 * 9000)]! + suf[Math.floor(rand()*6)]!).join(' ') }));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 2; round++) {
  let c = cpu(), w = performance.now();
  const a = new LessonSearch(); a.addAll(docs);
  console.log('bulk cpu', (cpu() - c).toFixed(0), 'wall', (performance.now() - w).toFixed(0));
  c = cpu(); w = performance.now();
  const b = new LessonSearch(); for (const d of docs) b.add(d);
  console.log('one-by-one cpu', (cpu() - c).toFixed(0), 'wall', (performance.now() - w).toFixed(0));
}
