import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  BUILTIN_LESSONS,
  builtinLesson,
  cards,
  filters,
  fixtureLessonTitle,
  importDialog,
  importFile,
  LANGS,
  qpack,
  ROOT,
  tr,
  type Lang,
} from './support';

const titlesOf = (ids: string[], lang: Lang) => ids.map((id) => builtinLesson(id).versions[lang].title).sort();
const shownTitles = async (page: Page) => (await cards(page).getByRole('heading', { level: 2 }).allTextContents()).map((t) => t.trim()).sort();

/** The searchable words of a built-in lesson, lower-cased: its title, summary and body (front matter lists are not searched). */
function lessonText(id: string, lang: Lang): string {
  const text = readFileSync(join(ROOT, 'lessons', 'lessons', id, `${lang}.md`), 'utf8');
  return text.toLocaleLowerCase(lang);
}

const ALL = BUILTIN_LESSONS.map((l) => l.id);

/**
 * Types a query and waits for the results to settle: they hold every lesson in
 * `includes`, and every lesson whose text has a form of `stem` (so no word form
 * is missed), and nothing without it (so nothing unrelated is found).
 */
async function expectSearchFinds(page: Page, ui: Lang, query: string, stem: string, includes: string[]) {
  const withStem = ALL.filter((id) => lessonText(id, ui).includes(stem));
  for (const id of includes) expect(withStem, `${id} has a form of "${stem}"`).toContain(id);
  await filters(page, ui).search.fill(query);
  const shownIds = async () => {
    const titles = await shownTitles(page);
    return ALL.filter((id) => titles.includes(builtinLesson(id).versions[ui].title));
  };
  await expect.poll(async () => (await shownIds()).filter((id) => includes.includes(id)).sort(), { message: `search "${query}" finds ${includes.join(', ')}` }).toEqual([...includes].sort());
  const found = await shownIds();
  for (const id of found) expect(withStem, `search "${query}" found ${id}, whose text has no form of "${stem}"`).toContain(id);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(tr(ui, 'library.count', { count: found.length }));
  return found;
}

test('filtering by topic shows only the lessons on that topic', async ({ page, openApp }) => {
  await openApp('en');
  const f = filters(page, 'en');
  await expect(f.topic).toHaveValue('any');
  for (const lesson of BUILTIN_LESSONS) {
    await f.topic.selectOption({ label: tr('en', `topic.${lesson.topic}`) });
    const expected = BUILTIN_LESSONS.filter((l) => l.topic === lesson.topic).map((l) => l.id);
    await expect.poll(() => shownTitles(page)).toEqual(titlesOf(expected, 'en'));
    for (const card of await cards(page).all()) await expect(card.locator('.topic')).toHaveText(tr('en', `topic.${lesson.topic}`));
  }
  await f.topic.selectOption({ label: tr('en', 'library.any') });
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
});

test('filtering by age shows only the lessons for that age group', async ({ page, openApp }) => {
  await openApp('en');
  // Every built-in lesson is for ages 10-12 and 13-15; the fixture pack adds one lesson for 10-12 only.
  await importFile(page, qpack('good'));
  await importDialog(page, 'en').getByRole('button', { name: tr('en', 'common.close') }).click();
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length + 2);
  const younger = fixtureLessonTitle('good', 'first-steps', 'en');
  const both = fixtureLessonTitle('good', 'safe-passwords', 'en');

  const f = filters(page, 'en');
  await f.age.selectOption({ label: tr('en', 'library.ages', { bands: '13-15' }) });
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.filter((l) => l.ageBands.includes('13-15')).length + 1);
  await expect(cards(page).getByRole('link', { name: younger, exact: true })).toHaveCount(0);
  await expect(cards(page).getByRole('link', { name: both, exact: true })).toBeVisible();
  for (const card of await cards(page).all()) await expect(card).toContainText('13-15');

  await f.age.selectOption({ label: tr('en', 'library.ages', { bands: '10-12' }) });
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.filter((l) => l.ageBands.includes('10-12')).length + 2);
  await expect(cards(page).getByRole('link', { name: younger, exact: true })).toBeVisible();
});

test('filtering by lesson language shows every card in that language', async ({ page, openApp }) => {
  await openApp('en');
  const f = filters(page, 'en');
  for (const lang of LANGS) {
    await f.language.selectOption({ label: tr('en', `lang.${lang}`) });
    await expect.poll(() => shownTitles(page)).toEqual(titlesOf(ALL, lang));
    await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
    for (const card of await cards(page).all()) {
      await expect(card).toHaveAttribute('lang', lang);
      await expect(card.locator('.lang-tag')).toHaveText(tr('en', `lang.${lang}`));
      // The other languages of the lesson are offered as links.
      for (const other of LANGS.filter((l) => l !== lang)) {
        await expect(card.getByRole('link', { name: tr('en', `lang.${other}`), exact: true })).toHaveAttribute('lang', other);
      }
    }
  }
});

