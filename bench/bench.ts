/**
 * The benchmark page: the app's own code (importer, Dexie store, search,
 * lesson renderer), driven by scripts/bench.mjs through `window.bench`.
 * Every function returns plain numbers; nothing here asserts anything.
 */
import Dexie from 'dexie';
import { marked } from 'marked';
import type { Lang } from '../src/core/base/languages';
import { importPack, type PackStore } from '../src/core/pack/import';
import type { PackFiles } from '../src/core/pack/load';
import { qpackFiles } from '../src/core/pack/sources';
import { blobSource, type ByteSource } from '../src/core/pack/zip';
import { LessonSearch } from '../src/core/search';
import { QorgauDb } from '../src/renderer/data/database';
import { DexiePackStore } from '../src/renderer/data/pack-store';
import type { PackMedia } from '../src/renderer/data/packs';
import { createLessonRenderer } from '../src/core/markdown/render';
import { renderLesson, type OpenLesson } from '../src/renderer/app/lesson';
import { sanitizeLesson } from '../src/renderer/lib/sanitize';
import { LANGS, longLesson, searchCorpus, SOURCE_LESSONS } from './corpus';

// The desktop app loads its page from file://, where Dexie's debug mode (async
// stack tagging for every operation, on by default for http://localhost and
// 127.0.0.1) is off. Measure what the desktop user gets unless asked otherwise.
Dexie.debug = new URLSearchParams(location.search).has('dexieDebug');

const now = () => performance.now();

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { n: s.length, min: s[0]!, p50: q(0.5), p95: q(0.95), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const median = (values: number[]) => stats(values).p50;

// ---------------------------------------------------------------------------
// Import, with a breakdown of where the time goes

export interface ImportBreakdown {
  /** qpackFiles: finding and checking the central directory. */
  openZip: number;
  /** ByteSource reads: Blob.slice().arrayBuffer() of the .qpack. */
  sourceRead: number;
  /** PackFile.read() minus sourceRead: zip parsing, inflate, CRC-32, copying. */
  zipCpu: number;
  /** crypto.subtle.digest (SHA-256 of every file against the manifest). */
  sha256: number;
  /** store.putMedia: media written in batches, one transaction per batch. */
  mediaPut: number;
  /** store.commit: the one transaction with the pack, lessons, content and media references. */
  commit: number;
  /** store.collectGarbage / discardUnreferenced, when the importer calls them. */
  gc: number;
  /** Everything else: validation of text (UTF-8, YAML, zod, blocks, plainText), sorting, awaits. */
  other: number;
}

export interface ImportResult {
  ms: number;
  bytes: number;
  lessons: number;
  media: number;
  /** Calls to ByteSource.read (each one a Blob.slice().arrayBuffer()). */
  sourceReads: number;
  breakdown: ImportBreakdown;
}

/** Wraps the source, the files, the store and crypto.subtle.digest with timers; importPack itself is untouched. */
async function timedImport(source: ByteSource, name: string, store: PackStore, builtin: boolean): Promise<ImportResult> {
  const b: ImportBreakdown = { openZip: 0, sourceRead: 0, zipCpu: 0, sha256: 0, mediaPut: 0, commit: 0, gc: 0, other: 0 };
  let fileRead = 0;
  let media = 0;
  let sourceReads = 0;
  const timed = async <T>(fn: () => Promise<T>, add: (ms: number) => void): Promise<T> => {
    const t = now();
    try {
      return await fn();
    } finally {
      add(now() - t);
    }
  };
  const timedSource: ByteSource = {
    size: source.size,
    read: (o, l) => {
      sourceReads++;
      return timed(() => source.read(o, l), (ms) => (b.sourceRead += ms));
    },
  };
  // Every method of the store is forwarded; the ones that write are timed.
  const timedMethods: Record<string, keyof ImportBreakdown | undefined> = {
    putMedia: 'mediaPut',
    commit: 'commit',
    collectGarbage: 'gc',
    discardUnreferenced: 'gc',
  };
  const timedStore = new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const key = typeof prop === 'string' ? timedMethods[prop] : undefined;
      return (...args: unknown[]) => {
        if (prop === 'putMedia') media += (args[0] as unknown[]).length;
        const call = () => Promise.resolve(value.apply(target, args));
        return key ? timed(call, (ms) => (b[key] += ms)) : call();
      };
    },
  });
  const subtle = crypto.subtle;
  const digest = subtle.digest.bind(subtle);
  Object.defineProperty(subtle, 'digest', {
    configurable: true,
    value: (algorithm: AlgorithmIdentifier, data: BufferSource) => timed(() => digest(algorithm, data), (ms) => (b.sha256 += ms)),
  });
  try {
    const t = now();
    const files: PackFiles = await qpackFiles(timedSource, name);
    b.openZip = now() - t;
    b.sourceRead = 0;
    files.files = files.files.map((f) => ({ ...f, read: () => timed(() => f.read(), (ms) => (fileRead += ms)) }));
    const result = await importPack(files, timedStore, { builtin });
    const ms = now() - t;
    if (result.status !== 'imported') throw new Error(`import ${result.status}`);
    b.zipCpu = Math.max(0, fileRead - b.sourceRead);
    b.other = ms - b.openZip - fileRead - b.sha256 - b.mediaPut - b.commit - b.gc;
    return { ms, bytes: source.size, lessons: result.lessons, media, sourceReads, breakdown: b };
  } finally {
    delete (subtle as unknown as Record<string, unknown>)['digest'];
  }
}

