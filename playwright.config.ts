import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. `npm test` builds out/web (and out/main) before this runs;
 * the config only serves what was built. Which shell the tests drive, the
 * desktop app or Chromium, is decided in test/e2e/fixtures.ts.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // CI machines have 2 cores: one test at a time keeps the app and the browser responsive.
  workers: process.env['CI'] ? 1 : undefined,
  forbidOnly: !!process.env['CI'],
  reporter: process.env['CI'] ? [['list'], ['line']] : 'list',
  webServer: {
    command: 'npx vite preview --config vite.web.config.ts --port 4173 --strictPort --host localhost',
    url: 'http://localhost:4173',
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [{ name: 'qorgau' }],
});
