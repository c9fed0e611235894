const rand = (() => { let a = 1; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();
// postings: 40k terms, Zipf-ish doc counts over 3000 docs
const terms: Map<number, number>[] = [];
for (let i = 0; i < 40000; i++) { const m = new Map<number, number>(); const df = Math.max(1, Math.floor(3000 / (i / 10 + 1))); for (let d = 0; d < 3000; d++) if (rand() * 3000 < df) m.set(d, 1 + Math.floor(rand() * 3)); terms.push(m); }
let n = 0; for (const m of terms) n += m.size; console.log('postings', n);
const mode = process.argv[2];
global.gc?.();
const h0 = process.memoryUsage().heapUsed;
const t = performance.now();
const out: Record<number, number>[] = [];
for (const m of terms) {
  if (mode === 'asc') out.push(Object.fromEntries(m));
  else if (mode === 'desc') { const e = [...m]; const o: Record<number, number> = {}; for (let i = e.length - 1; i >= 0; i--) { const [k, v] = e[i]!; o[k] = v; } out.push(o); }
  else if (mode === 'str') { const o: Record<string, number> = {}; for (const [k, v] of m) o[' ' + k] = v; out.push(o as any); }
}
console.log(mode, (performance.now() - t).toFixed(0), 'ms', ((process.memoryUsage().heapUsed - h0) / 1e6).toFixed(0), 'MB');