async function freshDb(name: string): Promise<QorgauDb> {
  await Dexie.delete(name);
  const db = new QorgauDb(name);
  await db.open();
  return db;
}

/** Imports the built-in pack `runs` times into fresh databases; the first run is the cold one (as on a first start). */
async function importBuiltin(runs = 5): Promise<{ bytes: number; cold: ImportResult; warm: ImportResult[] }> {
  const blob = await (await fetch('./data/builtin.qpack', { cache: 'no-store' })).blob();
  const results: ImportResult[] = [];
  for (let i = 0; i < runs; i++) {
    const name = `bench-builtin-${i}`;
    const db = await freshDb(name);
    results.push(await timedImport(blobSource(blob), 'builtin.qpack', new DexiePackStore(db), true));
    db.close();
    await Dexie.delete(name);
  }
  return { bytes: blob.size, cold: results[0]!, warm: results.slice(1) };
}

/** Imports the file picked in #pick (set by Playwright, so it is a disk-backed File like a user's pick). */
async function importFile(): Promise<ImportResult> {
  const file = (document.getElementById('pick') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('no file picked');
  const name = `bench-file-${file.name}`;
  const db = await freshDb(name);
  try {
    return await timedImport(blobSource(file), file.name, new DexiePackStore(db), false);
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

// ---------------------------------------------------------------------------
// Raw IndexedDB: the ceiling for writing media

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Writes Blobs of the given sizes into a plain object store (no Dexie), one
 * after the other, `perTransaction` per readwrite transaction, and times it.
 * Each Blob is made from a fresh random-ish Uint8Array, as the importer's are.
 */
async function rawIdb(sizes: number[], perTransaction = 1): Promise<{ ms: number; bytes: number; perTransaction: number }> {
  const name = `bench-raw-${perTransaction}`;
  await request(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('media', { keyPath: 'sha256' });
  const db = await request(open);
  const max = Math.max(...sizes);
  const base = new Uint8Array(max);
  for (let at = 0; at < max; at += 65536) crypto.getRandomValues(base.subarray(at, Math.min(max, at + 65536)));
  const t = now();
  let bytes = 0;
  for (let i = 0; i < sizes.length; i += perTransaction) {
    const tx = db.transaction('media', 'readwrite');
    const store = tx.objectStore('media');
    for (const size of sizes.slice(i, i + perTransaction)) {
      const data = base.slice(0, size); // a copy, like the bytes the zip reader hands over
      new DataView(data.buffer).setUint32(0, bytes + size);
      store.put({ sha256: `raw-${bytes}-${size}`, blob: new Blob([data], { type: 'image/png' }), type: 'image/png', size });
      bytes += size;
    }
    await done(tx);
  }
  const ms = now() - t;
  db.close();
  await request(indexedDB.deleteDatabase(name));
  return { ms, bytes, perTransaction };
}

// ---------------------------------------------------------------------------
// Search

async function search(count = 3000, words = 800, queries = 300) {
  const corpus = searchCorpus(count, words, queries);
  const index = new LessonSearch();
  let t = now();
  index.addAll(corpus.docs);
  const indexMs = now() - t;
  let hits = 0;
  for (const q of corpus.warmup) index.search(q, { limit: 500 });
  const times: number[] = [];
  for (const q of corpus.queries) {
    t = now();
    hits += index.search(q, { limit: 500 }).length;
    times.push(now() - t);
  }
  const slowest = corpus.queries
    .map((q, i) => ({ q, ms: times[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return {
    docs: count,
    wordsPerDoc: words,
    indexMs,
    queries: queries,
    meanHits: hits / queries,
    latency: stats(times),
    slowest,
    sampleQueries: corpus.queries.slice(0, 8),
  };
}

// ---------------------------------------------------------------------------
// Lesson rendering

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

/** An OpenLesson as openLesson() builds it, with object URLs for the pack's media. */
function openLongLesson(lang: Lang, words: number): { lesson: OpenLesson; words: number } {
  const { body, words: count } = longLesson(lang, words);
  const byPath = new Map<string, string>();
  for (const m of body.matchAll(/!\[[^\]]*\]\((media\/[^)\s]+)\)/g)) {
    if (!byPath.has(m[1]!)) byPath.set(m[1]!, URL.createObjectURL(new Blob([SVG], { type: 'image/svg+xml' })));
  }
  const urls = new Set(byPath.values());
  const media: PackMedia = { url: (path) => byPath.get(path) ?? null, urls, close: () => urls.forEach((url) => URL.revokeObjectURL(url)) };
  const source = SOURCE_LESSONS.find((l) => l.lang === lang)!;
  const lesson: OpenLesson = {
    sheets: [],
    row: {
      key: `bench/long/${lang}`,
      packId: 'bench',
      lessonId: 'long',
      lang,
      title: 'long',
      topic: 'privacy',
      ageBands: ['10-12'],
      minutes: 45,
      order: 0,
      objectives: [source.lessonId],
      vocabulary: [],
    },
    languages: [lang],
    body,
    media,
    close: () => media.close(),
  };
  return { lesson, words: count };
}

async function render(words = 5000, runs = 30, warmup = 10) {
  const out: Record<string, unknown> = {};
  for (const lang of LANGS) {
    const { lesson, words: count } = openLongLesson(lang, words);
    const reader: number[] = [];
    const raw: number[] = [];
    let readerHtml = 0;
    let rawHtml = 0;
    for (let i = 0; i < warmup; i++) {
      renderLesson(lesson, 'teacher');
      marked.parse(lesson.body, { async: false });
    }
    // Alternate the two so that drift (GC, thermal) falls on both alike.
    for (let i = 0; i < runs; i++) {
      let t = now();
      readerHtml = renderLesson(lesson, 'teacher').length;
      reader.push(now() - t);
      t = now();
      rawHtml = (marked.parse(lesson.body, { async: false }) as string).length;
      raw.push(now() - t);
    }
    lesson.close();
    out[lang] = {
      words: count,
      markdownChars: lesson.body.length,
      reader: stats(reader),
      raw: stats(raw),
      ratio: median(reader) / median(raw),
      readerHtmlChars: readerHtml,
      rawHtmlChars: rawHtml,
    };
  }
  return out;
}

/** The reader's two steps one at a time (Markdown to HTML, then DOMPurify), to see which costs what. */
function renderParts(lang: Lang = 'kk', words = 5000, runs = 30) {
  const { lesson } = openLongLesson(lang, words);
  const r = createLessonRenderer({ audience: 'teacher', labels: { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' }, resolveImage: (s) => lesson.media.url(s) });
  const html = r(lesson.body);
  const urls = lesson.media.urls;
  const markedOnly: number[] = [];
  const sanitizeOnly: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    let t = now();
    r(lesson.body);
    const a = now() - t;
    t = now();
    sanitizeLesson(html, urls);
    const b = now() - t;
    if (i >= 10) {
      markedOnly.push(a);
      sanitizeOnly.push(b);
    }
  }
  lesson.close();
  return { lessonRenderer: median(markedOnly), sanitize: median(sanitizeOnly) };
}

const bench = { importBuiltin, importFile, rawIdb, search, render, renderParts, ready: true };
declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
