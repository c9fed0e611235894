import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  BUILTIN_LESSONS,
  BUILTIN_PACK_ID,
  cardLink,
  filters,
  fixtureLessonTitle,
  importDialog,
  importFile,
  LANGS,
  lessonBody,
  olderDialog,
  qpack,
  tr,
  type Lang,
} from './support';
import { expectAccessible } from './axe';

for (const lang of LANGS) {
  test(`library (${lang}) has no serious accessibility violations`, async ({ page, openApp }) => {
    await openApp(lang);
    await expectAccessible(page, `the library in ${lang}`);
  });
}

test('library filtered down to no results has no serious accessibility violations', async ({ page, openApp }) => {
  await openApp('en');
  const f = filters(page, 'en');
  await f.language.selectOption({ label: tr('en', 'lang.kk') });
  await f.search.fill('zqxjvw');
  await expect(page.getByText(tr('en', 'library.empty'), { exact: true })).toBeVisible();
  await expectAccessible(page, 'the library with no results');
});

for (const lang of LANGS) {
  test(`reader (${lang}), pupil and teacher view, has no serious accessibility violations`, async ({ page, openApp }) => {
    test.setTimeout(60_000 + BUILTIN_LESSONS.length * 15_000);
    await openApp(lang);
    for (const lesson of BUILTIN_LESSONS) {
      await cardLink(page, lesson.versions[lang].title).click();
      await expect(lessonBody(page).locator('.qb').first()).toBeVisible();
      for (const view of ['pupil', 'teacher'] as const) {
        await page.getByRole('button', { name: tr(lang, `reader.${view}View`) }).click();
        await expect(page.locator('.qb-teacher')).toHaveCount(view === 'teacher' ? lesson.versions[lang].blocks.teacher : 0);
        await expectAccessible(page, `${lesson.id} in ${lang}, ${view} view`);
      }
      await page.getByRole('link', { name: tr(lang, 'reader.back') }).click();
    }
  });
}

test('a lesson that is no longer in the library has no serious accessibility violations', async ({ page, openApp }) => {
  await openApp('en');
  await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/lesson/${BUILTIN_PACK_ID}/no-such-lesson/en`);
  await expect(page.getByRole('alert')).toHaveText(tr('en', 'reader.notFound'));
  await expectAccessible(page, 'the lesson-not-found screen');
});

async function openImportSuccess(page: Page, lang: Lang) {
  await importFile(page, qpack('good'));
  await expect(importDialog(page, lang).getByRole('status')).toBeVisible();
}

test('import success dialog has no serious accessibility violations', async ({ page, openApp }) => {
  await openApp('en');
  await openImportSuccess(page, 'en');
  await expectAccessible(page, 'the import success dialog');
});

test('import failure dialog has no serious accessibility violations', async ({ page, openApp }) => {
  await openApp('kk');
  await importFile(page, qpack('duplicate-id'));
  await expect(importDialog(page, 'kk').getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'the import failure dialog');
});

test('older-version question dialog has no serious accessibility violations', async ({ page, openApp }) => {
  await openApp('ru');
  await importFile(page, qpack('good-v2'));
  await importDialog(page, 'ru').getByRole('button', { name: tr('ru', 'common.close') }).click();
  await importFile(page, qpack('good-v0'));
  await expect(olderDialog(page, 'ru')).toBeVisible();
  await expectAccessible(page, 'the older-version question');
});

test('external-link confirmation has no serious accessibility violations', async ({ page, openApp }) => {
  // The test pack's lesson has a web link (https://www.unicef.org/).
  await openApp('kk');
  await importFile(page, qpack('hostile-markdown'));
  await importDialog(page, 'kk').getByRole('button', { name: tr('kk', 'common.close') }).click();
  await cardLink(page, fixtureLessonTitle('hostile-markdown', 'first-steps', 'kk')).click();
  await lessonBody(page).getByRole('link', { name: 'UNICEF' }).click();
  const dialog = page.getByRole('dialog', { name: tr('kk', 'link.title') });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'the external-link confirmation');
  await dialog.getByRole('button', { name: tr('kk', 'link.cancel') }).click();
  await expect(dialog).toBeHidden();
});
