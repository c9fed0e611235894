/**
 * Usage statistics as a school meets them: off until the administrator
 * switches them on with the administrator's code; a day's use becomes counts
 * after midnight and reaches a real collector over HTTP on loopback, once;
 * a school without internet carries the same counts in a file, which the
 * collector counts once however often it is uploaded. The clock is
 * Playwright's, so "after midnight" takes no waiting.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import { buildServer } from '../../src/collector/server';
import { openSqlite } from '../../src/collector/sqlite';
import { hashToken, type Storage } from '../../src/collector/storage';
import { readStatsFile } from '../../src/core/stats/file';
import { buildQpack } from '../../src/core/pack/build';
import { generateAdminCode } from '../../src/core/classroom/pin';
import { MIN_COUNT } from '../../src/core/stats/schema';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { BUILTIN_PACK_ID, builtinLesson, fixturePackTitle, importFile, LANGS, ROOT, tr, type Lang } from './support';

const PIN = '582614';
const LESSON_ID = 'cyberbullying-bystander';
/** A Monday morning, in the PC's own time zone. */
const MONDAY = new Date(2026, 2, 2, 9, 0, 0);

const main = (page: Page) => page.getByRole('main');
const nav = (page: Page, lang: Lang) => page.getByRole('navigation', { name: tr(lang, 'nav.label') });

interface Collector {
  origin: string;
  token: string;
  storage: Storage;
  /** The collector's CSV export by item, as the ministry downloads it: "pack,item,metric" → count. */
  byItem(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
  const storage = openSqlite(':memory:');
  await storage.addRegion('ALM', 'Almaty');
  await storage.addSchool('ALM', 'ALM-0042', 'School No. 42');
  const token = String(await storage.addToken('ALM-0042'));
  const app = buildServer({ storage, rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = app.listeningOrigin;
  return {
    origin,
    token,
    storage,
    async byItem() {
      const csv = await (await fetch(`${origin}/export.csv?by=item`)).text();
      const rows = csv.trimEnd().split('\r\n').slice(1);
      return new Map(
        rows.map((line) => {
          const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
          return [cells.slice(0, -1).join(','), Number(cells.at(-1))] as const;
        }),
      );
    },
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

async function setUpTeacher(page: Page, lang: Lang): Promise<string> {
  await nav(page, lang).getByRole('link', { name: tr(lang, 'nav.classroom') }).click();
  await page.getByLabel(tr(lang, 'classroom.newPin'), { exact: true }).fill(PIN);
  await page.getByLabel(tr(lang, 'classroom.newPinAgain'), { exact: true }).fill(PIN);
  await page.getByRole('button', { name: tr(lang, 'classroom.setupButton') }).click();
  const code = main(page).locator('.code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, { timeout: 20_000 });
  const adminCode = (await code.textContent()) ?? '';
  await page.getByLabel(tr(lang, 'classroom.adminCodeKept')).check();
  await page.getByRole('button', { name: tr(lang, 'classroom.continue') }).click();
  await expect(page.getByRole('heading', { name: tr(lang, 'classroom.classes') })).toBeVisible();
  return adminCode;
}

async function unlock(page: Page, lang: Lang): Promise<void> {
  await nav(page, lang).getByRole('link', { name: tr(lang, 'nav.classroom') }).click();
  await page.getByLabel(tr(lang, 'classroom.pin'), { exact: true }).fill(PIN);
  await page.getByRole('button', { name: tr(lang, 'classroom.unlock') }).click();
  await expect(page.getByRole('heading', { name: tr(lang, 'classroom.classes') })).toBeVisible({ timeout: 20_000 });
}

async function openSettings(page: Page, lang: Lang): Promise<void> {
  await nav(page, lang).getByRole('link', { name: tr(lang, 'nav.classroom') }).click();
  await main(page).getByRole('link', { name: tr(lang, 'stats.open') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'stats.title') })).toBeFocused();
}

async function switchOn(page: Page, lang: Lang, url: string, token: string, adminCode: string): Promise<void> {
  await page.getByLabel(tr(lang, 'stats.url'), { exact: true }).fill(url);
  await page.getByLabel(tr(lang, 'stats.token'), { exact: true }).fill(token);
  await page.getByLabel(tr(lang, 'classroom.adminCode'), { exact: true }).fill(adminCode);
  await page.getByRole('button', { name: tr(lang, 'stats.switchOn') }).click();
  await expect(page.getByRole('status').filter({ hasText: tr(lang, 'stats.switchedOn') })).toBeVisible({ timeout: 20_000 });
}

/** Opens the lesson from the library `times` times, as pupils at several PCs would, and goes back each time. */
async function openLesson(page: Page, lang: Lang, times: number): Promise<void> {
  const title = builtinLesson(LESSON_ID).versions[lang].title;
  for (let i = 0; i < times; i++) {
    await nav(page, lang).getByRole('link', { name: tr(lang, 'nav.lessons') }).click();
    await main(page).getByRole('link', { name: title }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }
}

test('statistics are off until the administrator switches them on; a day’s lessons reach the real collector after midnight, counted once', async ({
  page,
  openApp,
  reopenApp,
  shellKind,
}) => {
  const lang: Lang = 'en';
  const collector = await startCollector();
  try {
    await page.clock.install({ time: MONDAY });
    await openApp(lang);
    if (shellKind === 'electron') await reopenApp(); // the clock takes over at the next load

    // Off by default: this opening is never counted.
    await openLesson(page, lang, 1);
    const adminCode = await setUpTeacher(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.stateOff'), { exact: true })).toBeVisible();
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.nothingToSend'))).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.notCountedYet', { n: 1 }).trim())).toHaveCount(0);
    await expectAccessible(page, 'statistics settings, off');

    // A collector on the internet must use https; a wrong administrator's code switches nothing on.
    await page.getByLabel(tr(lang, 'stats.url'), { exact: true }).fill('http://stats.example.kz');
    await page.getByLabel(tr(lang, 'stats.token'), { exact: true }).fill(collector.token);
    await page.getByRole('button', { name: tr(lang, 'stats.switchOn') }).click();
    await expect(main(page).getByText(tr(lang, 'problem.stats.url.needsTls'))).toBeVisible();
    await expect(page.getByLabel(tr(lang, 'stats.url'), { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel(tr(lang, 'stats.url'), { exact: true }).fill(collector.origin);
    await page.getByLabel(tr(lang, 'classroom.adminCode'), { exact: true }).fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: tr(lang, 'stats.switchOn') }).click();
    await expect(main(page).locator('#stats-admin-error')).toBeVisible({ timeout: 20_000 });
    await expect(main(page).getByText(tr(lang, 'stats.stateOff'), { exact: true })).toBeVisible();

    await switchOn(page, lang, collector.origin, collector.token, adminCode);
    await expect(main(page).getByText(tr(lang, 'stats.stateOn'), { exact: true })).toBeVisible();
    await expectAccessible(page, 'statistics settings, on');

    // Monday: the lesson opened five times. Nothing leaves before the day is over.
    await openLesson(page, lang, MIN_COUNT);
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.notCountedYet', { n: MIN_COUNT }))).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.nothingToSend'))).toBeVisible();
    expect(await collector.storage.summary()).toMatchObject({ batches: 0 });

    // Tuesday morning: the day is counted at midnight and sent at once.
    await page.clock.fastForward('24:00:00');
    await expect.poll(async () => (await collector.storage.summary()).batches, { timeout: 20_000 }).toBe(1);
    const counts = await collector.byItem();
    expect(counts.get(`${BUILTIN_PACK_ID},${LESSON_ID},lesson.opened`)).toBe(MIN_COUNT);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(MIN_COUNT);

    // The page says so, and nothing is left to send.
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.nothingToSend'))).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.notCountedYet', { n: 1 }).trim())).toHaveCount(0);

