/**
 * The classroom as a school uses it: a teacher sets up a class and assigns
 * work, two pupils sign in on the same PC in turn, the teacher reads the
 * dashboard; results travel to another PC on a file and merge without
 * duplicates; a backup restores onto a fresh install; a pupil who clears
 * the page's storage cannot leave pupil mode or set a new PIN.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { addedCount, mergeResults } from '../../src/core/classroom/merge';
import { hmacSha256Hex, sha256, toHex } from '../../src/core/base/bytes';
import { generateAdminCode, schoolKeyOf } from '../../src/core/classroom/pin';
import { canonicalJson, emptyClassroom, parseResultsFile } from '../../src/core/classroom/results';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { BUILTIN_LESSONS, builtinLesson, builtinScenario, dbRows, ROOT, tr, type Lang } from './support';

const PIN = '482915';
const ui: Lang = 'en';
const quizTitle = (id: string, lang: Lang) => (parseYaml(readFileSync(join(ROOT, 'lessons', 'quizzes', `${id}.yaml`), 'utf8')) as { title: Record<Lang, string> }).title[lang];
const LESSON = builtinLesson('cyberbullying-bystander').versions.en.title;
const QUIZ = quizTitle('strangers-online-quiz', 'en');
const SCENARIO = builtinScenario('group-chat-bystander').title.en ?? '';

const nav = (page: Page) => page.getByRole('navigation', { name: tr(ui, 'nav.label') });
const main = (page: Page) => page.getByRole('main');

/** Sets up the teacher; with `schoolCode`, as a further PC of the same school (no new administrator's code is made). */
async function setUpTeacher(page: Page, pin = PIN, schoolCode?: string): Promise<string> {
  await nav(page).getByRole('link', { name: tr(ui, 'nav.classroom') }).click();
  await expect(page.getByRole('heading', { name: tr(ui, 'classroom.setupTitle') })).toBeVisible();
  await expectAccessible(page, 'teacher set-up');
  await page.getByLabel(tr(ui, 'classroom.newPin'), { exact: true }).fill(pin);
  await page.getByLabel(tr(ui, 'classroom.newPinAgain'), { exact: true }).fill(pin);
  if (schoolCode) {
    await page.getByLabel(tr(ui, 'classroom.schoolAdminCode'), { exact: true }).fill(schoolCode);
    await page.getByRole('button', { name: tr(ui, 'classroom.setupButton') }).click();
    await expect(page.getByRole('heading', { name: tr(ui, 'classroom.classes') })).toBeVisible({ timeout: 20_000 });
    return schoolCode;
  }
  await page.getByRole('button', { name: tr(ui, 'classroom.setupButton') }).click();
  const code = main(page).locator('.code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, { timeout: 20_000 });
  const adminCode = (await code.textContent()) ?? '';
  await expectAccessible(page, "the administrator's code");
  await page.getByLabel(tr(ui, 'classroom.adminCodeKept')).check();
  await page.getByRole('button', { name: tr(ui, 'classroom.continue') }).click();
  await expect(page.getByRole('heading', { name: tr(ui, 'classroom.classes') })).toBeVisible();
  return adminCode;
}

async function addClass(page: Page) {
  await page.getByLabel(tr(ui, 'classroom.classCode'), { exact: true }).fill('7b');
  await page.getByLabel(tr(ui, 'classroom.className'), { exact: true }).fill('Seventh B');
  await page.getByLabel(tr(ui, 'classroom.classLanguage'), { exact: true }).selectOption('en');
  await page.getByRole('button', { name: tr(ui, 'classroom.addClassButton') }).click();
  await main(page).getByRole('link', { name: '7B · Seventh B' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '7B · Seventh B' })).toBeFocused();
  await page.getByLabel(tr(ui, 'classroom.from'), { exact: true }).fill('1');
  await page.getByLabel(tr(ui, 'classroom.to'), { exact: true }).fill('2');
  await page.getByRole('button', { name: tr(ui, 'classroom.addPupils'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: tr(ui, 'classroom.pupilsAdded', { count: 2 }) })).toBeVisible();
}

async function assign(page: Page, title: string, week?: number) {
  await page.getByLabel(tr(ui, 'classroom.assignWhat'), { exact: true }).selectOption({ label: title });
  if (week) await page.getByLabel(tr(ui, 'classroom.week'), { exact: true }).fill(String(week));
  await page.getByRole('button', { name: tr(ui, 'classroom.assign'), exact: true }).click();
  await expect(page.getByRole('region', { name: tr(ui, 'classroom.assignments') }).getByRole('listitem').filter({ hasText: title })).toBeVisible();
}

