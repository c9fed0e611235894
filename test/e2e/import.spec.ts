import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  badPackFiles,
  BUILTIN_LESSONS,
  cardLink,
  cards,
  dbSnapshot,
  fixtureLessonTitle,
  fixturePackTitle,
  importDialog,
  importFile,
  lessonBody,
  olderDialog,
  packVersions,
  problemLine,
  qpack,
  tr,
  type Lang,
} from './support';

const KK = 'lessons/first-steps/kk.md';

/** `path:line:col: message`: a problem an author can jump to in an editor. */
const LOCATED = /^[^\s:]+:\d+:\d+: \S/;

/**
 * Fixtures whose problem has a place in a file: at least one listed problem
 * must start with exactly this `path:line:col`. The rest name a file only
 * (manifest, media, zip container) or nothing (not a zip at all).
 */
const LOCATIONS: Record<string, string> = {
  'bad-version.qpack': 'pack.yaml:4:10',
  'duplicate-id.qpack': 'lessons/second-steps/en.md:2:1',
  'empty-objectives.qpack': 'lessons/first-steps/en.md:9:13',
  'empty-title.qpack': 'lessons/first-steps/en.md:3:8',
  'front-matter-missing.qpack': `${KK}:1:1`,
  'front-matter-unclosed.qpack': `${KK}:1:1`,
  'front-matter-unknown-field.qpack': `${KK}:4:1`,
  'id-mismatch.qpack': `${KK}:2:1`,
  'invalid-utf8.qpack': `${KK}:7:21`,
  'manifest-invalid.qpack': 'manifest.json:1:1',
  'minutes-too-small.qpack': `${KK}:6:10`,
  'minutes-wrong-type.qpack': `${KK}:6:10`,
  'missing-media.qpack': `${KK}:21:1`,
  'missing-required.qpack': `${KK}:2:1`,
  'remote-image.qpack': 'lessons/first-steps/en.md:21:1',
  'unclosed-block.qpack': 'lessons/first-steps/en.md:34:1',
  'unknown-block.qpack': 'lessons/first-steps/en.md:38:4',
  'unknown-language.qpack': 'lessons/first-steps/de.md:1:1',
  'wrong-enum.qpack': `${KK}:4:8`,
  'yaml-syntax.qpack': 'pack.yaml:8:1',
};

/** Exactly these lines, in the interface language. */
const EXACT: Record<string, (lang: Lang) => string> = {
  // The detail after the translated prefix comes from the YAML parser, in English.
  'yaml-syntax.qpack': (lang) =>
    problemLine(lang, 'pack.yaml:8:1', 'problem.yaml.syntax', { detail: 'All mapping items must start at the same column' }),
  'front-matter-unknown-field.qpack': (lang) => problemLine(lang, `${KK}:4:1`, 'problem.schema.unknownField', { field: 'colour' }),
  'missing-media.qpack': (lang) => problemLine(lang, `${KK}:21:1`, 'problem.lesson.missingMedia', { src: 'media/lock.png' }),
};

const problems = (page: Page, lang: Lang) => importDialog(page, lang).getByRole('alert').getByRole('listitem');
const closeButton = (page: Page, lang: Lang) => importDialog(page, lang).getByRole('button', { name: tr(lang, 'common.close') });

async function importAndClose(page: Page, lang: Lang, name: string) {
  await importFile(page, qpack(name));
  await expect(importDialog(page, lang).getByRole('status')).toBeVisible();
  await closeButton(page, lang).click();
  await expect(importDialog(page, lang)).toBeHidden();
}

test('the Import lesson pack button opens a file picker for .qpack files', async ({ page, openApp }) => {
  await openApp('en');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: tr('en', 'import.button') }).click();
  const fileChooser = await chooser;
  expect(fileChooser.isMultiple()).toBe(false);
  expect(await fileChooser.element().getAttribute('accept')).toMatch(/\.qpack/);
  await fileChooser.setFiles(qpack('good'));
  await expect(importDialog(page, 'en').getByRole('status')).toBeVisible();
});

