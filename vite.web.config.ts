import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy, WEB_CONTENT_SECURITY_POLICY } from './csp.ts';

/** Serves the built-in pack beside the page, where the browser shell fetches it. */
function builtinPack(): Plugin {
  return {
    name: 'qorgau-builtin-pack',
    apply: 'build',
    closeBundle() {
      if (!existsSync('out/pack/builtin.qpack')) throw new Error('out/pack/builtin.qpack is missing: run npm run build:pack first');
      cpSync('out/pack', 'out/web/pack', { recursive: true });
    },
  };
}

/** The same renderer as the desktop app, for a plain browser (`npm run web`) and the end-to-end tests. */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  publicDir: false,
  plugins: [svelte(), contentSecurityPolicy(WEB_CONTENT_SECURITY_POLICY), builtinPack()],
  resolve: { alias: { '#platform': resolve('src/renderer/platform/browser.ts') } },
  build: { outDir: resolve('out/web'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500, assetsInlineLimit: 0 },
  // The browser version gets the same policy as an HTTP header too: a header also covers what a page opens on its own.
  preview: {
    port: Number(process.env['PORT'] ?? 4173),
    strictPort: true,
    host: '127.0.0.1',
    headers: { 'Content-Security-Policy': WEB_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' },
  },
});
