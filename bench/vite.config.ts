import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where everything the benchmark makes goes: outside the repository. */
export const BENCH_TMP = process.env['QORGAU_BENCH_TMP'] ?? '/tmp/qorgau-bench';

/**
 * The benchmark page (bench/index.html + bench/bench.ts), built like the app:
 * a production bundle of the same src/ modules. The Svelte plugin compiles the
 * runes in lib/i18n.svelte.ts, which the lesson renderer imports.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  cacheDir: `${BENCH_TMP}/vite-cache`,
  logLevel: 'warn',
  plugins: [svelte({ configFile: `${root}svelte.config.js` })],
  resolve: { alias: { '#platform': `${root}src/renderer/platform/browser.ts` } },
  server: { fs: { allow: [root] } },
  build: { outDir: `${BENCH_TMP}/page`, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000, assetsInlineLimit: 0 },
  preview: { host: '127.0.0.1', port: 0 },
});
