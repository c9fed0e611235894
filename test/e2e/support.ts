/**
 * What the end-to-end tests know about the app without looking at its code:
 * the UI strings (src/locales), the built-in lessons (lessons/) and the pack
 * fixtures (test/fixtures). Expectations are computed from these files, so a
 * reworded message or an edited lesson does not need a test change.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse as parseYaml } from 'yaml';
import type { Locator, Page } from '@playwright/test';
import { plainText } from '../../src/core/markdown/render';
import { parseQuiz } from '../../src/core/quiz/lint';
import type { Quiz } from '../../src/core/quiz/schema';
import { parseScenario } from '../../src/core/scenario/lint';
import type { Worksheet } from '../../src/core/worksheet/model';
import { parseWorksheet } from '../../src/core/worksheet/parse';
import type { Scenario } from '../../src/core/scenario/schema';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE_URL = 'http://localhost:4173';

export const LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

// ---------------------------------------------------------------------------
// UI strings

type Catalogue = Record<string, string>;
const CATALOGUES = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(ROOT, 'src', 'locales', `${lang}.json`), 'utf8')) as Catalogue]),
) as Record<Lang, Catalogue>;

/** A UI string as the app shows it in `lang`. A key missing from a catalogue fails the test: the app would show English. */
export function tr(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const source = CATALOGUES[lang][key];
  if (source === undefined) throw new Error(`src/locales/${lang}.json has no message "${key}"`);
  return String(new IntlMessageFormat(source, lang, undefined, { ignoreTag: true }).format(params));
}

/** `path:line:col: message` (or `path: message`) in the UI language, as the import dialog lists a problem. */
export function problemLine(lang: Lang, location: string, key: string, params?: Record<string, string | number>): string {
  const message = tr(lang, key, params);
  return location ? tr(lang, 'problem.at', { location, message }) : message;
}

// ---------------------------------------------------------------------------
// The built-in lessons

export const BLOCK_KINDS = ['tip', 'warning', 'question', 'activity', 'teacher'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface LessonVersion {
  title: string;
  /** How many `:::kind` blocks the Markdown holds. */
  blocks: Record<BlockKind, number>;
  tables: number;
  images: number;
}

export interface BuiltinLesson {
  id: string;
  topic: string;
  ageBands: string[];
  order: number;
  versions: Record<Lang, LessonVersion>;
}

function frontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end === -1) throw new Error('lesson without front matter');
  return { meta: parseYaml(text.slice(4, end)) as Record<string, unknown>, body: text.slice(end + 5) };
}

function readLesson(dir: string, lang: Lang): { meta: Record<string, unknown>; version: LessonVersion } {
  const { meta, body } = frontMatter(readFileSync(join(dir, `${lang}.md`), 'utf8'));
  const blocks = Object.fromEntries(
    BLOCK_KINDS.map((kind) => [kind, body.split('\n').filter((line) => new RegExp(`^:::[ \\t]*${kind}\\b`).test(line)).length]),
  ) as Record<BlockKind, number>;
  return {
    meta,
    version: {
      title: String(meta['title']),
      blocks,
      // A GFM table: a header row followed by a delimiter row.
      tables: body.split('\n').filter((line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line)).length,
      images: [...body.matchAll(/!\[[^\]]*\]\([^)]+\)/g)].length,
    },
  };
}

function readBuiltinLessons(): BuiltinLesson[] {
  const root = join(ROOT, 'lessons', 'lessons');
  return readdirSync(root)
    .map((id) => {
      const kk = readLesson(join(root, id), 'kk');
      return {
        id,
        topic: String(kk.meta['topic']),
        ageBands: (kk.meta['ageBands'] as string[]).map(String),
        order: Number(kk.meta['order']),
        versions: Object.fromEntries(LANGS.map((lang) => [lang, readLesson(join(root, id), lang).version])) as Record<Lang, LessonVersion>,
      };
    })
    .sort((a, b) => a.order - b.order);
}

export const BUILTIN_LESSONS = readBuiltinLessons();
export const BUILTIN_PACK_ID = String((parseYaml(readFileSync(join(ROOT, 'lessons', 'pack.yaml'), 'utf8')) as { id: string }).id);

export function builtinLesson(id: string): BuiltinLesson {
  const lesson = BUILTIN_LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`lessons/lessons/${id} does not exist`);
  return lesson;
}

// ---------------------------------------------------------------------------
// Pack fixtures

export const QPACK_DIR = join(ROOT, 'test', 'fixtures', 'packs', 'qpack');
export const ZIPS_DIR = join(ROOT, 'test', 'fixtures', 'zips');