test('importing good.qpack says the pack was added and the library gains its 2 lessons', async ({ page, openApp }) => {
  await openApp('en');
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  const before = await dbSnapshot(page);

  await importFile(page, qpack('good'));
  const dialog = importDialog(page, 'en');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(
    tr('en', 'import.added', { title: fixturePackTitle('good', 'en'), version: '1.0.0', count: 2 }),
  );
  await closeButton(page, 'en').click();
  await expect(dialog).toBeHidden();

  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length + 2);
  for (const id of ['first-steps', 'safe-passwords']) {
    await expect(cardLink(page, fixtureLessonTitle('good', id, 'en'))).toBeVisible();
  }
  const after = await dbSnapshot(page);
  expect(packVersions(after)).toEqual([...packVersions(before), 'fixture-good@1.0.0'].sort());
  expect(after.counts['lessons']).toBe((before.counts['lessons'] ?? 0) + 6);

  // A pack filter appears once there is more than one pack.
  await expect(page.getByRole('combobox', { name: tr('en', 'library.filterPack'), exact: true })).toBeVisible();
});

test('importing good-v2.qpack over good.qpack says it was updated from 1.0.0 to 1.1.0', async ({ page, openApp }) => {
  await openApp('en');
  await importAndClose(page, 'en', 'good');

  await importFile(page, qpack('good-v2'));
  await expect(importDialog(page, 'en').getByRole('status')).toHaveText(
    tr('en', 'import.updated', { title: fixturePackTitle('good-v2', 'en'), from: '1.0.0', to: '1.1.0' }),
  );
  await closeButton(page, 'en').click();

  // Still 2 lessons, now the new versions.
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length + 2);
  await expect(cardLink(page, fixtureLessonTitle('good-v2', 'first-steps', 'en'))).toBeVisible();
  await expect(cardLink(page, fixtureLessonTitle('good', 'first-steps', 'en'))).toHaveCount(0);
  expect(packVersions(await dbSnapshot(page))).toContain('fixture-good@1.1.0');
});

test('importing the older good-v0.qpack asks first, and "Keep version 1.1.0" keeps 1.1.0', async ({ page, openApp }) => {
  await openApp('en');
  await importAndClose(page, 'en', 'good-v2');
  const before = await dbSnapshot(page);

  await importFile(page, qpack('good-v0'));
  const question = olderDialog(page, 'en');
  await expect(question).toBeVisible();
  await expect(question).toContainText(
    tr('en', 'import.olderBody', { installed: '1.1.0', incoming: '0.9.0', title: fixturePackTitle('good-v0', 'en'), name: 'good-v0.qpack' }),
  );
  await expect(question.getByRole('button', { name: tr('en', 'import.olderReplace', { incoming: '0.9.0' }) })).toBeVisible();
  await question.getByRole('button', { name: tr('en', 'import.olderKeep', { installed: '1.1.0' }) }).click();
  await expect(question).toBeHidden();

  await expect(importDialog(page, 'en').getByRole('status')).toHaveText(
    tr('en', 'import.cancelled', { title: fixturePackTitle('good-v2', 'en'), version: '1.1.0' }),
  );
  await closeButton(page, 'en').click();

  await expect(cardLink(page, fixtureLessonTitle('good-v2', 'first-steps', 'en'))).toBeVisible();
  expect(await dbSnapshot(page)).toEqual(before);
});

test('importing the older good-v0.qpack and choosing "Replace" installs 0.9.0', async ({ page, openApp }) => {
  await openApp('en');
  await importAndClose(page, 'en', 'good-v2');

  await importFile(page, qpack('good-v0'));
  await olderDialog(page, 'en').getByRole('button', { name: tr('en', 'import.olderReplace', { incoming: '0.9.0' }) }).click();
  await expect(importDialog(page, 'en').getByRole('status')).toHaveText(
    tr('en', 'import.updated', { title: fixturePackTitle('good-v0', 'en'), from: '1.1.0', to: '0.9.0' }),
  );
  await closeButton(page, 'en').click();
  await expect(cardLink(page, fixtureLessonTitle('good-v0', 'first-steps', 'en'))).toBeVisible();
  expect(packVersions(await dbSnapshot(page))).toContain('fixture-good@0.9.0');
});

