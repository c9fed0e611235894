/**
 * Presenting a lesson on the projector: slides split by core's rules
 * (computed here from the lesson files), driven with the keyboard and a
 * clicker's keys, the black screen, the teacher's notes and the activity
 * timer, in kk, ru and en.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Page } from '@playwright/test';
import { plainText } from '../../src/core/markdown/render';
import { lessonSlides, type Slide } from '../../src/core/markdown/slides';
import { splitFrontMatter } from '../../src/core/base/text';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { BUILTIN_PACK_ID, builtinLesson, cardLink, ROOT, tr, type Lang } from './support';

/** The slides of a built-in lesson, by the same split rules the app uses. */
function slidesOf(lessonId: string, lang: Lang): Slide[] {
  const split = splitFrontMatter(readFileSync(join(ROOT, 'lessons', 'lessons', lessonId, `${lang}.md`), 'utf8'));
  if (typeof split === 'string') throw new Error(`lessons/lessons/${lessonId}/${lang}.md has no front matter`);
  const meta = parseYaml(split.yaml) as { title: string; objectives: string[] };
  return lessonSlides(split.body, meta);
}

/** Sentences of every teacher note of the lesson: none may be in the page while the notes are closed. */
function teacherSentences(slides: Slide[]): string[] {
  return slides
    .flatMap((s) => s.notes)
    .flatMap((n) => plainText(n.markdown).split(/(?<=[.!?:;])\s+/))
    .filter((s) => s.length > 25);
}

const pageText = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { textContent: string } } }).document.documentElement.textContent);

/** The slide region, named "Slide n of total" in the interface language. */
const slideRegion = (page: Page, ui: Lang, n: number, total: number) =>
  page.getByRole('region', { name: tr(ui, 'present.slideOf', { n, total }), exact: true });

async function currentSlide(page: Page, ui: Lang, total: number): Promise<number> {
  for (let n = 1; n <= total; n++) if ((await slideRegion(page, ui, n, total).count()) > 0) return n;
  return 0;
}

/** What a slide must show: its number, its one level-1 heading, no teacher note. */
async function expectSlide(page: Page, ui: Lang, slides: Slide[], n: number, secrets: string[]) {
  const slide = slides[n - 1];
  if (!slide) throw new Error(`no slide ${n}`);
  await expect(slideRegion(page, ui, n, slides.length)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(slide.title);
  await expect(page.locator('.qb-teacher')).toHaveCount(0);
  const text = await pageText(page);
  for (const secret of secrets) expect(text, `slide ${n} "${slide.title}" has no teacher note in the page`).not.toContain(secret);
}

/**
 * Presses a key until the slide changes (a long slide scrolls first), and
 * checks it moved by exactly one slide in the expected direction.
 */
async function step(page: Page, ui: Lang, total: number, key: string, direction: 1 | -1) {
  const from = await currentSlide(page, ui, total);
  for (let presses = 0; presses < 15; presses++) {
    await page.keyboard.press(key);
    const now = await currentSlide(page, ui, total);
    if (now !== from) {
      expect(now, `${key} moves one slide`).toBe(from + direction);
      return;
    }
  }
  throw new Error(`15 presses of ${key} did not leave slide ${from}`);
}

async function startPresenting(page: Page, lang: Lang, lessonId: string) {
  const lesson = builtinLesson(lessonId);
  await cardLink(page, lesson.versions[lang].title).click();
  await page.getByRole('link', { name: tr(lang, 'present.start') }).click();
  await expect(page).toHaveURL(new RegExp(`#/present/${BUILTIN_PACK_ID}/${lessonId}/${lang}$`));
}

/** Brings the faded toolbar back with the mouse, as a teacher would, so that axe sees it settled. */
async function showToolbar(page: Page, lang: Lang) {
  const toolbar = page.getByRole('toolbar', { name: tr(lang, 'present.controls') });
  await toolbar.hover();
  await expect.poll(() => toolbar.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity)).toBe('1');
}

const LESSON_OF: Record<Lang, string> = { kk: 'cyberbullying-bystander', ru: 'strangers-online', en: 'screen-time-balance' };