async function startStation(page: Page) {
  await page.getByRole('link', { name: tr(ui, 'classroom.back') }).click();
  await page.getByRole('button', { name: tr(ui, 'classroom.startStation') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(ui, 'classroom.chooseClass') })).toBeVisible();
}

async function signIn(page: Page, code: string) {
  await main(page).getByRole('button', { name: /^7B/ }).click();
  await main(page).getByRole('button', { name: code, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(ui, 'classroom.myWork', { code }) })).toBeVisible();
}

async function takeQuiz(page: Page) {
  await main(page).getByRole('link', { name: QUIZ }).click();
  await expect(page.getByRole('heading', { level: 1, name: QUIZ })).toBeVisible();
  // The first option of every single-answer question; the rest left unanswered.
  for (const group of await main(page).getByRole('radiogroup').all()) await group.getByRole('radio').first().check();
  await page.getByRole('button', { name: tr(ui, 'quiz.check') }).click();
  await expect(page.getByRole('heading', { name: tr(ui, 'quiz.result') })).toBeFocused();
}

async function playScenario(page: Page) {
  await main(page).getByRole('link', { name: SCENARIO }).click();
  const panel = page.getByRole('region', { name: tr(ui, 'scenario.panel') });
  const debrief = page.getByRole('region', { name: new RegExp(tr(ui, 'scenario.debrief')) });
  for (let step = 0; step < 30 && !(await debrief.isVisible()); step++) {
    const next = panel.getByRole('button', { name: new RegExp(`^(${tr(ui, 'scenario.continue')}|${tr(ui, 'scenario.toDebrief')})$`) });
    if (await next.isVisible()) await next.click();
    else await panel.getByRole('listitem').first().getByRole('button').click();
  }
  await expect(debrief).toBeVisible();
}

/** A results file changed by `edit` and sealed again with the school's key, as only a PC of that school (or someone with its code) can. */
async function resealed(text: string, schoolCode: string, edit: (file: Record<string, unknown>) => void): Promise<string> {
  const file = JSON.parse(text) as Record<string, unknown>;
  edit(file);
  const fields = { format: file.format, version: file.version, install: file.install, exportedAt: file.exportedAt, content: file.content };
  const canonical = canonicalJson(fields);
  file.sha256 = toHex(await sha256(new TextEncoder().encode(canonical)));
  file.seal = await hmacSha256Hex(await schoolKeyOf(schoolCode), canonical);
  return JSON.stringify(file, null, 2);
}

/** The page's local storage, as a pupil with the browser's tools could reach it. */
type Storage = { localStorage: { getItem(key: string): string | null; removeItem(key: string): void } };
const stored = (page: Page, key: string) => page.evaluate((k) => (globalThis as unknown as Storage).localStorage.getItem(k), key);
const removeStored = (page: Page, key: string) => page.evaluate((k) => (globalThis as unknown as Storage).localStorage.removeItem(k), key);

async function unlock(page: Page, pin = PIN) {
  await page.getByLabel(tr(ui, 'classroom.pin'), { exact: true }).fill(pin);
  await page.getByRole('button', { name: tr(ui, 'classroom.unlock') }).click();
}

