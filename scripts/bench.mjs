// `npm run bench`: performance numbers for the targets, measured in
// Chromium with the app's own code. Prints a table and writes bench/results.json.
// Not a test: nothing here fails on a slow number.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), QORGAU_BENCH_TMP
// (default /tmp/qorgau-bench: generated packs, the built bench page, browser profiles).
/* global window, document, MutationObserver, requestAnimationFrame -- in functions run in the page */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview, runnerImport } from 'vite';
import { newest } from './newest.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
process.chdir(ROOT);
const TMP = process.env.QORGAU_BENCH_TMP ?? '/tmp/qorgau-bench';
process.env.QORGAU_BENCH_TMP = TMP;
const CHROMIUM = chromiumPath();
const BENCH_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];
const MB = 1e6;
const started = performance.now();

const PACKS = {
  // 1,000 English lessons and 400 images of 500 kB: 200 MB of media.
  big: { id: 'bench-big', lessons: 1000, images: 400, imageBytes: 500_000 },
  // The same lessons with half the media, to see whether peak memory follows pack size.
  half: { id: 'bench-half', lessons: 1000, images: 200, imageBytes: 500_000 },
};
/** Runs of each big import and raw IndexedDB write; the median is reported. */
const RUNS = 3;
/** Bump when bench/make-pack.ts changes what it makes, so cached packs are rebuilt. */
const PACK_FORMAT = 1;

/** The highest 1-minute load average seen at any step: other work on the machine skews every number. */
let maxLoad = 0;

function log(message) {
  maxLoad = Math.max(maxLoad, os.loadavg()[0]);
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n, digits = 1) => (n === undefined || n === null || Number.isNaN(n) ? n : Number(n.toFixed(digits)));

// ---------------------------------------------------------------------------
// Inputs: the built-in pack, the web build, the generated packs, the bench page

function buildPack() {
  execFileSync(process.execPath, ['scripts/build-pack.mjs'], { stdio: 'inherit' });
}

async function ensureBuilds() {
  const lessonsChanged = newest('lessons');
  if (mtime('out/pack/builtin.qpack') < lessonsChanged) {
    log('building the built-in pack (node scripts/build-pack.mjs)');
    buildPack();
  }
  if (mtime('out/web/index.html') < Math.max(newest('src'), lessonsChanged, newest('assets'))) {
    log('building the web version (out/web is missing or older than its sources)');
    buildPack();
    await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  }
}

async function ensureGeneratedPacks() {
  mkdirSync(TMP, { recursive: true });
  const paths = {};
  let maker;
  for (const [name, options] of Object.entries(PACKS)) {
    const path = join(TMP, `${name}-v${PACK_FORMAT}-${options.lessons}l-${options.images}x${options.imageBytes}.qpack`);
    paths[name] = path;
    // Cached between runs; made again when the pack builder, the generator or the lessons change.
    if (mtime(path) > Math.max(newest('src/core/pack'), mtime('bench/make-pack.ts'), mtime('bench/corpus.ts'), newest('lessons/lessons'))) continue;
    log(`generating ${path}`);
    maker ??= (await runnerImport(join(ROOT, 'bench/make-pack.ts'), { configFile: false, logLevel: 'warn', cacheDir: join(TMP, 'vite-cache') })).module;
    const bytes = await maker.makeBenchPack(options);
    writeFileSync(`${path}.part`, bytes);
    execFileSync('mv', [`${path}.part`, path]);
  }
  return paths;
}

/** Serves out/pack/builtin.qpack beside the bench page. */
function benchData() {
  return {
    name: 'qorgau-bench-data',
    configurePreviewServer(server) {
      server.middlewares.use('/data/builtin.qpack', (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        createReadStream('out/pack/builtin.qpack').pipe(res);
      });
    },
  };
}

function urlOf(server) {
  const { port } = server.httpServer.address();
  return `http://127.0.0.1:${port}/`;
}

async function launch(profile) {
  rmSync(profile, { recursive: true, force: true });
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: BENCH_ARGS, headless: true, viewport: { width: 1280, height: 900 } });
}

// ---------------------------------------------------------------------------
// Memory: sampled from Node over CDP while the page works