test('clearing the filters brings back every lesson', async ({ page, openApp }) => {
  await openApp('en');
  const f = filters(page, 'en');
  await expect(f.clear).toHaveCount(0);
  await f.language.selectOption({ label: tr('en', 'lang.ru') });
  await f.topic.selectOption({ label: tr('en', `topic.${builtinLesson('privacy-personal-data').topic}`) });
  await f.age.selectOption({ label: tr('en', 'library.ages', { bands: '13-15' }) });
  await f.search.fill('пароль');
  // Of the Russian lessons on privacy for ages 13–15 that speak of passwords: one.
  await expect(cards(page)).toHaveCount(1);

  await f.clear.click();
  await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
  await expect.poll(() => shownTitles(page)).toEqual(titlesOf(ALL, 'en'));
  await expect(f.search).toHaveValue('');
  await expect(f.language).toHaveValue('any');
  await expect(f.topic).toHaveValue('any');
  await expect(f.age).toHaveValue('any');
  await expect(f.clear).toHaveCount(0);
});

test('searching in Kazakh finds lessons whatever the word form', async ({ page, openApp }) => {
  await openApp('kk');
  // "интернетте" (on the internet) and the bare stem find the same lessons: every one that speaks of the internet.
  const internet = ALL.filter((id) => lessonText(id, 'kk').includes('интернетте'));
  expect(internet.length).toBeGreaterThan(5);
  const withEnding = await expectSearchFinds(page, 'kk', 'интернетте', 'интернет', internet);
  expect(await expectSearchFinds(page, 'kk', 'интернет', 'интернет', internet)).toEqual(withEnding);

  // "балаларға" (to the children) finds the lessons that only say "бала", "балалар", "балаларды"…
  const withoutForm = ALL.filter((id) => !lessonText(id, 'kk').includes('балаларға') && /балалар(ды|дың|да|ы)/.test(lessonText(id, 'kk')));
  expect(withoutForm.length).toBeGreaterThan(0);
  await expectSearchFinds(page, 'kk', 'балаларға', 'бала', withoutForm);

  // "ұйқымыз" (our sleep) is in no lesson; "ұйқы", "ұйқыға", "ұйқыңды"… are in the screen-time lesson.
  for (const id of ALL) expect(lessonText(id, 'kk')).not.toContain('ұйқымыз');
  await expectSearchFinds(page, 'kk', 'ұйқымыз', 'ұйқы', ['screen-time-balance']);
});

test('searching in Kazakh ignores letter case', async ({ page, openApp }) => {
  await openApp('kk');
  // Upper case, and a form the text does not use ("құпиясөздеріңіз").
  for (const id of ALL) expect(lessonText(id, 'kk')).not.toContain('құпиясөздеріңіз');
  await expectSearchFinds(page, 'kk', 'ҚҰПИЯСӨЗДЕРІҢІЗ', 'құпиясөз', ['privacy-personal-data']);
  await expectSearchFinds(page, 'kk', 'ҚАУІПСІЗ', 'қауіпсіз', ['privacy-personal-data']);
  await expectSearchFinds(page, 'kk', 'ГРУМИНГКЕ', 'груминг', ['strangers-online', 'grooming-seniors']);
});

test('searching in Russian finds a lesson by another form of the word', async ({ page, openApp }) => {
  await openApp('ru');
  // The lessons say "реклама", "рекламе", "рекламу", "рекламы", never "рекламой".
  for (const id of ALL) expect(lessonText(id, 'ru')).not.toContain('рекламой');
  await expectSearchFinds(page, 'ru', 'рекламой', 'реклам', ['privacy-personal-data', 'screen-time-balance']);
  // "незнакомец", "незнакомцы", "незнакомца" are in the text; "незнакомцам" is not.
  for (const id of ALL) expect(lessonText(id, 'ru')).not.toContain('незнакомцам');
  await expectSearchFinds(page, 'ru', 'незнакомцам', 'незнаком', ['strangers-online']);
  await expectSearchFinds(page, 'ru', 'Паролями', 'парол', ['privacy-personal-data']);
});

for (const lang of LANGS) {
  test(`a search that matches nothing says so (${lang})`, async ({ page, openApp }) => {
    await openApp(lang);
    await filters(page, lang).search.fill('zqxjvw ыфвапролджэ');
    await expect(page.getByText(tr(lang, 'library.empty'), { exact: true })).toBeVisible();
    await expect(cards(page)).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(tr(lang, 'library.count', { count: 0 }));
    await filters(page, lang).clear.click();
    await expect(cards(page)).toHaveCount(BUILTIN_LESSONS.length);
    await expect(page.getByText(tr(lang, 'library.empty'), { exact: true })).toHaveCount(0);
  });
}