test('a teacher sets up a class and assigns work, two pupils work in turn on one PC, and the dashboard shows what each did', async ({ openApp }) => {
  test.setTimeout(120_000);
  const page = await openApp(ui);
  await setUpTeacher(page);
  await expectAccessible(page, 'teacher home');
  await addClass(page);
  await assign(page, LESSON, 1);
  await assign(page, QUIZ, 1);
  await assign(page, SCENARIO, 2);
  await expectAccessible(page, 'class page');
  await startStation(page);
  await expectAccessible(page, 'pupil sign-in');

  // Pupil 1: the quiz and the scenario.
  await signIn(page, '7B-1');
  await expect(main(page).getByRole('listitem')).toHaveCount(3);
  await expectAccessible(page, 'pupil home');
  await takeQuiz(page);
  await nav(page).getByRole('link', { name: tr(ui, 'nav.myWork', { code: '7B-1' }) }).click();
  await playScenario(page);
  await nav(page).getByRole('link', { name: tr(ui, 'nav.myWork', { code: '7B-1' }) }).click();
  const [attempt] = await dbRows<{ pupil: string; percent: number }>(page, 'attempts');
  expect(attempt?.pupil).toBe('7B-1');
  await expect(main(page).getByRole('listitem').filter({ hasText: QUIZ })).toContainText(tr(ui, 'classroom.status.quiz', { percent: attempt?.percent ?? -1, attempts: 1 }));
  await main(page).getByRole('button', { name: tr(ui, 'classroom.signOut') }).click();

  // Pupil 2: the lesson, in the pupil's view only.
  await signIn(page, '7B-2');
  await main(page).getByRole('link', { name: LESSON }).click();
  await expect(page.getByRole('button', { name: tr(ui, 'reader.teacherView') })).toHaveCount(0);
  await expect(page.locator('[data-block="teacher"]')).toHaveCount(0);
  await page.getByRole('button', { name: tr(ui, 'classroom.finishLesson') }).click();
  await expect(page.getByText(tr(ui, 'classroom.lessonDone'))).toBeVisible();

  // Neither the teacher's screens nor the library are for pupils: their addresses show the pupil's own work.
  for (const hash of ['#/classroom/7B', '#/', '#/scenarios', '#/scenario/qorgau-core/group-chat-bystander/en/class']) {
    await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
    await expect(page.getByRole('heading', { level: 1, name: tr(ui, 'classroom.myWork', { code: '7B-2' }) }), hash).toBeVisible();
  }

  // The teacher comes back: a wrong PIN is refused, the right one ends pupil mode.
  await nav(page).getByRole('link', { name: tr(ui, 'nav.teacher') }).click();
  await unlock(page, '904817');
  await expect(page.getByRole('alert')).toContainText(tr(ui, 'problem.pin.wrong'));
  await expectAccessible(page, 'PIN entry');
  await unlock(page);
  await main(page).getByRole('link', { name: '7B · Seventh B' }).click();

  const table = page.getByRole('table', { name: tr(ui, 'classroom.progressCaption', { class: '7B' }) });
  const row = (code: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });
  await expect(row('7B-1')).toContainText(tr(ui, 'classroom.status.quiz', { percent: attempt?.percent ?? -1, attempts: 1 }));
  const [play] = await dbRows<{ pupil: string; outcome: string }>(page, 'scenarioResults');
  expect(play?.pupil).toBe('7B-1');
  await expect(row('7B-1')).toContainText(tr(ui, `scenario.outcome.${play?.outcome ?? 'none'}`));
  await expect(row('7B-2')).toContainText(tr(ui, 'classroom.status.completed'));
  await expect(page.getByRole('table', { name: tr(ui, 'classroom.hardQuestions', { quiz: QUIZ }) })).toBeVisible();
  await expectAccessible(page, 'class dashboard');

  // The same table for a spreadsheet.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: tr(ui, 'classroom.exportCsv') }).click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8');
  expect(csv).toContain(`"7B-1","${QUIZ}","${tr(ui, 'classroom.kind.quiz')}","${tr(ui, 'classroom.status.quiz', { percent: attempt?.percent ?? -1, attempts: 1 })}"`);
  expect(csv).toContain(`"7B-2","${LESSON}","${tr(ui, 'classroom.kind.lesson')}","${tr(ui, 'classroom.status.completed')}"`);
});

