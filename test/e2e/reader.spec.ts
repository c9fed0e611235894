import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  BLOCK_KINDS,
  BUILTIN_LESSONS,
  BUILTIN_PACK_ID,
  builtinLesson,
  cardLink,
  cards,
  fontSize,
  LANGS,
  lessonBody,
  tabTo,
  tr,
  type Lang,
} from './support';

/** The reader's title: the heading at the top of the lesson, above its details line. */
const lessonHeading = (page: Page, title: string) =>
  page.getByRole('main').getByRole('article').locator('header').getByRole('heading', { level: 1, name: title, exact: true });
const viewButton = (page: Page, ui: Lang, view: 'pupil' | 'teacher') =>
  page.getByRole('group', { name: tr(ui, 'reader.view') }).getByRole('button', { name: tr(ui, `reader.${view}View`) });

/** The lesson's image: one of the pack's media, shown from a blob: URL, and really decoded. */
async function expectImagesLoaded(page: Page, count: number) {
  const images = lessonBody(page).locator('img');
  await expect(images).toHaveCount(count);
  for (const img of await images.all()) {
    await expect(img).toHaveAttribute('src', /^blob:/);
    await expect(img).toHaveAttribute('alt', /\S/);
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el: unknown) => (el as { complete: boolean; naturalWidth: number }).naturalWidth), {
        message: 'the image decoded (naturalWidth > 0)',
      })
      .toBeGreaterThan(0);
  }
}

test('the built-in lessons show every kind of block, tables and pictures somewhere, so the sweep below checks them all', () => {
  for (const kind of BLOCK_KINDS) expect(BUILTIN_LESSONS.some((l) => l.versions.en.blocks[kind] > 0), kind).toBe(true);
  expect(BUILTIN_LESSONS.some((l) => l.versions.en.tables > 0)).toBe(true);
  for (const lesson of BUILTIN_LESSONS) {
    expect(lesson.versions.en.images, `${lesson.id} has a picture`).toBeGreaterThan(0);
    expect(lesson.versions.en.blocks.teacher, `${lesson.id} has teacher notes`).toBeGreaterThan(0);
  }
});

