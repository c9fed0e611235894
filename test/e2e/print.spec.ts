/**
 * Worksheets on paper: every built-in worksheet and family letter printed to
 * PDF in every language, read back with pdftotext. The expectations come
 * from the worksheet files themselves, parsed with the app's own parser.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { isQuestion } from '../../src/core/worksheet/model';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import {
  BUILTIN_HELP,
  BUILTIN_PACK_ID,
  BUILTIN_SHEETS,
  builtinLesson,
  cardLink,
  firstPagePng,
  flatText,
  LANGS,
  pdfText,
  tr,
  type BuiltinSheet,
  type Lang,
} from './support';

const SCHOOL = '№ 12 мектеп-гимназия';
const CLASS_NAME = '6 «Ә»';

/** Goes to an address inside the app the way its own links do, in either shell. */
async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
}

async function openPrint(page: Page, ui: Lang, sheet: { lesson: string; lang: Lang }, doc: string) {
  await goTo(page, `#/print/${BUILTIN_PACK_ID}/${sheet.lesson}/${sheet.lang}/${doc}`);
  await expect(page.locator('.sheets .sheet').first()).toBeVisible();
  await page.getByLabel(tr(ui, 'print.school'), { exact: true }).fill(SCHOOL);
  await page.getByLabel(tr(ui, 'print.class'), { exact: true }).fill(CLASS_NAME);
}

/** Prints the page to a PDF file in the test's output folder and reads it back. */
async function savePdf(printPdf: () => Promise<Buffer>, info: TestInfo, name: string) {
  const dir = info.outputPath();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, await printPdf());
  return { path, ...pdfText(path) };
}

/** The "N copies, M pages" line the print page shows, read from the screen. */
async function shownPages(page: Page, ui: Lang, copies: number, sheets: number) {
  await expect(page.getByRole('status').filter({ hasText: tr(ui, 'print.pages', { copies, sheets }) })).toBeVisible();
}

function expectQuestions(text: string, sheet: BuiltinSheet) {
  for (const item of sheet.worksheet.items) {
    if (isQuestion(item)) {
      const prompt = flatText(item.prompt).slice(0, 50);
      expect(text, `question ${item.number} of ${sheet.id} (${sheet.lang})`).toContain(prompt);
    } else if (item.kind === 'talk') {
      for (const point of item.points) expect(text).toContain(flatText(point).slice(0, 50));
    }
  }
}

const answers = (sheet: BuiltinSheet) =>
  sheet.worksheet.items.flatMap((item) => (isQuestion(item) && item.answer ? [flatText(item.answer)] : []));

for (const ui of LANGS) {
  const sheets = BUILTIN_SHEETS.filter((s) => s.lang === ui);

  test(`every built-in worksheet, family letter and handout prints in ${ui}: header, every question, answers only in the key, page N of M`, async ({
    openApp,
    printPdf,
  }, info) => {
    // Every sheet of the built-in pack in one session: about 60 sheets, each saved as a PDF and read back.
    test.setTimeout(600_000);
    const page = await openApp(ui);
    for (const sheet of sheets) {
      await openPrint(page, ui, sheet, sheet.id);
      // Family letters and handouts print one copy, with the help list at the foot.
      const letter = sheet.worksheet.kind !== 'worksheet';
      const copies = letter ? ['pupil'] : ['pupil', 'key'];
      for (const copy of copies) {
        if (!letter) await page.getByRole('radio', { name: tr(ui, copy === 'key' ? 'print.answerKey' : 'print.pupilCopy') }).check();
        const sheetCount = await page.locator('.sheets .sheet').count();
        await shownPages(page, ui, 1, sheetCount);
        const pdf = await savePdf(printPdf, info, `${sheet.id}-${ui}-${copy}`);

        expect(pdf.pages, `${sheet.id} ${copy}: pages in the PDF = pages on screen`).toBe(sheetCount);
        expect(pdf.text).toContain(sheet.worksheet.title);
        expect(pdf.text).toContain(SCHOOL);
        expect(pdf.text).toContain(CLASS_NAME);
        expect(pdf.text).toContain(tr(sheet.lang, 'worksheet.school'));
        for (let n = 1; n <= pdf.pages; n++) expect(pdf.text).toContain(tr(ui, 'worksheet.pageOf', { page: n, pages: pdf.pages }));
        expectQuestions(pdf.text, sheet);

        const teacherCopy = tr(sheet.lang, 'print.teacherCopy').toUpperCase();
        if (copy === 'key') {
          expect(pdf.text).toContain(teacherCopy);
          for (const answer of answers(sheet)) expect(pdf.text, `the key of ${sheet.id} holds “${answer}”`).toContain(answer.slice(0, 60));
        } else {
          expect(pdf.text).not.toContain(teacherCopy);
          for (const answer of answers(sheet).filter((a) => a.length >= 20)) {
            expect(pdf.text, `the pupil copy of ${sheet.id} must not show “${answer}”`).not.toContain(answer);
          }
        }
        if (letter) {
          expect(pdf.text).toContain(tr(sheet.lang, 'worksheet.help'));
          for (const service of BUILTIN_HELP) {
            expect(pdf.text).toContain(service.name[sheet.lang]);
            if (service.phone) expect(pdf.text).toContain(service.phone);
          }
        }
        if (sheet === sheets[0] || letter) {
          await info.attach(`${sheet.id}-${ui}-${copy}-page-1.png`, { body: firstPagePng(pdf.path), contentType: 'image/png' });
        }
      }
    }
  });
}