export function qpack(name: string): string {
  const path = join(QPACK_DIR, `${name}.qpack`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npx tsx scripts/make-pack-fixtures.ts`);
  return path;
}

/** The title of a fixture pack, from its source folder. */
export function fixturePackTitle(folder: string, lang: Lang): string {
  const meta = parseYaml(readFileSync(join(ROOT, 'test', 'fixtures', 'packs', folder, 'pack.yaml'), 'utf8')) as { title: Record<string, string> };
  return meta.title[lang] ?? meta.title['kk'] ?? '';
}

/** A lesson title of a fixture pack, from its source folder. */
export function fixtureLessonTitle(folder: string, lessonId: string, lang: Lang): string {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'packs', folder, 'lessons', lessonId, `${lang}.md`), 'utf8');
  return String(frontMatter(text).meta['title']);
}

/** Every pack that must be refused: the broken packs and the hostile zips (zip64 is a valid container and is left out). */
export function badPackFiles(): { name: string; path: string }[] {
  const fromDir = (dir: string, keep: (name: string) => boolean) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.qpack') && keep(f))
          .sort()
          .map((f) => ({ name: f, path: join(dir, f) }))
      : [];
  return [
    ...fromDir(QPACK_DIR, (f) => !f.startsWith('good') && f !== 'hostile-markdown.qpack'),
    ...fromDir(ZIPS_DIR, (f) => f !== 'zip64.qpack'),
  ];
}

// ---------------------------------------------------------------------------
// Screens

export const cards = (page: Page): Locator => page.getByRole('main').getByRole('article');
export const cardLink = (page: Page, title: string): Locator =>
  cards(page).getByRole('heading', { level: 2 }).getByRole('link', { name: title, exact: true });
export const lessonBody = (page: Page): Locator => page.locator('.lesson-body');

/** Library filters, found by their visible labels. */
export function filters(page: Page, lang: Lang) {
  return {
    search: page.getByRole('searchbox', { name: tr(lang, 'library.search') }),
    language: page.getByRole('combobox', { name: tr(lang, 'library.filterLanguage'), exact: true }),
    age: page.getByRole('combobox', { name: tr(lang, 'library.filterAge'), exact: true }),
    topic: page.getByRole('combobox', { name: tr(lang, 'library.filterTopic'), exact: true }),
    clear: page.getByRole('button', { name: tr(lang, 'library.clear') }),
  };
}

export const importDialog = (page: Page, lang: Lang): Locator => page.getByRole('dialog', { name: tr(lang, 'import.title') });
export const olderDialog = (page: Page, lang: Lang): Locator => page.getByRole('dialog', { name: tr(lang, 'import.olderTitle') });

/** The computed font size of an element, in CSS pixels. */
export function fontSize(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const { getComputedStyle } = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    return parseFloat(getComputedStyle(el).fontSize);
  });
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el);
}

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus; fails after `max` presses. Returns the number of presses. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40): Promise<number> {
  for (let presses = 0; presses < max; presses++) {
    if ((await target.count()) > 0 && (await isFocused(target.first()))) return presses;
    await page.keyboard.press(key);
  }
  throw new Error(`${max} presses of ${key} did not reach ${target.toString()}`);
}

/** Imports a file the way the "Import lesson pack" button does: through its file input. */
export async function importFile(page: Page, path: string): Promise<void> {
  await page.setInputFiles('#pack-file', path);
}

// ---------------------------------------------------------------------------
// IndexedDB, read directly (the database is named 'qorgau')

export interface DbSnapshot {
  counts: Record<string, number>;
  /** `id@version@importedAt` of every pack. */
  packs: string[];
  lessons: string[];
  media: string[];
}

/** `id@version` of the packs in a snapshot. */
export const packVersions = (db: DbSnapshot): string[] => db.packs.map((p) => p.split('@').slice(0, 2).join('@'));

/** Counts and keys of the library's tables, read with the plain IndexedDB API. */
export async function dbSnapshot(page: Page): Promise<DbSnapshot> {
  return page.evaluate(async () => {
    // Minimal shapes of the IndexedDB API: the test code is compiled without the DOM library.
    interface Req<T> {
      result: T;
      error: unknown;
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    }
    interface Store {
      count(): Req<number>;
      getAllKeys(): Req<unknown[]>;
      getAll(): Req<{ id: string; version: string; importedAt: number }[]>;
    }
    interface Tx {
      objectStore(name: string): Store;
      oncomplete: (() => void) | null;
      onerror: (() => void) | null;
      error: unknown;
    }
    interface Db {
      objectStoreNames: { contains(name: string): boolean };
      transaction(names: string[], mode: 'readonly'): Tx;
      close(): void;
    }
    const { indexedDB } = globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } };
    const tables = ['packs', 'lessons', 'lessonContent', 'media', 'packMedia'];
    const db = await new Promise<Db>((ok, fail) => {
      const req = indexedDB.open('qorgau');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    try {
      const missing = tables.filter((t) => !db.objectStoreNames.contains(t));
      if (missing.length) throw new Error(`the qorgau database has no table ${missing.join(', ')}`);
      const tx = db.transaction(tables, 'readonly');
      const counts: Record<string, number> = {};
      const out = { counts, packs: [] as string[], lessons: [] as string[], media: [] as string[] };
      for (const t of tables) {
        const r = tx.objectStore(t).count();
        r.onsuccess = () => (counts[t] = r.result);
      }
      const packs = tx.objectStore('packs').getAll();
      packs.onsuccess = () => (out.packs = packs.result.map((p) => `${p.id}@${p.version}@${p.importedAt}`).sort());
      const lessons = tx.objectStore('lessons').getAllKeys();
      lessons.onsuccess = () => (out.lessons = lessons.result.map(String).sort());
      const media = tx.objectStore('media').getAllKeys();
      media.onsuccess = () => (out.media = media.result.map(String).sort());
      await new Promise<void>((ok, fail) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      return out;
    } finally {
      db.close();
    }
  });
}

// ---------------------------------------------------------------------------
// The built-in scenarios, read with the same lint the app uses

const PACK_META = parseYaml(readFileSync(join(ROOT, 'lessons', 'pack.yaml'), 'utf8')) as {
  languages: Lang[];
  help?: { country: string; phone?: string; name: Record<Lang, string> }[];
};

/** The help services of the built-in pack, as pack.yaml lists them. */
export const BUILTIN_HELP = PACK_META.help ?? [];

export function builtinScenario(id: string): Scenario {
  const path = `scenarios/${id}.yaml`;
  const parsed = parseScenario(readFileSync(join(ROOT, 'lessons', path), 'utf8'), path, PACK_META.languages);
  if (!parsed.scenario) throw new Error(`lessons/${path} does not lint`);
  return parsed.scenario;
}

export const BUILTIN_SCENARIO_IDS = readdirSync(join(ROOT, 'lessons', 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/** Every row of one table of the app's database. */
export async function dbRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    interface Req<R> {
      result: R;
      error: unknown;
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    }
    interface Db {
      transaction(names: string[], mode: 'readonly'): { objectStore(name: string): { getAll(): Req<unknown[]> } };
      close(): void;
    }
    const { indexedDB } = globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } };
    const db = await new Promise<Db>((ok, fail) => {
      const req = indexedDB.open('qorgau');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    try {
      const req = db.transaction([name], 'readonly').objectStore(name).getAll();
      return await new Promise<unknown[]>((ok, fail) => {
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
    } finally {
      db.close();
    }
  }, table) as Promise<T[]>;
}

// ---------------------------------------------------------------------------
// The built-in worksheets and PDFs

export interface BuiltinSheet {
  id: string;
  lesson: string;
  lang: Lang;
  worksheet: Worksheet;
}

/** Every worksheet and family letter of the built-in pack in every language, read with the app's own parser. */
export const BUILTIN_SHEETS: BuiltinSheet[] = readdirSync(join(ROOT, 'lessons', 'worksheets'))
  .sort()
  .flatMap((id) =>
    LANGS.map((lang) => {
      const path = `worksheets/${id}/${lang}.md`;
      const parsed = parseWorksheet(readFileSync(join(ROOT, 'lessons', path), 'utf8'), path, lang);
      if (!parsed.worksheet) throw new Error(`lessons/${path} does not lint`);
      return { id, lesson: parsed.worksheet.lesson, lang, worksheet: parsed.worksheet };
    }),
  );

/** Text for comparing with pdftotext: Markdown marks gone, every run of white space one space. */
export function flatText(markdown: string): string {
  return squash(plainText(markdown));
}

export function squash(text: string): string {
  return text.replace(/[\u00ad]/g, '').replace(/\s+/g, ' ').trim();
}

/** The text of a PDF (poppler's pdftotext) and its page count (pdfinfo). */
export function pdfText(path: string): { text: string; pages: number } {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { text: squash(text), pages };
}

/** The first page of a PDF as a PNG (poppler's pdftoppm), to attach to the report and look at. */
export function firstPagePng(path: string): Buffer {
  const prefix = path.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile', path, prefix]);
  return readFileSync(`${prefix}.png`);
}

// ---------------------------------------------------------------------------
// The built-in quizzes, read with the same lint the app uses

const BUILTIN_LESSON_IDS: ReadonlySet<string> = new Set(readdirSync(join(ROOT, 'lessons', 'lessons')));

export function builtinQuiz(id: string): Quiz {
  const path = `quizzes/${id}.yaml`;
  const parsed = parseQuiz(readFileSync(join(ROOT, 'lessons', path), 'utf8'), path, PACK_META.languages, BUILTIN_LESSON_IDS);
  if (!parsed.quiz) throw new Error(`lessons/${path} does not lint`);
  return parsed.quiz;
}

export const BUILTIN_QUIZ_IDS = readdirSync(join(ROOT, 'lessons', 'quizzes'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