for (const lang of ['kk', 'ru', 'en'] as const) {
  const lessonId = LESSON_OF[lang];
  const slides = slidesOf(lessonId, lang);
  const total = slides.length;
  const secrets = teacherSentences(slides);

  test(`presenting "${lessonId}" in ${lang} with the keyboard only: every slide, black screen, notes, timer, back to the lesson`, async ({
    page,
    openApp,
  }) => {
    expect(total).toBeGreaterThan(4);
    expect(secrets.length).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(lang);
    await startPresenting(page, lang, lessonId);

    // Full window: the app's top bar is gone; the slide has the focus.
    await expect(page.getByRole('navigation', { name: tr(lang, 'nav.label') })).toBeHidden();
    await expect(slideRegion(page, lang, 1, total)).toBeFocused();

    // The title slide: the lesson's title and objectives.
    await expectSlide(page, lang, slides, 1, secrets);
    await expect(page.getByRole('heading', { level: 2, name: tr(lang, 'reader.objectives') })).toBeVisible();
    for (const objective of slides[0]?.objectives ?? []) await expect(page.getByText(objective, { exact: true })).toBeVisible();

    // Forward through every slide, with each key of the "next" family in turn.
    const nextKeys = ['ArrowRight', 'ArrowDown', 'PageDown', 'Space', 'Enter'];
    for (let n = 2; n <= total; n++) {
      await step(page, lang, total, nextKeys[(n - 2) % nextKeys.length] as string, 1);
      await expectSlide(page, lang, slides, n, secrets);
      const slide = slides[n - 1] as Slide;
      // The pack's pictures, from blob: URLs, decoded.
      const pictures = (slide.body.match(/!\[[^\]]*\]\([^)]+\)/g) ?? []).length;
      const images = page.getByRole('region', { name: tr(lang, 'present.slideOf', { n, total }) }).locator('img');
      await expect(images).toHaveCount(pictures);
      for (const img of await images.all()) {
        await expect(img).toHaveAttribute('src', /^blob:/);
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      }
    }
    // The last slide stays the last.
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    await expectSlide(page, lang, slides, total, secrets);

    // Back to the start, with each key of the "previous" family in turn.
    const previousKeys = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'];
    for (let n = total - 1; n >= 1; n--) {
      await step(page, lang, total, previousKeys[(total - 1 - n) % previousKeys.length] as string, -1);
      await expectSlide(page, lang, slides, n, secrets);
    }

    await page.keyboard.press('End');
    await expectSlide(page, lang, slides, total, secrets);
    await page.keyboard.press('Home');
    await expectSlide(page, lang, slides, 1, secrets);
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, lang, slides, 2, secrets);

    // Black screen: B on, B off; a clicker's "." on, and its next key only brings the slide back.
    const black = page.getByRole('button', { name: tr(lang, 'present.blackOn') });
    await page.keyboard.press('b');
    await expect(black).toBeVisible();
    await expect(black).toBeFocused();
    await page.keyboard.press('b');
    await expect(black).toHaveCount(0);
    await expectSlide(page, lang, slides, 2, secrets);
    await page.keyboard.press('.');
    await expect(black).toBeVisible();
    await page.keyboard.press('PageDown');
    await expect(black).toHaveCount(0);
    await expectSlide(page, lang, slides, 2, secrets);

    // Teacher's notes: N opens them over the slide, with this slide's teacher text; N closes them and they leave the page.
    const opening = slides[1] as Slide;
    expect(opening.notes.length).toBeGreaterThan(0);
    const notes = page.getByRole('region', { name: tr(lang, 'present.notesTitle') });
    await page.keyboard.press('n');
    await expect(notes).toBeVisible();
    await expect(notes.locator('.qb-teacher')).toHaveCount(opening.notes.length);
    await expect(notes.locator('.qb-kind').first()).toHaveText(tr(lang, 'block.teacher'));
    for (const note of opening.notes) {
      await expect(notes).toContainText(note.title);
      await expect(notes).toContainText(plainText(note.markdown).slice(0, 60));
    }
    await showToolbar(page, lang);
    await expectAccessible(page, `a slide with the teacher's notes open (${lang})`);
    // The black screen hides the notes too, and they are not in the page behind it.
    await page.keyboard.press('b');
    await expect(notes).toHaveCount(0);
    expect(await pageText(page)).not.toContain(secrets[0]);
    await page.keyboard.press('b');
    await expect(notes).toBeVisible();
    await page.keyboard.press('n');
    await expect(notes).toHaveCount(0);
    await expectSlide(page, lang, slides, 2, secrets);
    // A slide without notes says so.
    await page.keyboard.press('Home');
    await page.keyboard.press('n');
    await expect(notes).toHaveText(tr(lang, 'present.noNotes'));
    await page.keyboard.press('n');
    await expect(notes).toHaveCount(0);

    // The activity's timer: T starts it and the time shown changes; T again pauses it.
    const activity = slides.findIndex((s) => s.activity) + 1;
    expect(activity).toBeGreaterThan(1);
    await page.keyboard.press('Home');
    for (let n = 2; n <= activity; n++) await step(page, lang, total, 'ArrowRight', 1);
    await expectSlide(page, lang, slides, activity, secrets);
    const timer = page.getByRole('group', { name: tr(lang, 'present.timer') });
    const clock = timer.getByRole('timer');
    // With planned minutes it counts down from them; without, it counts up from 0:00.
    const minutes = slides[activity - 1]?.activity?.minutes;
    const start = minutes ? `${minutes}:00` : '0:00';
    await expect(clock).toHaveText(start);
    await expect(timer).toContainText(tr(lang, minutes ? 'present.timeLeft' : 'present.timeSpent'));
    await page.keyboard.press('t');
    await expect(timer.getByRole('button', { name: tr(lang, 'present.timerPause') })).toBeVisible();
    await expect(clock).not.toHaveText(start, { timeout: 5000 });
    await page.keyboard.press('t');
    await expect(timer.getByRole('button', { name: tr(lang, 'present.timerStart') })).toBeVisible();
    const paused = await clock.textContent();
    await page.waitForTimeout(1500);
    await expect(clock).toHaveText(paused ?? '');
    await expectAccessible(page, `the activity slide with its timer (${lang})`);

    // Escape: back to the lesson, with the top bar.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/${lessonId}/${lang}$`));
    const readerTitle = page.getByRole('main').getByRole('article').getByRole('heading', { level: 1, name: slides[0]?.title, exact: true });
    await expect(readerTitle).toBeFocused();
    await expect(page.getByRole('navigation', { name: tr(lang, 'nav.label') })).toBeVisible();
  });
}