test('a class set of 30 prints 30 copies, each headed with its pupil code', async ({ openApp, printPdf }, info) => {
  const ui: Lang = 'kk';
  const sheet = BUILTIN_SHEETS.find((s) => s.lang === 'kk' && s.worksheet.kind === 'worksheet');
  if (!sheet) throw new Error('no Kazakh worksheet');
  const page = await openApp(ui);
  await openPrint(page, ui, sheet, sheet.id);
  const onePupil = await page.locator('.sheets .sheet').count();
  const codes = Array.from({ length: 30 }, (_, i) => `7Б-${String(i + 1).padStart(2, '0')}`);
  await page.getByRole('radio', { name: tr(ui, 'print.perPupil') }).check();
  await page.getByLabel(tr(ui, 'print.list'), { exact: true }).fill(codes.join('\n'));
  await shownPages(page, ui, 30, 30 * onePupil);

  const pdf = await savePdf(printPdf, info, 'class-set-kk');
  expect(pdf.pages).toBe(30 * onePupil);
  for (const code of codes) {
    // Once in the header of the copy's first page, and in the footer of each of its pages.
    expect(pdf.text.split(code).length - 1, code).toBe(1 + onePupil);
  }
  expect(pdf.text.split(tr('kk', 'worksheet.name')).length - 1).toBe(30);
});

test('certificates: one page per pupil with the name and the lesson, from the lesson page', async ({ openApp, printPdf }, info) => {
  const ui: Lang = 'ru';
  const page = await openApp(ui);
  const lesson = builtinLesson('privacy-personal-data');
  await cardLink(page, lesson.versions.ru.title).click();
  // The lesson lists what it can print.
  const printables = page.getByRole('region', { name: tr(ui, 'reader.printables') }).or(page.locator('section').filter({ has: page.getByRole('heading', { name: tr(ui, 'reader.printables') }) }));
  await printables.getByRole('link', { name: tr(ui, 'print.certificate') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(ui, 'print.title', { lesson: lesson.versions.ru.title }) })).toBeFocused();
  await expectAccessible(page, 'print page (ru)');
  await page.getByRole('radio', { name: tr(ui, 'print.perPupil') }).check();
  await page.getByLabel(tr(ui, 'print.list'), { exact: true }).fill('Айгерим Сарсенова\n7Б-14');
  await shownPages(page, ui, 2, 2);
  const pdf = await savePdf(printPdf, info, 'certificates-ru');
  expect(pdf.pages).toBe(2);
  expect(pdf.text).toContain('Айгерим Сарсенова');
  expect(pdf.text).toContain('7Б-14');
  expect(pdf.text).toContain(tr('ru', 'certificate.completed', { lesson: lesson.versions.ru.title }));
  await info.attach('certificate-ru-page-1.png', { body: firstPagePng(pdf.path), contentType: 'image/png' });
});

test('US Letter prints on US Letter paper; A4 on A4', async ({ openApp, printPdf }, info) => {
  const ui: Lang = 'en';
  const sheet = BUILTIN_SHEETS.find((s) => s.lang === 'en' && s.worksheet.kind === 'worksheet');
  if (!sheet) throw new Error('no English worksheet');
  const page = await openApp(ui);
  await openPrint(page, ui, sheet, sheet.id);
  const a4 = await savePdf(printPdf, info, 'a4');
  await page.getByRole('radio', { name: tr(ui, 'print.letter') }).check();
  const letter = await savePdf(printPdf, info, 'letter');
  const size = (path: string) => {
    const info = execPdfInfo(path);
    return /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)?.slice(1).map(Number) ?? [];
  };
  expect(size(a4.path).map(Math.round)).toEqual([595, 842]);
  expect(size(letter.path).map(Math.round)).toEqual([612, 792]);
  // Every font is embedded, so Kazakh letters print on any machine.
  expect(execPdfFonts(a4.path).filter((f) => !f.embedded)).toEqual([]);
});

function execPdfInfo(path: string): string {
  return execFileSync('pdfinfo', [path], { encoding: 'utf8' });
}

function execPdfFonts(path: string): { name: string; embedded: boolean }[] {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type [type2] encoding emb sub uni object ID: emb is the fifth column from the end.
      return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
    });
}