async function withHeapSampling(cdp, fn) {
  await cdp.send('HeapProfiler.collectGarbage');
  const base = await cdp.send('Runtime.getHeapUsage');
  const peak = { used: base.usedSize, withBuffers: base.usedSize + (base.backingStorageSize ?? 0) };
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const u = await cdp.send('Runtime.getHeapUsage');
      samples++;
      peak.used = Math.max(peak.used, u.usedSize);
      peak.withBuffers = Math.max(peak.withBuffers, u.usedSize + (u.backingStorageSize ?? 0));
      await sleep(50);
    }
  })();
  try {
    const result = await fn();
    return {
      result,
      heap: {
        baselineMB: round(base.usedSize / MB),
        peakMB: round(peak.used / MB),
        growthMB: round((peak.used - base.usedSize) / MB),
        baselineWithBuffersMB: round((base.usedSize + (base.backingStorageSize ?? 0)) / MB),
        peakWithBuffersMB: round(peak.withBuffers / MB),
        backingStorageReported: base.backingStorageSize !== undefined,
        samples,
      },
    };
  } finally {
    running = false;
    await sampler;
  }
}

// ---------------------------------------------------------------------------
// The bench page: import, raw IndexedDB, search, rendering

function importSummary(r) {
  const b = Object.fromEntries(Object.entries(r.breakdown).map(([k, v]) => [k, round(v)]));
  return { ms: round(r.ms), bytes: r.bytes, MBps: round(r.bytes / MB / (r.ms / 1000)), lessons: r.lessons, media: r.media, sourceReads: r.sourceReads, breakdownMs: b };
}

async function benchPage(packs, results) {
  log('building the bench page (bench/vite.config.ts)');
  await build({ configFile: 'bench/vite.config.ts' });
  const server = await preview({ configFile: 'bench/vite.config.ts', plugins: [benchData()] });
  const context = await launch(join(TMP, 'profile-bench'));
  try {
    results.chromium = context.browser()?.version();
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(urlOf(server));
    await page.waitForFunction(() => window.bench?.ready);
    results.chromium ??= await page.evaluate(() => navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1]);
    const cdp = await context.newCDPSession(page);

    const reload = async (query = '') => {
      await page.goto(urlOf(server) + query);
      await page.waitForFunction(() => window.bench?.ready);
    };

    // 1. The built-in pack: cold (the first import in a fresh page, as on a first start), then warm.
    log('1. importing the built-in pack');
    const builtin = await page.evaluate(() => window.bench.importBuiltin(6));
    results.builtinImport = {
      bytes: builtin.bytes,
      coldMs: round(builtin.cold.ms),
      warmMedianMs: round(median(builtin.warm.map((r) => r.ms))),
      warmMs: builtin.warm.map((r) => round(r.ms)),
      cold: importSummary(builtin.cold),
      warmLast: importSummary(builtin.warm.at(-1)),
    };
    // The same with Dexie's debug mode on, as it is for `npm run web` on localhost.
    log('1. the built-in pack with Dexie.debug on (browser mode on localhost)');
    await reload('?dexieDebug');
    const debug = await page.evaluate(() => window.bench.importBuiltin(6));
    results.builtinImport.dexieDebug = { coldMs: round(debug.cold.ms), warmMedianMs: round(median(debug.warm.map((r) => r.ms))) };

    // CPU-bound measurements before the big imports, whose IndexedDB work (compaction of
    // hundreds of MB) goes on in the browser process for a while after they finish.
    log('4. search: indexing 3,000 lessons of 800 words and running 300 queries');
    await reload();
    await sleep(2000);
    const search = await page.evaluate(() => window.bench.search(3000, 800, 300));
    results.search = {
      ...search,
      indexMs: round(search.indexMs),
      latency: roundAll(search.latency, 2),
      slowest: search.slowest.map((s) => ({ q: s.q, ms: round(s.ms, 2) })),
    };

    log('5. rendering a 5,000-word lesson (reader pipeline vs marked.parse)');
    await reload();
    await sleep(2000);
    const render = await page.evaluate(() => window.bench.render(5000, 30, 15));
    const parts = await page.evaluate(() => window.bench.renderParts('kk', 5000, 30));
    results.render = Object.fromEntries(
      Object.entries(render).map(([lang, r]) => [lang, { ...r, reader: roundAll(r.reader, 2), raw: roundAll(r.raw, 2), ratio: round(r.ratio, 2) }]),
    );
    results.render.kkParts = roundAll(parts, 2);

    // 2 + 3. The generated packs from disk-backed Files, with the heap sampled, and raw
    // IndexedDB writes of the same Blobs, interleaved, RUNS times each. IndexedDB keeps
    // working for a moment after a big transaction or delete: settle before each run.
    await reload();
    const settle = () => sleep(2000);
    const imports = { half: [], big: [] };
    const raws = { perTx1: [], perTx25: [] };
    const sizes = Array.from({ length: PACKS.big.images }, () => PACKS.big.imageBytes);
    for (let run = 1; run <= RUNS; run++) {
      for (const name of ['half', 'big']) {
        log(`2. run ${run}/${RUNS}: importing ${packs[name]} (${(statSync(packs[name]).size / MB).toFixed(0)} MB)`);
        await page.setInputFiles('#pick', packs[name]);
        await settle();
        imports[name].push(await withHeapSampling(cdp, () => page.evaluate(() => window.bench.importFile())));
      }
      for (const perTransaction of [1, 25]) {
        log(`2. run ${run}/${RUNS}: raw IndexedDB, ${sizes.length} Blobs of ${PACKS.big.imageBytes / 1000} kB, ${perTransaction} per transaction`);
        await settle();
        raws[`perTx${perTransaction}`].push(await page.evaluate(([s, n]) => window.bench.rawIdb(s, n), [sizes, perTransaction]));
      }
    }
    for (const name of ['half', 'big']) {
      const runs = imports[name];
      const mid = runs.find((r) => r.result.ms === median(runs.map((x) => x.result.ms)));
      results[`${name}Import`] = {
        file: packs[name],
        runsMs: runs.map((r) => round(r.result.ms)),
        medianRun: importSummary(mid.result),
        heap: {
          // Median of the runs' peaks: how much garbage is still uncollected at the peak varies from run to run.
          peakMB: median(runs.map((r) => r.heap.peakMB)),
          peakWithBuffersMB: median(runs.map((r) => r.heap.peakWithBuffersMB)),
          runs: runs.map((r) => r.heap),
        },
      };
    }
    results.rawIdb = Object.fromEntries(
      Object.entries(raws).map(([k, runs]) => {
        const ms = median(runs.map((r) => r.ms));
        return [k, { bytes: runs[0].bytes, runsMs: runs.map((r) => round(r.ms)), medianMs: round(ms), MBps: round(runs[0].bytes / MB / (ms / 1000)) }];
      }),
    );
    if (errors.length) results.benchPageErrors = errors;
  } finally {
    await context.close();
    await server.close();
    rmSync(join(TMP, 'profile-bench'), { recursive: true, force: true });
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1];
}