test('results from a lab PC merge on the teacher PC; the same file twice adds nothing; a changed file is refused; a backup restores onto a fresh install', async ({
  openApp,
  freshProfile,
}, info) => {
  test.setTimeout(180_000);
  // The lab PC: a class, a pupil, a quiz.
  const lab = await openApp(ui);
  const adminCode = await setUpTeacher(lab);
  await addClass(lab);
  await assign(lab, QUIZ);
  await startStation(lab);
  await signIn(lab, '7B-1');
  await takeQuiz(lab);
  await nav(lab).getByRole('link', { name: tr(ui, 'nav.teacher') }).click();
  await unlock(lab);
  const save = async (button: string, name: string) => {
    const downloading = lab.waitForEvent('download');
    await lab.getByRole('button', { name: tr(ui, button) }).click();
    const path = info.outputPath(name);
    await (await downloading).saveAs(path);
    return path;
  };
  const resultsPath = await save('classroom.exportResults', 'results.json');
  const backupPath = await save('classroom.backup', 'backup.json');
  const exported = readFileSync(resultsPath, 'utf8');
  expect(exported).not.toContain('displayName');
  const read = await parseResultsFile(exported, 'results.json');
  if (!read.ok) throw new Error('the exported file does not read back');
  const expected = addedCount(mergeResults(emptyClassroom(), read.content).report);

  // The teacher's PC.
  // The teacher's PC is set up with the school's administrator's code, printed when the lab PC was set up: it takes the lab's sealed files.
  const teacherPc = await freshProfile(ui);
  await setUpTeacher(teacherPc, '736194', adminCode);
  const importFiles = async (paths: string[]) => {
    await teacherPc.setInputFiles('#results-files', paths);
  };
  await importFiles([resultsPath]);
  await expect(teacherPc.getByRole('status').filter({ hasText: tr(ui, 'results.merged', { added: expected.added, already: 0 }) })).toBeVisible();
  const attempts = await dbRows<{ id: string }>(teacherPc, 'attempts');
  expect(attempts.map((a) => a.id)).toEqual(read.content.attempts.map((a) => a.id));
  await importFiles([resultsPath]);
  await expect(teacherPc.getByRole('status').filter({ hasText: tr(ui, 'results.merged', { added: 0, already: expected.added }) })).toBeVisible();
  expect(await dbRows(teacherPc, 'attempts')).toHaveLength(attempts.length);
  await expect(teacherPc.getByRole('main').getByRole('link', { name: '7B · Seventh B' })).toBeVisible();

  // A file changed after export: refused, with its name, and nothing changes.
  const changed = info.outputPath('changed.json');
  writeFileSync(changed, exported.replace(/"percent": (\d+)/, (_, n: string) => `"percent": ${(Number(n) + 1) % 100}`));
  await importFiles([changed]);
  await expect(teacherPc.getByRole('alert')).toContainText('changed.json');
  expect(await dbRows(teacherPc, 'attempts')).toHaveLength(attempts.length);

  // The same attempt with another score, sealed with the school's key (as a PC of the school would): nothing is replaced until the teacher chooses.
  const before = (await dbRows<{ id: string; percent: number }>(teacherPc, 'attempts'))[0];
  const other = info.outputPath('other-version.json');
  writeFileSync(other, await resealed(exported, adminCode, (file) => {
    const first = (file.content as { attempts: { percent: number }[] }).attempts[0];
    if (first) first.percent = first.percent === 100 ? 0 : 100;
  }));
  await importFiles([other]);
  const conflicts = teacherPc.getByRole('region', { name: tr(ui, 'classroom.conflictsTitle', { count: 1 }) });
  await expect(conflicts).toBeVisible();
  await expect(conflicts).toContainText(tr(ui, 'classroom.conflictStored', { percent: before?.percent ?? 0, time: '' }).split(',')[0] ?? '');
  await expectAccessible(teacherPc, 'a merge conflict');
  expect((await dbRows<{ percent: number }>(teacherPc, 'attempts'))[0]?.percent).toBe(before?.percent);
  await conflicts.getByRole('button', { name: tr(ui, 'classroom.useIncoming') }).click();
  await expect(teacherPc.getByRole('status').filter({ hasText: tr(ui, 'classroom.conflictTookFile', { pupil: '7B-1' }) })).toBeVisible();
  expect((await dbRows<{ percent: number }>(teacherPc, 'attempts'))[0]?.percent).toBe(before?.percent === 100 ? 0 : 100);
  await expect(conflicts).toHaveCount(0);

  // A PC of another school takes neither the lab's results nor its backup.
  const otherSchool = await freshProfile(ui);
  await setUpTeacher(otherSchool, '615283');
  await otherSchool.setInputFiles('#results-files', [resultsPath]);
  await expect(otherSchool.getByRole('alert')).toContainText(tr(ui, 'problem.results.otherSchool'));
  await otherSchool.setInputFiles('#backup-file', backupPath);
  await expect(otherSchool.getByRole('alert')).toContainText(tr(ui, 'problem.results.otherSchool'));
  expect(await dbRows(otherSchool, 'classes')).toHaveLength(0);

  // A fresh install of the same school restores the lab PC's backup: its class, pupils and results, but never the lab's PIN.
  const fresh = await freshProfile(ui);
  await setUpTeacher(fresh, '615283', adminCode);
  fresh.on('dialog', (dialog) => void dialog.accept());
  await fresh.setInputFiles('#backup-file', backupPath);
  await expect(fresh.getByRole('status').filter({ hasText: tr(ui, 'classroom.restored', { pupils: 2, results: 1 }) })).toBeVisible();
  await expect(fresh.getByRole('main').getByRole('link', { name: '7B · Seventh B' })).toBeVisible();
  await fresh.getByRole('button', { name: tr(ui, 'classroom.lock') }).click();
  await unlock(fresh, PIN);
  await expect(fresh.getByRole('alert')).toContainText(tr(ui, 'problem.pin.wrong'));
  await unlock(fresh, '615283');
  await expect(fresh.getByRole('heading', { name: tr(ui, 'classroom.classes') })).toBeVisible();

  // The school's administrator's code resets a forgotten PIN and keeps the data.
  await fresh.getByRole('button', { name: tr(ui, 'classroom.lock') }).click();
  await fresh.getByRole('button', { name: tr(ui, 'classroom.forgotPin') }).click();
  await fresh.getByLabel(tr(ui, 'classroom.adminCode'), { exact: true }).fill(adminCode.toLowerCase().replace(/-/g, ' '));
  await fresh.getByLabel(tr(ui, 'classroom.newPin'), { exact: true }).fill('580317');
  await fresh.getByLabel(tr(ui, 'classroom.newPinAgain'), { exact: true }).fill('580317');
  await fresh.getByRole('button', { name: tr(ui, 'classroom.resetButton') }).click();
  await expect(fresh.getByRole('main').getByRole('link', { name: '7B · Seventh B' })).toBeVisible();
  expect(await dbRows(fresh, 'attempts')).toHaveLength(1);
});

