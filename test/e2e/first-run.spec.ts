import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { WEB_CONTENT_SECURITY_POLICY } from '../../csp';
import { BASE_URL, BUILTIN_LESSONS, BUILTIN_PACK_ID, cards, dbSnapshot, LANGS, tr, type Lang } from './support';

/** Records, from before the app's first line runs, whether the first-run screen ever appeared. */
const WATCH_FIRST_RUN = `
  window.__firstRunSeen = false;
  new MutationObserver(() => {
    if (document.getElementById('first-run-title')) window.__firstRunSeen = true;
  }).observe(document, { childList: true, subtree: true });
`;
const firstRunSeen = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __firstRunSeen?: boolean }).__firstRunSeen === true);

test('on first start the built-in lessons are imported with a progress bar, then the library lists every built-in lesson', async ({
  page,
  openApp,
  holdBuiltinPack,
}) => {
  const startedAt = Date.now();
  await page.addInitScript(WATCH_FIRST_RUN);
  const release = await holdBuiltinPack();
  await openApp('en', { waitForLibrary: false });

  const heading = page.getByRole('heading', { level: 1, name: tr('en', 'firstRun.title') });
  const progress = page.getByRole('progressbar', { name: tr('en', 'firstRun.title') });
  if (release) {
    // The browser shell: the pack is held back, so the first-run screen must be up, with its progress bar.
    await expect(heading).toBeVisible();
    await expect(page.getByText(tr('en', 'firstRun.body'))).toBeVisible();
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('max', '100');
    release();
  } else {
    // The desktop app reads the pack through IPC, too fast to hold: the first-run screen is up or already replaced.
    await expect(heading.or(cards(page).first())).toBeVisible();
  }

  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  expect(BUILTIN_LESSONS.length).toBeGreaterThanOrEqual(13);
  await expect(heading).toBeHidden();
  await expect(progress).toBeHidden();
  // The watcher was in place before the app started: the first-run screen was shown, not skipped.
  if (release) expect(await firstRunSeen(page)).toBe(true);

  await expect(page.getByRole('heading', { level: 1, name: tr('en', 'library.title') })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(tr('en', 'library.count', { count: BUILTIN_LESSONS.length }));
  for (const lesson of BUILTIN_LESSONS) {
    await expect(cards(page).getByRole('link', { name: lesson.versions.en.title, exact: true })).toBeVisible();
  }
  // The built-in pack was imported by this start (each test starts with empty storage).
  const db = await dbSnapshot(page);
  expect(db.packs).toHaveLength(1);
  const [id, , importedAt] = (db.packs[0] ?? '').split('@');
  expect(id).toBe(BUILTIN_PACK_ID);
  expect(Number(importedAt)).toBeGreaterThanOrEqual(startedAt - 1_000);
  expect(db.counts['lessons']).toBe(BUILTIN_LESSONS.length * LANGS.length);
});

test('reloading the app does not import the built-in lessons again', async ({ page, openApp, reopenApp }) => {
  await openApp('kk');
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  const before = await dbSnapshot(page);

  const packDownloads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pack/builtin.qpack')) packDownloads.push(request.url());
  });
  await page.addInitScript(WATCH_FIRST_RUN);

  await page.reload();
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  expect(await firstRunSeen(page)).toBe(false);
  await expect(page.getByRole('heading', { level: 1, name: tr('kk', 'firstRun.title') })).toHaveCount(0);

  await reopenApp();
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  expect(await firstRunSeen(page)).toBe(false);

  expect(packDownloads, 'the built-in pack was read again').toEqual([]);
  // Same pack rows, same import time: nothing was imported again.
  expect(await dbSnapshot(page)).toEqual(before);
});

const LABELS: [string, (lang: Lang) => string][] = [
  ['library title', (lang) => tr(lang, 'library.title')],
  ['import button', (lang) => tr(lang, 'import.button')],
  ['search label', (lang) => tr(lang, 'library.search')],
];

test('the interface language switch changes the labels and is remembered after a restart', async ({ page, openApp, reopenApp }) => {
  await openApp('kk');
  const switcher = page.getByRole('group', { name: tr('kk', 'app.languageLabel') });
  await expect(switcher.getByRole('button', { name: tr('kk', 'lang.kk'), exact: true })).toHaveAttribute('aria-pressed', 'true');

  const expectLabels = async (lang: Lang) => {
    await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'library.title') })).toBeVisible();
    await expect(page.getByRole('button', { name: tr(lang, 'import.button') })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: tr(lang, 'library.search') })).toBeVisible();
    await expect(page.getByRole('combobox', { name: tr(lang, 'library.filterTopic'), exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page).toHaveTitle(`${tr(lang, 'app.name')} — ${tr(lang, 'app.tagline')}`);
    await expect(page.getByRole('group', { name: tr(lang, 'app.languageLabel') }).getByRole('button', { name: tr(lang, `lang.${lang}`), exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // With no language filter the cards show each lesson in the interface language.
    for (const lesson of BUILTIN_LESSONS) {
      await expect(cards(page).getByRole('link', { name: lesson.versions[lang].title, exact: true })).toBeVisible();
    }
  };
  // The labels really differ between the languages, or this test would prove nothing.
  for (const [what, label] of LABELS) expect(new Set(LANGS.map(label)).size, what).toBe(3);

  for (const lang of ['ru', 'en'] as const) {
    await page.getByRole('button', { name: tr(lang, `lang.${lang}`), exact: true }).click();
    await expectLabels(lang);
    await reopenApp();
    await expectLabels(lang);
  }
});

test('the browser version is served with the app’s Content-Security-Policy as an HTTP header, and without content sniffing', async ({ shellKind, request }) => {
  // The desktop app loads its page from its own files, with the policy in the page: there is no server to ask.
  if (shellKind === 'electron') return;
  const response = await request.get(`${BASE_URL}/`);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  const pack = await request.get(`${BASE_URL}/pack/builtin.qpack`);
  expect(pack.headers()['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
});