function roundAll(o, digits) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, digits) : v]));
}

// ---------------------------------------------------------------------------
// 6. The real web build: time from navigation to a visible lesson card

/** Records when the first lesson card link is in the DOM, and the frame after. */
function watchForCards() {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.cards a')) return;
    observer.disconnect();
    window.__cardsDom = performance.now();
    requestAnimationFrame(() => {
      window.__cardsFrame = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function timeToLibrary(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('.cards a', { state: 'visible', timeout: 60_000 });
    await page.waitForFunction(() => window.__cardsFrame !== undefined);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        cardsInDomMs: window.__cardsDom,
        cardsFrameMs: window.__cardsFrame,
        domContentLoadedMs: nav?.domContentLoadedEventEnd,
        loadMs: nav?.loadEventEnd,
        firstContentfulPaintMs: fcp?.startTime,
        cards: document.querySelectorAll('.cards a').length,
      };
    });
  } finally {
    await page.close();
  }
}

async function benchWeb(results) {
  const server = await preview({ configFile: 'vite.web.config.ts', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const profile = join(TMP, 'profile-web');
  const context = await launch(profile);
  try {
    await context.addInitScript(watchForCards);
    const url = urlOf(server);
    log('6. web build: first run (empty IndexedDB)');
    const first = await timeToLibrary(context, url);
    log('6. web build: second loads (library already imported)');
    const again = [];
    for (let i = 0; i < 5; i++) again.push(await timeToLibrary(context, url));
    results.webLoad = {
      url,
      firstRun: roundAll(first, 0),
      secondLoadMedianMs: round(median(again.map((r) => r.cardsFrameMs)), 0),
      secondLoads: again.map((r) => roundAll(r, 0)),
    };
    log('7. class set of 30 worksheets to PDF');
    results.classSetPdf = await benchClassSet(context, url);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * A class set of 30 copies of a built-in worksheet, printed to PDF as the
 * browser prints it (the desktop app's printToPDF runs the same engine):
 * the time to lay out the 30 copies, and the time to produce the PDF.
 */
async function benchClassSet(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(`${url}?lang=kk#/print/qorgau-core/strangers-online/kk/strangers-online-worksheet`);
    await page.waitForSelector('.sheets .sheet', { timeout: 60_000 });
    const onePupil = await page.locator('.sheets .sheet').count();
    await page.locator('input[name=per-pupil]').nth(1).check();
    const codes = Array.from({ length: 30 }, (_, i) => `7Б-${String(i + 1).padStart(2, '0')}`).join('\n');
    const t0 = performance.now();
    await page.fill('#print-list', codes);
    await page.waitForFunction((n) => document.querySelectorAll('.sheets .sheet').length === n, 30 * onePupil);
    const layoutMs = performance.now() - t0;
    const runs = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      runs.push(performance.now() - start);
      bytes = pdf.length;
    }
    const pages = 30 * onePupil;
    const pdfMs = median(runs);
    return { copies: 30, pages, layoutMs: round(layoutMs, 0), pdfMedianMs: round(pdfMs, 0), msPerPage: round((layoutMs + pdfMs) / pages, 1), pdfBytes: bytes, runsMs: runs.map((r) => round(r, 0)) };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------
// Report

function table(r) {
  const fmt = (n, unit, digits = 1) => (n === undefined ? 'n/a' : `${n.toFixed(digits)} ${unit}`);
  const ok = (pass) => (pass === undefined ? '' : pass ? 'yes' : 'NO');
  const big = { ...r.bigImport.medianRun, heap: r.bigImport.heap };
  const half = { ...r.halfImport.medianRun, heap: r.halfImport.heap };
  const raw1 = r.rawIdb.perTx1;
  const raw25 = r.rawIdb.perTx25;
  const ratio1 = big.MBps / raw1.MBps;
  const ratio25 = big.MBps / raw25.MBps;
  const peakRatio = big.heap.peakMB / half.heap.peakMB;
  const kk = r.render.kk;
  const rows = [
    ['1. Built-in pack import, first in page (cold)', fmt(r.builtinImport.coldMs, 'ms', 0), '', ''],
    ['   … warm median of 5', fmt(r.builtinImport.warmMedianMs, 'ms', 0), '', ''],
    ['   … warm median with Dexie.debug on (npm run web on localhost)', fmt(r.builtinImport.dexieDebug.warmMedianMs, 'ms', 0), '', ''],
    [`2. Import ${(big.bytes / MB).toFixed(0)} MB pack (1,000 lessons, ${big.media} images), median of ${RUNS}`, `${fmt(big.MBps, 'MB/s')} (${(big.ms / 1000).toFixed(1)} s)`, '', ''],
    [`   Import ${(half.bytes / MB).toFixed(0)} MB pack (same lessons, ${half.media} images)`, `${fmt(half.MBps, 'MB/s')} (${(half.ms / 1000).toFixed(1)} s)`, '', ''],
    ['   Raw IndexedDB, 1 Blob per transaction', fmt(raw1.MBps, 'MB/s'), '', ''],
    ['   Raw IndexedDB, 25 Blobs per transaction', fmt(raw25.MBps, 'MB/s'), '', ''],
    ['   Import / raw (1 Blob per transaction)', fmt(ratio1, '', 2), '', ''],
    ['   Import / raw (25 Blobs per transaction, the fair comparison: the importer batches)', fmt(ratio25, '', 2), '≥ 0.5', ok(ratio25 >= 0.5)],
    [`3. Peak JS heap, 200 MB import (median of ${RUNS} runs' peaks)`, fmt(big.heap.peakMB, 'MB'), '', ''],
    ['   Peak JS heap, 100 MB import', fmt(half.heap.peakMB, 'MB'), '', ''],
    ['   Peak ratio 200 MB / 100 MB', fmt(peakRatio, '', 2), '≈ 1 (≤ 1.25)', ok(peakRatio <= 1.25)],
    ['   Peak JS heap + ArrayBuffers (not a target), 200 / 100 MB', `${fmt(big.heap.peakWithBuffersMB, '')}/ ${fmt(half.heap.peakWithBuffersMB, 'MB')}`, '', ''],
    [`4. Search over ${r.search.docs} lessons, p50`, fmt(r.search.latency.p50, 'ms', 2), '', ''],
    ['   Search p95', fmt(r.search.latency.p95, 'ms', 2), '< 10 ms', ok(r.search.latency.p95 < 10)],
    ['   Search index build (not a target)', fmt(r.search.indexMs, 'ms', 0), '', ''],
    [`5. Render ${kk.words}-word kk lesson, reader pipeline (median)`, fmt(kk.reader.p50, 'ms', 2), '', ''],
    ['   marked.parse of the same text (median)', fmt(kk.raw.p50, 'ms', 2), '', ''],
    ['   Reader / marked.parse (kk)', fmt(kk.ratio, '', 2), '≤ 2', ok(kk.ratio <= 2)],
    ['   Reader / marked.parse (ru, en)', `${r.render.ru.ratio.toFixed(2)}, ${r.render.en.ratio.toFixed(2)}`, '≤ 2', ok(r.render.ru.ratio <= 2 && r.render.en.ratio <= 2)],
    ['6. Web build: second load → first lesson card (median of 5)', fmt(r.webLoad.secondLoadMedianMs, 'ms', 0), '< 1000 ms', ok(r.webLoad.secondLoadMedianMs < 1000)],
    ['   First run (empty IndexedDB) → first lesson card', fmt(r.webLoad.firstRun.cardsFrameMs, 'ms', 0), '', ''],
    [`7. Class set of 30 worksheets to PDF (${r.classSetPdf.pages} pages): layout + PDF per page`, fmt(r.classSetPdf.msPerPage, 'ms'), '≤ 1000 ms', ok(r.classSetPdf.msPerPage <= 1000)],
    ['   … layout of the 30 copies / PDF (median of 3)', `${fmt(r.classSetPdf.layoutMs, 'ms', 0)} / ${fmt(r.classSetPdf.pdfMedianMs, 'ms', 0)}`, '', ''],
    ...Object.values(r.collector ?? {}).map((c) => [
      `8. Collector ingest, a day of ${c.schools.toLocaleString('en-US')} schools over HTTP (${c.backend})`,
      `${fmt(c.seconds, 's', 2)} (${c.batchesPerSecond} batches/s, ${c.countsPerSecond} counts/s)`,
      '< 10 s',
      ok(c.seconds < 10),
    ]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), ['metric', 'value', 'target', 'ok?'][i].length));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  return [line(['metric', 'value', 'target', 'ok?']), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------

async function main() {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memoryGB: round(os.totalmem() / 1e9),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      // Other work on the machine skews every number here: check these before comparing runs.
      loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
    },
    units: 'MB = 10^6 bytes; times in ms from performance.now()',
    notes: [
      'Import MB/s is the .qpack file size over the time of importPack (opening the zip to the end of the commit); raw IndexedDB MB/s is the media bytes over the time of the writes.',
      'Import breakdowns are measured with timers around the ByteSource, PackFile.read, crypto.subtle.digest and the store; importPack itself is untouched. zipCpu = PackFile.read minus source reads; other = validation of text and the rest.',
      'Heap: Runtime.getHeapUsage over CDP every 50 ms after a forced GC; "withBuffers" adds ArrayBuffer backing stores, which usedJSHeapSize does not count.',
      'The bench page runs with Dexie.debug off, as the desktop app (file://) does; the web build is served on 127.0.0.1, where Dexie turns it on, as npm run web does.',
    ],
  };
  await ensureBuilds();
  const packs = await ensureGeneratedPacks();
  results.packs = Object.fromEntries(Object.entries(PACKS).map(([k, v]) => [k, { ...v, file: packs[k], qpackBytes: statSync(packs[k]).size }]));
  // The web build first: its load times are the most sensitive to the disk and CPU work
  // that hundreds of MB of IndexedDB writes leave behind.
  await benchWeb(results);
  await benchPage(packs, results);
  // 8. The statistics collector, in a process of its own (SQLite; PostgreSQL too when DATABASE_URL is set).
  log('8. collector ingest: a day of batches from 7,000 schools');
  results.collector = JSON.parse(execFileSync(process.execPath, ['bench/collector.mjs', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }));
  results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
  results.machine.maxLoadAverage1m = round(Math.max(maxLoad, os.loadavg()[0]), 2);
  results.machine.chromium = results.chromium;
  delete results.chromium;
  results.totalSeconds = round((performance.now() - started) / 1000);
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log(`\nQorgau benchmark — ${results.machine.cpu}, ${results.machine.cores} cores, Chromium ${results.machine.chromium}, Node ${process.version}\n`);
  console.log(table(results));
  const b = results.bigImport.medianRun;
  const parts = Object.entries(b.breakdownMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`);
  console.log(`\nWhere the ${(b.bytes / MB).toFixed(0)} MB import's ${(b.ms / 1000).toFixed(1)} s went (median run, ${b.sourceReads} source reads): ${parts.join(', ')}`);
  const p = results.render.kkParts;
  console.log(`Reader pipeline, kk, one step at a time: createLessonRenderer ${p.lessonRenderer} ms, sanitizeLesson ${p.sanitize} ms (marked.parse ${results.render.kk.raw.p50} ms)`);
  const busy = results.machine.maxLoadAverage1m;
  if (busy > results.machine.cores) {
    console.log(`\nNote: load average reached ${busy} on ${results.machine.cores} cores: more than the benchmark itself; other work on the machine makes these numbers pessimistic.`);
  }
  console.log(`\nWrote bench/results.json (${results.totalSeconds} s).`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
