/**
 * The whole built-in curriculum, one browser session per language: every
 * lesson presents with each slide on one screen of a 1366×768 and of a
 * 1920×1080 projector, its print page lists its worksheet and family letter,
 * and its quiz opens with every question. The content rules themselves
 * (languages, glossary, safety) are unit tests over the files
 * (test/unit/builtin-content.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Page } from '@playwright/test';
import { splitFrontMatter } from '../../src/core/base/text';
import { lessonSlides, type Slide } from '../../src/core/markdown/slides';
import { quizText } from '../../src/core/quiz/schema';
import { expect, test } from './fixtures';
import { BUILTIN_LESSONS, BUILTIN_PACK_ID, BUILTIN_SHEETS, builtinQuiz, LANGS, ROOT, tr, type Lang } from './support';

const PROJECTORS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

function slidesOf(lessonId: string, lang: Lang): Slide[] {
  const split = splitFrontMatter(readFileSync(join(ROOT, 'lessons', 'lessons', lessonId, `${lang}.md`), 'utf8'));
  if (typeof split === 'string') throw new Error(`lessons/lessons/${lessonId}/${lang}.md has no front matter`);
  return lessonSlides(split.body, parseYaml(split.yaml) as { title: string; objectives: string[] });
}

const go = (page: Page, hash: string) => page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
const slideRegion = (page: Page, ui: Lang, n: number, total: number) => page.getByRole('region', { name: tr(ui, 'present.slideOf', { n, total }), exact: true });

/** How far the slide on screen reaches past the bottom of the screen, in CSS pixels (0 when it fits). */
const overflow = (page: Page) =>
  page.locator('.stage').evaluate((el: unknown) => {
    const stage = el as { scrollHeight: number; clientHeight: number };
    return Math.max(0, stage.scrollHeight - stage.clientHeight);
  });

for (const lang of LANGS) {
  test(`every lesson in ${lang} presents with each slide on one screen at 1366×768 and 1920×1080, prints its sheets and opens its quiz`, async ({ page, openApp }) => {
    test.setTimeout(120_000 + BUILTIN_LESSONS.length * 30_000);
    await openApp(lang);
    // Long slides scroll at once instead of smoothly, so each press is counted where it lands.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const tooTall: string[] = [];
    for (const lesson of BUILTIN_LESSONS) {
      const slides = slidesOf(lesson.id, lang);
      for (const size of PROJECTORS) {
        await page.setViewportSize(size);
        await go(page, `#/present/${BUILTIN_PACK_ID}/${lesson.id}/${lang}`);
        for (let n = 1; n <= slides.length; n++) {
          await expect(slideRegion(page, lang, n, slides.length)).toBeVisible();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(slides[n - 1]?.title ?? '');
          const over = await overflow(page);
          if (over > 1) tooTall.push(`${lesson.id} (${lang}) slide ${n} "${slides[n - 1]?.title}" at ${size.width}×${size.height}: ${over} px too tall`);
          if (n === slides.length) break;
          // One press is one slide when the slide fits; a slide that does not fit scrolls first.
          for (let press = 0; press < 40 && (await slideRegion(page, lang, n + 1, slides.length).count()) === 0; press++) await page.keyboard.press('PageDown');
        }
        await page.keyboard.press('Escape');
        await expect(page).toHaveURL(new RegExp(`#/lesson/${BUILTIN_PACK_ID}/${lesson.id}/${lang}$`));
      }

      // The print page offers the lesson's worksheet, its cards if any, its family letter and a certificate.
      const sheets = BUILTIN_SHEETS.filter((s) => s.lang === lang && s.lesson === lesson.id);
      expect(sheets.map((s) => s.worksheet.kind)).toContain('family-letter');
      for (const sheet of sheets) {
        await go(page, `#/print/${BUILTIN_PACK_ID}/${lesson.id}/${lang}/${sheet.id}`);
        await expect(page.locator('.sheets .sheet').first()).toBeVisible();
        await expect(page.locator('.sheets').getByText(sheet.worksheet.title).first()).toBeVisible();
      }

      // The quiz opens with every question in the lesson's language.
      const quizId = `${lesson.id}-quiz`;
      const quiz = builtinQuiz(quizId);
      await go(page, `#/quiz/${BUILTIN_PACK_ID}/${quizId}/${lang}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(quizText(quiz.title, lang));
      for (const q of quiz.questions) await expect(page.getByRole('main').getByText(quizText(q.text, lang), { exact: true }).first()).toBeVisible();
    }
    await page.setViewportSize(PROJECTORS[0] as { width: number; height: number });
    expect(tooTall, 'slides that do not fit on the projector').toEqual([]);
  });
}
