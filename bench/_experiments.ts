import Dexie from 'dexie';
import { Marked, marked } from 'marked';
import DOMPurify from 'dompurify';
import { importPack } from '../src/core/pack/import';
import { qpackFiles } from '../src/core/pack/sources';
import { blobSource, type ByteSource } from '../src/core/pack/zip';
import { QorgauDb, type MediaRow } from '../src/renderer/db/database';
import { DexiePackStore } from '../src/renderer/db/pack-store';
import type { LoadedPack } from '../src/core/pack/load';
import { createLessonRenderer } from '../src/core/markdown/render';
import { sanitizeLesson } from '../src/renderer/lib/sanitize';
import { BLOCK_CLOSE, BLOCK_OPEN, isBlockKind } from '../src/core/markdown/blocks';
import { longLesson } from './corpus';

const now = () => performance.now();
const MiB = 1024 * 1024;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function picked(): File { return (document.getElementById('pick') as HTMLInputElement).files![0]!; }

async function blobReads() {
  const f = picked();
  const src = blobSource(f);
  const out: Record<string, number> = {};
  let t = now();
  for (let i = 0; i < 2000; i++) await src.read(i * 50_000, 46);
  out.smallReadMs = (now() - t) / 2000;
  for (const chunk of [64 * 1024, MiB, 4 * MiB, 16 * MiB]) {
    t = now();
    let n = 0;
    for (let at = 0; at < 100e6; at += chunk) n += (await src.read(at, chunk)).length;
    out[`chunk${chunk / 1024}KiB_MBps`] = n / 1e6 / ((now() - t) / 1000);
  }
  t = now();
  const reader = f.slice(0, 100e6).stream().getReader();
  let n = 0;
  for (;;) { const r = await reader.read(); if (r.done) break; n += r.value.length; }
  out.stream_MBps = n / 1e6 / ((now() - t) / 1000);
  return out;
}

function readAhead(src: ByteSource, window = 4 * MiB): ByteSource {
  let start = 0;
  let buf = new Uint8Array(0);
  return {
    size: src.size,
    async read(offset, length) {
      if (offset >= start && offset + length <= start + buf.length) return buf.subarray(offset - start, offset - start + length);
      if (length >= window) return src.read(offset, length);
      buf = await src.read(offset, Math.min(window, src.size - offset));
      start = offset;
      return buf.subarray(0, length);
    },
  };
}

class BatchedStore extends DexiePackStore {
  pending: MediaRow[] = [];
  bytes = 0;
  constructor(private readonly d: QorgauDb, private readonly check = true) { super(d); }
  override async put(sha256: string, bytes: Uint8Array, type: string): Promise<void> {
    this.pending.push({ sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), type, size: bytes.length });
    this.bytes += bytes.length;
    if (this.bytes >= 16 * MiB) await this.flush();
  }
  async flush() {
    const rows = this.pending;
    this.pending = [];
    this.bytes = 0;
    if (!rows.length) return;
    const d = this.d;
    await d.transaction('rw', d.media, async () => {
      const have = this.check ? await d.media.bulkGet(rows.map((r) => r.sha256)) : [];
      await d.media.bulkPut(rows.filter((_, i) => !have[i]));
    });
  }
  override async commit(pack: LoadedPack, origin: { builtin: boolean }) { await this.flush(); return super.commit(pack, origin); }
}

class NoCountStore extends DexiePackStore {
  constructor(private readonly d: QorgauDb) { super(d); }
  override async put(sha256: string, bytes: Uint8Array, type: string): Promise<void> {
    await this.d.media.put({ sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), type, size: bytes.length });
  }
}