test('a pupils’ station survives cleared storage, and a PC with classes asks for the administrator’s code before a new teacher is set up', async ({ openApp }) => {
  test.setTimeout(120_000);
  const page = await openApp(ui);
  const adminCode = await setUpTeacher(page);
  await addClass(page);
  await startStation(page);
  // What an earlier version kept as the station flag: removing it changes nothing now.
  await removeStored(page, 'qorgau.station');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: tr(ui, 'classroom.chooseClass') })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: tr(ui, 'nav.lessons') })).toHaveCount(0);

  // The browser version keeps the teacher's record in the page's storage; deleting it is not a first start.
  await removeStored(page, 'qorgau.teacher');
  await page.reload();
  await nav(page).getByRole('link', { name: tr(ui, 'nav.classroom') }).click();
  await expect(page.getByRole('heading', { name: tr(ui, 'classroom.setupTitle') })).toBeVisible();
  await expect(page.getByText(tr(ui, 'classroom.setupExistingData'))).toBeVisible();
  await expectAccessible(page, 'set-up on a PC with classes');
  await page.getByLabel(tr(ui, 'classroom.newPin'), { exact: true }).fill('740163');
  await page.getByLabel(tr(ui, 'classroom.newPinAgain'), { exact: true }).fill('740163');
  await page.getByRole('button', { name: tr(ui, 'classroom.setupButton') }).click();
  await expect(page.getByRole('alert')).toContainText(tr(ui, 'problem.teacher.existingData'));
  await page.getByLabel(tr(ui, 'classroom.adminCode'), { exact: true }).fill(generateAdminCode());
  await page.getByRole('button', { name: tr(ui, 'classroom.setupButton') }).click();
  await expect(page.getByRole('alert')).toContainText(tr(ui, 'problem.adminCode.wrong'));
  expect(await stored(page, 'qorgau.teacher')).toBeNull();

  // The administrator's own code sets up the new teacher and stays the PC's code; the class is there.
  await page.getByLabel(tr(ui, 'classroom.adminCode'), { exact: true }).fill(adminCode);
  await page.getByRole('button', { name: tr(ui, 'classroom.setupButton') }).click();
  await expect(page.getByRole('heading', { name: tr(ui, 'classroom.classes') })).toBeVisible({ timeout: 20_000 });
  await expect(main(page).getByRole('link', { name: '7B · Seventh B' })).toBeVisible();
});