test('the toolbar does everything with the mouse, and fades without hiding from the keyboard', async ({ page, openApp }) => {
  const lessonId = 'privacy-personal-data';
  const slides = slidesOf(lessonId, 'en');
  const total = slides.length;
  const secrets = teacherSentences(slides);
  await openApp('en');
  await startPresenting(page, 'en', lessonId);
  await expectSlide(page, 'en', slides, 1, secrets);

  const toolbar = page.getByRole('toolbar', { name: tr('en', 'present.controls') });
  const button = (key: string) => toolbar.getByRole('button', { name: tr('en', key) });
  await expect(button('present.previous')).toBeDisabled();
  await expect(button('present.first')).toBeDisabled();
  await button('present.next').click();
  await expectSlide(page, 'en', slides, 2, secrets);
  await button('present.last').click();
  await expectSlide(page, 'en', slides, total, secrets);
  await expect(button('present.next')).toBeDisabled();
  await button('present.previous').click();
  await expectSlide(page, 'en', slides, total - 1, secrets);
  await button('present.first').click();
  await expectSlide(page, 'en', slides, 1, secrets);

  await button('present.notes').click();
  await expect(button('present.notes')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: tr('en', 'present.notesTitle') })).toBeVisible();
  await page.getByRole('button', { name: tr('en', 'present.notesHide') }).click();
  await expect(page.getByRole('region', { name: tr('en', 'present.notesTitle') })).toHaveCount(0);

  await button('present.black').click();
  const black = page.getByRole('button', { name: tr('en', 'present.blackOn') });
  await expect(black).toBeFocused();
  await black.click();
  await expect(black).toHaveCount(0);
  await expectSlide(page, 'en', slides, 1, secrets);

  // Left alone, the toolbar fades out of the class's sight; Tab brings it back.
  await page.mouse.move(5, 5);
  await expect.poll(() => toolbar.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity), { timeout: 8000 }).toBe('0');
  await page.getByRole('region', { name: tr('en', 'present.slideOf', { n: 1, total }) }).focus();
  await page.keyboard.press('Tab');
  await expect(toolbar.locator(':focus')).toHaveCount(1);
  await expect.poll(() => toolbar.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity)).toBe('1');
  // Space on a focused button presses that button; it does not move the slides.
  await toolbar.getByRole('button', { name: tr('en', 'present.next') }).focus();
  await page.keyboard.press('Space');
  await expectSlide(page, 'en', slides, 2, secrets);

  await button('present.exit').click();
  await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/${lessonId}/en$`));
});

test('a presentation of a lesson that is no longer in the library says so', async ({ page, openApp }) => {
  await openApp('ru');
  await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/present/${BUILTIN_PACK_ID}/no-such-lesson/ru`);
  await expect(page.getByRole('alert')).toHaveText(tr('ru', 'reader.notFound'));
  await expectAccessible(page, 'the presentation of a missing lesson');
  await page.getByRole('link', { name: tr('ru', 'present.exit') }).click();
  await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/no-such-lesson/ru$`));
});