/** Imports a pack that must be refused and checks what the teacher is told, and that nothing changed. */
async function expectRefused(page: Page, lang: Lang, path: string) {
  const name = basename(path);
  const before = await dbSnapshot(page);
  const cardCount = await cards(page).count();

  await importFile(page, path);
  const alert = importDialog(page, lang).getByRole('alert');
  await expect(alert, `${name} is refused`).toBeVisible();
  await expect.soft(alert.getByText(tr(lang, 'import.failed', { name }), { exact: true })).toBeVisible();
  const lines = (await problems(page, lang).allTextContents()).map((l) => l.trim());
  expect.soft(lines.length, `${name}: problems listed`).toBeGreaterThan(0);
  expect.soft(lines.every((l) => l.length > 0)).toBe(true);
  await expect.soft(alert.getByText(tr(lang, 'import.problemCount', { count: lines.length }), { exact: true })).toBeVisible();
  const location = LOCATIONS[name];
  if (location) {
    expect.soft(lines.filter((l) => LOCATED.test(l)), `${name}: a path:line:col: message line`).not.toEqual([]);
    expect.soft(lines.some((l) => l.startsWith(`${location}: `)), `${name}: a problem at ${location} in ${JSON.stringify(lines)}`).toBe(true);
  }
  const exact = EXACT[name];
  if (exact) expect.soft(lines, `${name}: the exact problem`).toContain(exact(lang));

  await closeButton(page, lang).click();
  await expect(importDialog(page, lang)).toBeHidden();
  await expect(cards(page)).toHaveCount(cardCount);
  expect.soft(await dbSnapshot(page), `${name}: the database is unchanged`).toEqual(before);
}

const BAD = badPackFiles();

test('the fixture lists hold the bad packs this suite expects', () => {
  const names = BAD.map((f) => f.name);
  for (const name of [...Object.keys(LOCATIONS), ...Object.keys(EXACT)]) expect(names).toContain(name);
  expect(names).toContain('not-a-zip.qpack');
  expect(names).not.toContain('zip64.qpack');
});

// One test per fixture folder; each file is a step, so one report lists every file that was not refused properly.
for (const [group, files] of [
  ['broken packs (test/fixtures/packs/qpack)', BAD.filter((f) => !f.path.includes('/zips/'))],
  ['hostile zip files (test/fixtures/zips)', BAD.filter((f) => f.path.includes('/zips/'))],
] as const) {
  test(`each of the ${group} is refused with its problems listed, and the library is unchanged`, async ({ page, openApp }) => {
    test.setTimeout(60_000 + files.length * 5_000);
    await openApp('en');
    // A pack already in the library must survive every failed import untouched.
    await importAndClose(page, 'en', 'good');
    for (const file of files) {
      await test.step(file.name, () => expectRefused(page, 'en', file.path));
    }
  });
}

for (const lang of ['kk', 'ru'] as const) {
  test(`a failed import is explained in ${lang === 'kk' ? 'Kazakh' : 'Russian'}`, async ({ page, openApp }) => {
    await openApp(lang);
    await expectRefused(page, lang, qpack('missing-media'));
    await expectRefused(page, lang, qpack('front-matter-unknown-field'));
    await expectRefused(page, lang, qpack('yaml-syntax'));
    // The dialog itself speaks the language too.
    await importFile(page, qpack('missing-media'));
    await expect(importDialog(page, lang).getByRole('heading', { name: tr(lang, 'import.title') })).toBeVisible();
    await expect(importDialog(page, lang).getByRole('alert')).toContainText(tr(lang, 'import.failed', { name: 'missing-media.qpack' }));
    await expect(problems(page, lang)).toHaveText([problemLine(lang, `${KK}:21:1`, 'problem.lesson.missingMedia', { src: 'media/lock.png' })]);
  });
}