for (const lang of LANGS) {
  test(`every lesson in ${lang} opens from the library whole: tables, pictures, labelled blocks; teacher notes only in teacher view`, async ({ page, openApp }) => {
    test.setTimeout(60_000 + BUILTIN_LESSONS.length * 15_000);
    await openApp(lang);
    for (const lesson of BUILTIN_LESSONS) {
      const version = lesson.versions[lang];
      await cardLink(page, version.title).click();

      await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/${lesson.id}/${lang}$`));
      await expect(lessonHeading(page, version.title)).toBeVisible();
      await expect(lessonHeading(page, version.title)).toBeFocused();
      await expect(page.locator('.reader-layout')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('complementary', { name: tr(lang, 'reader.objectives') })).toBeVisible();

      // Tables with a header row.
      await expect(lessonBody(page).getByRole('table')).toHaveCount(version.tables);
      if (version.tables) await expect(lessonBody(page).getByRole('table').first().getByRole('columnheader').first()).toBeVisible();

      await expectImagesLoaded(page, version.images);

      // Tip, warning, question and activity blocks, labelled in the lesson's language.
      for (const kind of BLOCK_KINDS.filter((k) => k !== 'teacher')) {
        const blocks = lessonBody(page).locator(`.qb-${kind}`);
        await expect(blocks, `${lesson.id}: ${kind} blocks`).toHaveCount(version.blocks[kind]);
        if (version.blocks[kind]) await expect(blocks.first().locator('.qb-kind')).toHaveText(tr(lang, `block.${kind}`));
      }

      // The title is shown once, as the page's one level-1 heading (soft, so that the rest is still checked).
      expect.soft(await page.getByRole('heading', { level: 1 }).allTextContents(), `${lesson.id}: level-1 headings`).toEqual([version.title]);
      expect.soft(await page.getByText(version.title, { exact: true }).count(), `${lesson.id}: times the title is shown`).toBe(1);

      // Pupil view is the default: no teacher notes at all, not even hidden.
      await expect(viewButton(page, lang, 'pupil')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('.qb-teacher')).toHaveCount(0);
      await expect(lessonBody(page).getByText(tr(lang, 'block.teacher'), { exact: true })).toHaveCount(0);

      await viewButton(page, lang, 'teacher').click();
      await expect(viewButton(page, lang, 'teacher')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('.qb-teacher')).toHaveCount(version.blocks.teacher);
      await expect(page.locator('.qb-teacher').first().locator('.qb-kind')).toHaveText(tr(lang, 'block.teacher'));
      // The pupil blocks are still there in teacher view.
      for (const kind of BLOCK_KINDS.filter((k) => k !== 'teacher')) {
        await expect(lessonBody(page).locator(`.qb-${kind}`)).toHaveCount(version.blocks[kind]);
      }

      await viewButton(page, lang, 'pupil').click();
      await expect(page.locator('.qb-teacher')).toHaveCount(0);
      await page.getByRole('link', { name: tr(lang, 'reader.back') }).click();
    }
  });
}

test('the text-size buttons make the lesson text larger and smaller, and the size is remembered', async ({ page, openApp, reopenApp }) => {
  await openApp('en');
  const lesson = builtinLesson('privacy-personal-data');
  await cardLink(page, lesson.versions.en.title).click();
  await expect(lessonHeading(page, lesson.versions.en.title)).toBeVisible();

  const paragraph = lessonBody(page).locator('p').first();
  const size = () => fontSize(paragraph);
  const group = page.getByRole('group', { name: tr('en', 'reader.textSize') });
  const larger = group.getByRole('button', { name: tr('en', 'reader.larger') });
  const smaller = group.getByRole('button', { name: tr('en', 'reader.smaller') });

  const start = await size();
  expect(start).toBeGreaterThan(0);
  await expect(smaller).toBeDisabled();
  await expect(group.locator('output')).toHaveText('100%');

  await larger.click();
  await expect.poll(size).toBeGreaterThan(start);
  const once = await size();
  await larger.click();
  await expect.poll(size).toBeGreaterThan(once);
  const twice = await size();
  await expect(group.locator('output')).not.toHaveText('100%');
  // The heading and the side panel grow with the text.
  const headingSize = await fontSize(lessonHeading(page, lesson.versions.en.title));
  expect(headingSize).toBeGreaterThan(twice);

  await smaller.click();
  await expect.poll(size).toBeCloseTo(once, 1);

  await reopenApp();
  await cardLink(page, lesson.versions.en.title).click();
  await expect(lessonHeading(page, lesson.versions.en.title)).toBeVisible();
  await expect.poll(size).toBeCloseTo(once, 1);
});

test('the language links in the reader switch the lesson to another language', async ({ page, openApp }) => {
  await openApp('kk');
  const lesson = builtinLesson('strangers-online');
  await cardLink(page, lesson.versions.kk.title).click();
  await expect(lessonHeading(page, lesson.versions.kk.title)).toBeVisible();

  const links = page.getByRole('group', { name: tr('kk', 'reader.lessonLanguage') });
  await expect(links.getByRole('link')).toHaveCount(LANGS.length);
  await expect(links.getByRole('link', { name: tr('kk', 'lang.kk'), exact: true })).toHaveAttribute('aria-current', 'page');

  for (const lang of ['ru', 'en', 'kk'] as const) {
    await links.getByRole('link', { name: tr('kk', `lang.${lang}`), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/${lesson.id}/${lang}$`));
    await expect(lessonHeading(page, lesson.versions[lang].title)).toBeVisible();
    await expect(page.locator('.reader-layout')).toHaveAttribute('lang', lang);
    await expect(links.getByRole('link', { name: tr('kk', `lang.${lang}`), exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(links.locator('[aria-current="page"]')).toHaveCount(1);
    // The lesson's own headings speak its language; the interface stays in Kazakh.
    await expect(page.getByRole('complementary', { name: tr(lang, 'reader.objectives') })).toBeVisible();
    await expect(page.getByRole('link', { name: tr('kk', 'reader.back') })).toBeVisible();
  }
});

test('keyboard: Tab from the top reaches the lesson links and Enter opens a lesson', async ({ page, openApp }) => {
  await openApp('en');
  // The library puts the focus on its heading when it opens.
  await expect(page.getByRole('heading', { level: 1, name: tr('en', 'library.title') })).toBeFocused();

  // Go up to the first stop on the page, the skip link, then Tab forward from there.
  const skipLink = page.getByRole('link', { name: tr('en', 'app.skipToContent') });
  await tabTo(page, skipLink, 'Shift+Tab');
  await expect(skipLink).toBeVisible();

  const focusedLessonLink = cards(page).getByRole('heading', { level: 2 }).locator('a:focus');
  await tabTo(page, focusedLessonLink);
  const title = (await focusedLessonLink.textContent())?.trim() ?? '';
  expect(BUILTIN_LESSONS.map((l) => l.versions.en.title)).toContain(title);

  await page.keyboard.press('Enter');
  await expect(lessonHeading(page, title)).toBeVisible();
  await expect(lessonHeading(page, title)).toBeFocused();

  // And back to the library with the keyboard.
  await tabTo(page, page.getByRole('link', { name: tr('en', 'reader.back') }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: tr('en', 'library.title') })).toBeVisible();
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
});
