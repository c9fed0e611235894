/**
 * The shell the end-to-end tests drive, chosen once per worker:
 *
 * - the real desktop app, when the Electron program is installed
 *   (`electronBinary()`): each test starts it with a user-data folder of its
 *   own (QORGAU_USER_DATA), so each test is a first start;
 * - otherwise the same renderer in Chromium (/usr/bin/chromium or
 *   $CHROMIUM_PATH), served by `vite preview` from out/web: each test gets a
 *   fresh browser context, so a fresh IndexedDB and localStorage.
 *
 * Every test fails on any uncaught page error or console error. A violated
 * Content-Security-Policy is reported as a console error, so this also
 * proves the policy holds for everything the test did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { _electron, chromium, type Browser, type ElectronApplication } from 'playwright-core';
import { BASE_URL, cards, ROOT, tr, type Lang } from './support';

export { expect };

type Shell = { kind: 'electron'; executablePath: string } | { kind: 'browser'; browser: Browser };

export interface OpenOptions {
  /** Wait until the library lists lessons (default). False returns as soon as the page is there. */
  waitForLibrary?: boolean;
}

interface TestFixtures {
  /** Starts the app in `lang` (the browser shell: `?lang=`; the desktop app: the language switch) and waits for the library. */
  openApp: (lang?: Lang, options?: OpenOptions) => Promise<Page>;
  /** Starts the app again with the same data, without choosing a language: what a teacher sees the next day. */
  reopenApp: (options?: OpenOptions) => Promise<Page>;
  /**
   * Holds back the built-in pack so the first-run screen stays up; returns the
   * function that lets it through. Null in the desktop app, where the pack is
   * read through IPC and cannot be held from the test.
   */
  holdBuiltinPack: () => Promise<(() => void) | null>;
  shellKind: Shell['kind'];
  /** Page errors and console errors seen so far; the test fails if any remain at its end. */
  pageErrors: string[];
  /**
   * The page as it prints, as PDF bytes: printToPDF in the desktop app (what
   * "Save as PDF" writes), the browser's own PDF printing otherwise. Both use
   * the page's @page rules for paper size and margins.
   */
  printPdf: () => Promise<Buffer>;
  /** Another PC: the app on an empty profile, in `lang`, with the built-in pack imported. */
  freshProfile: (lang: Lang) => Promise<Page>;
}

interface WorkerFixtures {
  shell: Shell;
}


/** Debian's Chromium and its launch flags, shared with the benchmarks (scripts/chromium.mjs). */
async function chromiumLaunch(): Promise<{ executablePath: string; args: string[] }> {
  const helper = join(ROOT, 'scripts', 'chromium.mjs');
  const { chromiumPath, CHROMIUM_ARGS } = (await import(helper)) as { chromiumPath: () => string; CHROMIUM_ARGS: string[] };
  return { executablePath: chromiumPath(), args: CHROMIUM_ARGS };
}

async function findElectron(): Promise<string | undefined> {
  // A .mjs helper shared with `npm start`; loaded by path so the test build needs no declaration file for it.
  const helper = join(ROOT, 'scripts', 'electron-binary.mjs');
  const { electronBinary } = (await import(helper)) as { electronBinary: () => string | undefined };
  return electronBinary();
}

/** The desktop app behind each page, for what only the main process can do. */
const electronApps = new WeakMap<Page, ElectronApplication>();

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    errors.push(`console error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
  });
}

/** A new user-data profile: an Electron app with a folder of its own, or a fresh browser context. */
async function startProfile(shell: Shell, pageErrors: string[]): Promise<{ page: Page; close: () => Promise<void> }> {
  if (shell.kind === 'electron') {
    const userData = mkdtempSync(join(tmpdir(), 'qorgau-e2e-'));
    const app: ElectronApplication = await _electron.launch({
      executablePath: shell.executablePath,
      args: [join(ROOT, 'out', 'main', 'index.js')],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), QORGAU_USER_DATA: userData },
    });
    const page = (await app.firstWindow()) as unknown as Page;
    electronApps.set(page, app);
    watchErrors(page, pageErrors);
    await page.waitForLoadState('domcontentloaded');
    return {
      page,
      close: async () => {
        await app.close();
        rmSync(userData, { recursive: true, force: true });
      },
    };
  }
  const context = await shell.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = (await context.newPage()) as unknown as Page;
  watchErrors(page, pageErrors);
  return { page, close: () => context.close() };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  shell: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
    async ({}, use) => {
      const executablePath = await findElectron();
      if (executablePath) {
        await use({ kind: 'electron', executablePath });
        return;
      }
      const browser = await chromium.launch(await chromiumLaunch());
      await use({ kind: 'browser', browser });
      await browser.close();
    },
    { scope: 'worker' },
  ],

  shellKind: async ({ shell }, use) => {
    await use(shell.kind);
  },

  // eslint-disable-next-line no-empty-pattern -- see above
  pageErrors: async ({}, use) => {
    await use([]);
  },

  page: async ({ shell, pageErrors }, use, testInfo) => {
    const { page, close } = await startProfile(shell, pageErrors);
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo
        .attach('screenshot', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
        .catch(() => undefined);
    }
    await close();
    expect(pageErrors, 'the page logged errors (a CSP violation is one of them)').toEqual([]);
  },

  freshProfile: async ({ shell, pageErrors }, use) => {
    const opened: (() => Promise<void>)[] = [];
    await use(async (lang) => {
      const { page, close } = await startProfile(shell, pageErrors);
      opened.push(close);
      if (shell.kind === 'browser') await page.goto(`${BASE_URL}/?lang=${lang}`);
      else await page.getByRole('button', { name: tr(lang, `lang.${lang}`), exact: true }).click();
      await expect(cards(page).first()).toBeVisible({ timeout: 30_000 });
      return page;
    });
    for (const close of opened) await close();
  },

  openApp: async ({ page, shell }, use) => {
    await use(async (lang, options = {}) => {
      if (shell.kind === 'browser') {
        await page.goto(lang ? `${BASE_URL}/?lang=${lang}` : `${BASE_URL}/`);
      } else if (lang) {
        // The desktop app has no address bar: choose the language as a user does.
        await page.getByRole('button', { name: tr(lang, `lang.${lang}`), exact: true }).click();
      }
      if (options.waitForLibrary !== false) await expect(cards(page).first()).toBeVisible({ timeout: 30_000 });
      return page;
    });
  },

  reopenApp: async ({ page, shell }, use) => {
    await use(async (options = {}) => {
      if (shell.kind === 'browser') {
        await page.goto(`${BASE_URL}/`);
      } else {
        // The desktop app starts on the library: leave any lesson route before reloading the window.
        await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/'));
        await page.reload();
      }
      if (options.waitForLibrary !== false) await expect(cards(page).first()).toBeVisible({ timeout: 30_000 });
      return page;
    });
  },

  printPdf: async ({ page }, use) => {
    await use(async () => {
      const app = electronApps.get(page);
      if (!app) return page.pdf({ preferCSSPageSize: true, printBackground: true });
      const base64 = await app.evaluate(async ({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        if (!window) throw new Error('no window');
        return (await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true })).toString('base64');
      });
      return Buffer.from(base64, 'base64');
    });
  },

  holdBuiltinPack: async ({ page, shell }, use) => {
    await use(async () => {
      if (shell.kind !== 'browser') return null;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/pack/builtin.qpack', async (route) => {
        await released;
        await route.continue();
      });
      return release;
    });
  },
});