test('hostile-markdown.qpack imports, and its lesson shows no active content', async ({ page, openApp }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await openApp('en');
  await importFile(page, qpack('hostile-markdown'));
  await expect(importDialog(page, 'en').getByRole('status')).toHaveText(
    tr('en', 'import.added', { title: fixturePackTitle('hostile-markdown', 'en'), version: '1.0.0', count: 1 }),
  );
  await closeButton(page, 'en').click();

  const title = fixtureLessonTitle('hostile-markdown', 'first-steps', 'en');
  await cardLink(page, title).click();
  const body = lessonBody(page);
  await expect(body.getByText('This paragraph is safe and must stay visible.')).toBeVisible();
  await expect(body.getByText('The last paragraph is safe too')).toBeVisible();

  for (const view of ['pupilView', 'teacherView'] as const) {
    await page.getByRole('button', { name: tr('en', `reader.${view}`) }).click();
    await expect(body.getByText('The last paragraph is safe too')).toBeVisible();
    await expect(body.locator('script, iframe, object, embed, form, input, style, link, meta, base, svg, math, frame, frameset')).toHaveCount(0);
    const report = await body.evaluate((root) => {
      interface El {
        tagName: string;
        attributes: ArrayLike<{ name: string; value: string }>;
        querySelectorAll(s: string): ArrayLike<El>;
        getAttribute(n: string): string | null;
      }
      const all = Array.from((root as El).querySelectorAll('*'));
      return {
        handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
        badUrls: all.flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => /^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value))
            .map((a) => `${el.tagName}[${a.name}=${a.value}]`),
        ),
        styles: all.filter((el) => el.getAttribute('style') !== null).map((el) => el.tagName),
        images: all.filter((el) => el.tagName === 'IMG').map((el) => el.getAttribute('src') ?? ''),
      };
    });
    expect(report.handlers, 'on* attributes').toEqual([]);
    expect(report.badUrls, 'javascript:/vbscript:/data: URLs').toEqual([]);
    expect(report.styles, 'inline styles').toEqual([]);
    for (const src of report.images) expect(src).toMatch(/^blob:/);
  }

  // The would-be links are plain text: clicking them does nothing.
  for (const text of ['click', 'x', 'd', 'also']) {
    const target = body.getByText(text, { exact: true });
    if ((await target.count()) > 0) await target.first().click();
  }
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/#\/lesson\/fixture-hostile\/first-steps\/en$/);
  expect(dialogs, 'dialogs opened by the lesson').toEqual([]);
});

test('a web link in a lesson opens in the browser only after the user says yes', async ({ page, openApp, shellKind }) => {
  await openApp('en');
  await importAndClose(page, 'en', 'hostile-markdown');
  await cardLink(page, fixtureLessonTitle('hostile-markdown', 'first-steps', 'en')).click();
  const link = lessonBody(page).getByRole('link', { name: 'UNICEF' });
  const question = page.getByRole('dialog', { name: tr('en', 'link.title') });

  // Asked first, with the address shown; "Stay here" leaves the reader where it was.
  await link.click();
  await expect(question).toBeVisible();
  await expect(question).toContainText(tr('en', 'link.body', { url: 'https://www.unicef.org/' }));
  await question.getByRole('button', { name: tr('en', 'link.cancel') }).click();
  await expect(question).toBeHidden();
  await expect(page).toHaveURL(/#\/lesson\/fixture-hostile\/first-steps\/en$/);
  expect(page.context().pages()).toHaveLength(1);

  // The keyboard works the same way, and Escape also says no.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();

  if (shellKind === 'browser') {
    // "Open in browser": a new browser tab with the address, the app stays as it was.
    await page.context().route('https://www.unicef.org/**', (route) => route.fulfill({ body: 'ok', contentType: 'text/plain' }));
    await link.click();
    const opened = page.context().waitForEvent('page');
    await question.getByRole('button', { name: tr('en', 'link.open') }).click();
    const tab = await opened;
    await tab.waitForURL('https://www.unicef.org/');
    await expect(page).toHaveURL(/#\/lesson\/fixture-hostile\/first-steps\/en$/);
  }
});