test('the suggested year plan adds the band’s lessons with their quizzes in one click, and the teacher removes what does not fit', async ({ openApp }) => {
  const page = await openApp(ui);
  await setUpTeacher(page);
  await addClass(page);
  // Grade 7 is ages 13–15: every such lesson of the built-in pack, one a week, each with its quiz.
  const lessons = BUILTIN_LESSONS.filter((l) => l.ageBands.includes('13-15'));
  const quizzes = lessons.filter((l) => existsSync(join(ROOT, 'lessons', 'quizzes', `${l.id}-quiz.yaml`)));
  const expected = lessons.length + quizzes.length;
  await expect(page.getByText(tr(ui, 'classroom.planSuggested', { grade: 7, band: '13-15' }))).toBeVisible();
  await page.getByLabel(tr(ui, 'classroom.planPace'), { exact: true }).selectOption('weekly');
  await page.getByRole('button', { name: tr(ui, 'classroom.planAdd') }).click();
  await expect(page.getByRole('status').filter({ hasText: tr(ui, 'classroom.planAdded', { count: expected }) })).toBeVisible();
  const plan = page.getByRole('region', { name: tr(ui, 'classroom.assignments') }).getByRole('listitem');
  await expect(plan).toHaveCount(expected);
  const first = lessons[0];
  if (!first) throw new Error('no lesson for ages 13–15');
  await expect(plan.first()).toContainText(first.versions.en.title);
  await expect(plan.first()).toContainText(tr(ui, 'classroom.weekN', { week: 1 }));
  await expectAccessible(page, 'a class with the suggested plan');

  // Again: nothing is added twice.
  await page.getByRole('button', { name: tr(ui, 'classroom.planAdd') }).click();
  await expect(page.getByRole('status').filter({ hasText: tr(ui, 'classroom.planAdded', { count: 0 }) })).toBeVisible();
  await expect(plan).toHaveCount(expected);

  // The teacher removes the first lesson from the plan.
  await page.getByRole('button', { name: tr(ui, 'classroom.removeAssignmentOf', { title: first.versions.en.title }) }).click();
  await expect(page.getByRole('status').filter({ hasText: tr(ui, 'classroom.assignmentRemoved', { title: first.versions.en.title }) })).toBeVisible();
  await expect(plan).toHaveCount(expected - 1);
});

test('a before-and-after check: pupils take it before and again after, and the dashboard shows per topic the share that chose the safe action, as stored', async ({ openApp }) => {
  test.setTimeout(180_000);
  const check = parseYaml(readFileSync(join(ROOT, 'lessons', 'quizzes', 'check-13-15.yaml'), 'utf8')) as {
    title: Record<Lang, string>;
    questions: { id: string; topic: string; text: Record<Lang, string>; options: { id: string; text: Record<Lang, string>; correct?: boolean }[] }[];
  };
  const title = check.title.en;
  const page = await openApp(ui);
  await setUpTeacher(page);
  await addClass(page);
  await assign(page, title, 1);
  await startStation(page);

  /** Takes the check as the signed-in pupil: the safe option of every question, or the first unsafe one. */
  const take = async (code: string, safe: boolean) => {
    await signIn(page, code);
    await main(page).getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    for (const q of check.questions) {
      const option = q.options.find((o) => Boolean(o.correct) === safe);
      if (!option) throw new Error(`${q.id} has no ${safe ? 'safe' : 'unsafe'} option`);
      await page.getByRole('radiogroup', { name: new RegExp(q.text.en.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).getByRole('radio', { name: option.text.en, exact: true }).check();
    }
    await page.getByRole('button', { name: tr(ui, 'quiz.check') }).click();
    await expect(page.getByRole('heading', { name: tr(ui, 'quiz.result') })).toBeFocused();
    await nav(page).getByRole('link', { name: tr(ui, 'nav.myWork', { code }) }).click();
    await page.getByRole('button', { name: tr(ui, 'classroom.signOut') }).click();
  };
  // Before the course: 7B-1 unsafe everywhere, 7B-2 safe everywhere. After: 7B-1 again, now safe.
  await take('7B-1', false);
  await take('7B-2', true);
  await take('7B-1', true);

  await nav(page).getByRole('link', { name: tr(ui, 'nav.teacher') }).click();
  await unlock(page);
  await main(page).getByRole('link', { name: '7B · Seventh B' }).click();
  const view = page.getByRole('region', { name: tr(ui, 'classroom.checkTitle', { check: title }) });
  await expect(view).toBeVisible();
  for (const q of check.questions) {
    const row = view.getByRole('row', { name: new RegExp(`^${tr(ui, `topic.${q.topic}`)}`) });
    await expect(row.getByRole('cell').nth(0)).toHaveText(tr(ui, 'classroom.checkShare', { percent: 50, safe: 1, answers: 2 }));
    await expect(row.getByRole('cell').nth(1)).toHaveText(tr(ui, 'classroom.checkShare', { percent: 100, safe: 1, answers: 1 }));
  }
  const stored = await dbRows<{ pupil: string; quiz: string }>(page, 'attempts');
  expect(stored.filter((a) => a.quiz.endsWith('/check-13-15')).map((a) => a.pupil).sort()).toEqual(['7B-1', '7B-1', '7B-2']);
  await expectAccessible(page, 'the before-and-after view');
});