async function importWith(opts: { readAhead?: boolean; store?: 'dexie' | 'batched' | 'nocount' }) {
  const f = picked();
  const name = 'bench-exp';
  await Dexie.delete(name);
  const db = new QorgauDb(name);
  await db.open();
  const store = opts.store === 'batched' ? new BatchedStore(db) : opts.store === 'nocount' ? new NoCountStore(db) : new DexiePackStore(db);
  const src = opts.readAhead ? readAhead(blobSource(f)) : blobSource(f);
  const t = now();
  await importPack(await qpackFiles(src, f.name), store);
  const ms = now() - t;
  db.close();
  await Dexie.delete(name);
  return { ms, MBps: f.size / 1e6 / (ms / 1000) };
}

function renderVariants(runs = 30) {
  const { body } = longLesson('kk', 5000);
  const labels = { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' };
  const r = createLessonRenderer({ audience: 'teacher', labels, resolveImage: () => 'blob:http://x/1' });
  const urls = new Set(['blob:http://x/1']);
  const fast = {
    name: 'qblock', level: 'block' as const,
    start: (src: string) => src.match(/^:::/m)?.index,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    tokenizer(this: any, src: string) {
      if (!src.startsWith(':::')) return undefined;
      const lines = src.split('\n');
      const m = BLOCK_OPEN.exec(lines[0] ?? '');
      if (!m?.[1] || !isBlockKind(m[1])) return undefined;
      const end = lines.findIndex((l, i) => i > 0 && BLOCK_CLOSE.test(l));
      if (end === -1) return undefined;
      const raw = lines.slice(0, end + 1).join('\n') + (lines.length > end + 1 ? '\n' : '');
      const inner = lines.slice(1, end).join('\n');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const token: any = { type: 'qblock', raw, kind: m[1], title: (m[2] ?? '').trim(), tokens: [] };
      this.lexer.blockTokens(inner, token.tokens);
      return token;
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    renderer(this: any, t: any) { return `<aside class="qb qb-${t.kind}">${this.parser.parse(t.tokens)}</aside>`; },
  };
  const mf = new Marked({ gfm: true, async: false, extensions: [fast] });
  const html = r(body);
  const shared = DOMPurify();
  const cfg = { ALLOWED_TAGS: ['p', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'aside', 'span', 'a', 'img', 'blockquote', 'code', 'pre', 'br', 'hr'], ALLOWED_ATTR: ['class', 'href', 'src', 'alt'] };
  const time = (f: () => unknown) => { for (let i = 0; i < 10; i++) f(); const ts: number[] = []; for (let i = 0; i < runs; i++) { const t = now(); f(); ts.push(now() - t); } return med(ts); };
  return {
    rawMarked: time(() => marked.parse(body, { async: false })),
    lessonRenderer: time(() => r(body)),
    earlyBailRenderer: time(() => mf.parse(body)),
    sanitizeLesson: time(() => sanitizeLesson(html, urls)),
    removed: (() => { const p = DOMPurify(); p.sanitize(html, cfg); return p.removed.length; })(),
    nodes: (() => { const t = document.createElement('template'); t.innerHTML = html; let n = 0; const w = document.createTreeWalker(t.content); while (w.nextNode()) n++; return n; })(),
    sharedPurifyNoHook: time(() => shared.sanitize(html, cfg)),
    domParserOnly: time(() => new DOMParser().parseFromString(html, 'text/html')),
    templateInnerHtml: time(() => { const t = document.createElement('template'); t.innerHTML = html; return t; }),
    htmlChars: html.length,
  };
}

(window as unknown as { benchX: unknown }).benchX = { blobReads, importWith, renderVariants };
(window as unknown as { sanLoop: unknown }).sanLoop = (n: number) => {
  const { body } = longLesson('kk', 5000);
  const r = createLessonRenderer({ audience: 'teacher', labels: { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' }, resolveImage: () => null });
  const html = r(body);
  for (let i = 0; i < n; i++) sanitizeLesson(html, new Set());
};
(window as unknown as { renLoop: unknown }).renLoop = (n: number) => {
  const { body } = longLesson('kk', 5000);
  const r = createLessonRenderer({ audience: 'teacher', labels: { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' }, resolveImage: () => null });
  for (let i = 0; i < n; i++) r(body);
};