    // Restarting the app sends nothing twice; the teacher's side is locked again.
    await reopenApp();
    await unlock(page, lang);
    await openSettings(page, lang);
    await page.getByRole('button', { name: tr(lang, 'stats.switchOff') }).click();
    await expect(page.getByRole('status').filter({ hasText: tr(lang, 'stats.switchedOff') })).toBeVisible();
    expect(await collector.storage.summary()).toMatchObject({ batches: 1, total: MIN_COUNT });
  } finally {
    await collector.close();
  }
});

test('a school without internet exports the counts to a file; the collector counts an upload twice once; confirming delivery empties the outbox', async ({
  page,
  openApp,
  reopenApp,
  shellKind,
}) => {
  const lang: Lang = 'ru';
  const collector = await startCollector();
  try {
    await page.clock.install({ time: MONDAY });
    await openApp(lang);
    if (shellKind === 'electron') await reopenApp();
    const adminCode = await setUpTeacher(page, lang);
    await openSettings(page, lang);
    // The ministry's collector on the internet: never reached from this test.
    await switchOn(page, lang, 'https://stats.example.kz', collector.token, adminCode);
    await openLesson(page, lang, MIN_COUNT + 1);
    await page.clock.fastForward('24:00:00');

    // What the next send contains, readably, in the interface language.
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.nextSummary', { batches: 1, rows: 1, from: '2026-03-02', to: '2026-03-02' }))).toBeVisible();
    const totals = main(page).getByRole('table', { name: tr(lang, 'stats.byMetric') });
    await expect(totals.getByRole('row', { name: `${tr(lang, 'stats.metric.lesson.opened')} ${MIN_COUNT + 1}` })).toBeVisible();
    await main(page).getByText(tr(lang, 'stats.everyRow', { rows: 1 })).click();
    const row = main(page).getByRole('table', { name: tr(lang, 'stats.everyRowCaption') }).getByRole('row').nth(1);
    await expect(row).toContainText(LESSON_ID);
    await expect(row).toContainText(String(MIN_COUNT + 1));
    await expectAccessible(page, 'statistics, what the next send contains');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr(lang, 'stats.exportFile') }).click()]);
    await expect(page.getByRole('status').filter({ hasText: tr(lang, 'stats.exported', { batches: 1 }) })).toBeVisible();
    const read = readStatsFile(readFileSync(await download.path(), 'utf8'));
    if (!read.ok) throw new Error(`not a statistics file: ${read.reason}`);
    expect(read.file.batches).toHaveLength(1);
    expect(read.file.batches[0]?.counts).toEqual([
      { day: '2026-03-02', packId: BUILTIN_PACK_ID, packVersion: expect.any(String), metric: 'lesson.opened', item: LESSON_ID, lang, count: MIN_COUNT + 1 },
    ]);
    // Nothing about a pupil, a name or the school in the file: only the schema's fields.
    expect(Object.keys(read.file.batches[0] ?? {}).sort()).toEqual(['appVersion', 'counts', 'format', 'install', 'key', 'uiLanguage', 'version']);

    // Exported is not delivered: after a restart the batch is still waiting, and the confirmation is still offered.
    await reopenApp();
    await unlock(page, lang);
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.nextSummary', { batches: 1, rows: 1, from: '2026-03-02', to: '2026-03-02' }))).toBeVisible();

    // At the district: the file uploaded twice counts once.
    const upload = () =>
      fetch(`${collector.origin}/api/v1/files`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${collector.token}` },
        body: JSON.stringify(read.file),
      }).then((r) => r.json() as Promise<{ stored: number; duplicate: number }>);
    expect(await upload()).toMatchObject({ stored: 1, duplicate: 0 });
    expect(await upload()).toMatchObject({ stored: 0, duplicate: 1 });
    expect((await collector.byItem()).get(`${BUILTIN_PACK_ID},${LESSON_ID},lesson.opened`)).toBe(MIN_COUNT + 1);

    // Back at school: the administrator confirms, and the outbox is empty.
    await page.getByRole('button', { name: tr(lang, 'stats.markDelivered') }).click();
    const dialog = page.getByRole('dialog', { name: tr(lang, 'stats.confirmTitle') });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'statistics, confirm delivery');
    await dialog.getByRole('button', { name: tr(lang, 'stats.confirmYes') }).click();
    await expect(page.getByRole('status').filter({ hasText: tr(lang, 'stats.markedDelivered', { batches: 1 }) })).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.nothingToSend'))).toBeVisible();
    await expect(page.getByRole('button', { name: tr(lang, 'stats.exportFile') })).toBeDisabled();
  } finally {
    await collector.close();
  }
});

test('a revoked school token stops the sending and says what to do; with a new token the waiting counts arrive, once', async ({
  page,
  openApp,
  reopenApp,
  shellKind,
  pageErrors,
}) => {
  const lang: Lang = 'kk';
  const collector = await startCollector();
  try {
    await page.clock.install({ time: MONDAY });
    await openApp(lang);
    if (shellKind === 'electron') await reopenApp();
    const adminCode = await setUpTeacher(page, lang);
    await openSettings(page, lang);
    await switchOn(page, lang, collector.origin, collector.token, adminCode);
    await openLesson(page, lang, MIN_COUNT);

    // The ministry revokes the token (a stolen PC); the day's counts wait on this PC.
    await collector.storage.revokeToken({ hash: hashToken(collector.token) });
    await page.clock.fastForward('24:00:00');
    await openSettings(page, lang);
    await expect(main(page).getByText(tr(lang, 'stats.tokenRefused'))).toBeVisible({ timeout: 20_000 });
    await expect(main(page).getByText(tr(lang, 'stats.nextSummary', { batches: 1, rows: 1, from: '2026-03-02', to: '2026-03-02' }))).toBeVisible();
    await expect(main(page).getByRole('heading', { name: tr(lang, 'stats.refusedTitle') })).toHaveCount(0);
    await expectAccessible(page, 'statistics, token refused');
    expect(await collector.storage.summary()).toMatchObject({ batches: 0 });

    // A new token from the collector, entered by the administrator: the waiting batch goes at once.
    const fresh = await collector.storage.addToken('ALM-0042');
    await page.getByLabel(tr(lang, 'stats.token'), { exact: true }).fill(fresh);
    await page.getByLabel(tr(lang, 'classroom.adminCode'), { exact: true }).fill(adminCode);
    await page.getByRole('button', { name: tr(lang, 'stats.save') }).click();
    await expect(page.getByRole('status').filter({ hasText: tr(lang, 'stats.saved') })).toBeVisible({ timeout: 20_000 });
    await expect.poll(async () => (await collector.storage.summary()).batches, { timeout: 20_000 }).toBe(1);
    await expect(main(page).getByText(tr(lang, 'stats.nothingToSend'))).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.tokenRefused'))).toHaveCount(0);
    expect((await collector.byItem()).get(`${BUILTIN_PACK_ID},${LESSON_ID},lesson.opened`)).toBe(MIN_COUNT);
  } finally {
    await collector.close();
  }
  // In the browser version the page itself asked, and the browser reports the collector's 401 on the console:
  // that is the refusal this test provoked. Any other error still fails the test.
  for (let i = pageErrors.length - 1; i >= 0; i--) if (/status of 401 \(Unauthorized\)/.test(pageErrors[i]!)) pageErrors.splice(i, 1);
});

for (const lang of LANGS) {
  test(`${lang}: the page on what may leave the PC is there for anyone, readable and accessible`, async ({ page, openApp }) => {
    await openApp(lang);
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/statistics/about'));
    await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'stats.about.title') })).toBeFocused();
    await expect(main(page).getByText(tr(lang, 'stats.stateOff'), { exact: true })).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.about.small', { min: MIN_COUNT }))).toBeVisible();
    await expect(main(page).getByText(tr(lang, 'stats.about.never.pupils'))).toBeVisible();
    await expectAccessible(page, `what may leave the PC (${lang})`);
    // Without the teacher's PIN the settings stay closed: the address shows the teacher's door.
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/statistics'));
    await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'classroom.title') })).toBeVisible();
    await expect(page.getByLabel(tr(lang, 'stats.url'), { exact: true })).toHaveCount(0);
  });
}

/** The good fixture pack as a ministry might hand it out, suggesting where its schools' statistics go. */
async function packSuggesting(collector: string): Promise<Uint8Array> {
  const root = join(ROOT, 'test', 'fixtures', 'packs', 'good');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  const files = walk(root).map((path) => {
    const rel = relative(root, path).split('\\').join('/');
    let bytes: Uint8Array = readFileSync(path);
    if (rel === 'pack.yaml') bytes = new TextEncoder().encode(`${readFileSync(path, 'utf8').trimEnd()}\nstatistics:\n  collector: ${collector}\n`);
    return { path: rel, bytes };
  });
  return buildQpack(files.filter((f) => f.path !== 'manifest.json'));
}

test('a collector address a pack suggests is shown as the pack’s suggestion, and switching on still needs the administrator’s code', async ({ page, openApp }, info) => {
  const lang: Lang = 'ru';
  await openApp(lang);
  const suggested = 'https://stats.example.kz/qorgau';
  const path = info.outputPath('ministry.qpack');
  writeFileSync(path, await packSuggesting(suggested));
  await importFile(page, path);
  await expect(page.getByRole('dialog').getByRole('status')).toContainText(fixturePackTitle('good', lang));
  await page.getByRole('dialog').getByRole('button', { name: tr(lang, 'common.close') }).click();
  await setUpTeacher(page, lang);
  await openSettings(page, lang);
  await expect(page.getByLabel(tr(lang, 'stats.url'), { exact: true })).toHaveValue(suggested);
  await expect(main(page).getByText(tr(lang, 'stats.urlFromPack', { pack: fixturePackTitle('good', lang) }))).toBeVisible();
  await expectAccessible(page, 'statistics settings with a suggested address');
  // The suggestion switches nothing on by itself, and not without the administrator's code.
  await expect(main(page).getByText(tr(lang, 'stats.stateOff'), { exact: true })).toBeVisible();
  await page.getByLabel(tr(lang, 'stats.token'), { exact: true }).fill('a'.repeat(43));
  await page.getByLabel(tr(lang, 'classroom.adminCode'), { exact: true }).fill(generateAdminCode());
  await page.getByRole('button', { name: tr(lang, 'stats.switchOn') }).click();
  await expect(main(page).locator('#stats-admin-error')).toBeVisible({ timeout: 20_000 });
  await expect(main(page).getByText(tr(lang, 'stats.stateOff'), { exact: true })).toBeVisible();
});
