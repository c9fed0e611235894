/**
 * Scenarios as pupils and teachers meet them: one scenario in each skin, a
 * class-mode round with votes and the final chart, the debrief, replay, the
 * decisions stored in IndexedDB, and the author preview. Expectations come
 * from the scenario files in lessons/scenarios, walked with the app's engine.
 */
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { choose, ending, isEnded, startAt, startScenario, summary, visibleChoices, type ScenarioState } from '../../src/core/scenario/engine';
import { textIn, type Scenario } from '../../src/core/scenario/schema';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import {
  BUILTIN_HELP,
  BUILTIN_PACK_ID,
  BUILTIN_SCENARIO_IDS,
  builtinScenario,
  dbRows,
  LANGS,
  qpack,
  ROOT,
  tabTo,
  tr,
  type Lang,
} from './support';

interface PlayRow {
  id: string;
  scenarioKey: string;
  mode: string;
  lang: string;
  player: { kind: string };
  /** ISO 8601. */
  endedAt?: string;
  endingNode?: string;
  outcome?: string;
  replayOf?: { playId: string; step: number };
}
interface DecisionRow {
  playId: string;
  step: number;
  nodeId: string;
  choiceId: string;
  ms: number;
  /** ISO 8601. */
  decidedAt: string;
  votes?: Record<string, number>;
}

/** A walk through a scenario: at each node, `pick` chooses among the visible choices (by index). */
function walk(s: Scenario, pick: (index: number, count: number) => number): { steps: { state: ScenarioState; choiceId: string }[]; end: ScenarioState } {
  let state = startScenario(s);
  const steps: { state: ScenarioState; choiceId: string }[] = [];
  while (!isEnded(s, state)) {
    const choices = visibleChoices(s, state);
    const choice = choices[pick(steps.length, choices.length)] ?? choices[0];
    if (!choice) throw new Error(`no choice at ${state.node}`);
    steps.push({ state, choiceId: choice.id });
    state = choose(s, state, choice.id);
  }
  return { steps, end: state };
}

const panel = (page: Page, lang: Lang): Locator => page.getByRole('region', { name: tr(lang, 'scenario.panel') });
const skin = (page: Page): Locator => page.locator('section.skin');
const debrief = (page: Page, lang: Lang): Locator => page.getByRole('region', { name: new RegExp(tr(lang, 'scenario.debrief')) });

async function openScenario(page: Page, lang: Lang, s: Scenario, mode: 'pupil' | 'class') {
  await page.getByRole('navigation', { name: tr(lang, 'nav.label') }).getByRole('link', { name: tr(lang, 'nav.scenarios') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'scenario.listTitle') })).toBeVisible();
  const card = page.getByRole('article', { name: textIn(s.title, lang) });
  await card.getByRole('link', { name: tr(lang, mode === 'class' ? 'scenario.playClass' : 'scenario.playAlone') }).click();
  await expect(page.getByRole('heading', { level: 1, name: textIn(s.title, lang) })).toBeFocused();
}

/** Reads the prompt and the choice buttons of the current node, and what the skin shows. */
async function expectNode(page: Page, lang: Lang, s: Scenario, state: ScenarioState, scenarioLang: Lang = lang) {
  const node = s.nodes.find((n) => n.id === state.node);
  await expect(panel(page, lang).getByRole('heading', { level: 2 })).toHaveText(node?.prompt ? textIn(node.prompt, scenarioLang) : tr(lang, 'scenario.whatNow'));
  const labels = visibleChoices(s, state).map((c) => textIn(c.label, scenarioLang));
  if (labels.length && !(await panel(page, lang).locator('.class-vote').count())) {
    await expect(panel(page, lang).getByRole('button')).toHaveText(labels);
  }
  // The skin shows the node's text, as text.
  for (const item of node?.show ?? []) {
    if (item.when) continue;
    if ('text' in item) await expect(skin(page).getByText(textIn(item.text, scenarioLang), { exact: false }).last()).toBeVisible();
  }
}

async function expectDebrief(page: Page, lang: Lang, s: Scenario, end: ScenarioState) {
  const result = summary(s, end);
  const region = debrief(page, lang);
  await expect(region).toBeVisible();
  await expect(region.getByRole('heading', { level: 2 }).first()).toBeFocused();
  if (result.title) await expect(region.getByRole('heading', { level: 2 }).first()).toContainText(textIn(result.title, lang));
  if (result.debrief) await expect(region.getByText(textIn(result.debrief, lang), { exact: true })).toBeVisible();
  await expect(region.getByText(tr(lang, `scenario.outcome.${result.outcome ?? 'safe'}`), { exact: true }).first()).toBeVisible();
  // The path: one entry per decision, with its label.
  const steps = region.getByRole('region', { name: tr(lang, 'scenario.yourPath') }).or(region.getByRole('region', { name: tr(lang, 'scenario.classPath') }));
  await expect(steps.getByRole('listitem')).toHaveCount(result.steps.length);
  for (const [i, step] of result.steps.entries()) {
    await expect(steps.getByRole('listitem').nth(i)).toContainText(textIn(step.label, lang));
  }
  // Help comes from the pack: every phone number in pack.yaml, none from anywhere else.
  const help = region.getByRole('region', { name: tr(lang, 'scenario.help') });
  for (const service of BUILTIN_HELP) {
    await expect(help).toContainText(service.name[lang]);
    if (service.phone) await expect(help).toContainText(service.phone);
  }
}

// One scenario per skin, each in a language, so every language plays two skins.
const SKIN_PLAYS = [
  { id: 'group-chat-bystander', lang: 'kk' },
  { id: 'hateful-comments', lang: 'ru' },
  { id: 'game-chat-stranger', lang: 'en' },
  { id: 'prize-sms', lang: 'kk' },
  { id: 'new-app-privacy', lang: 'ru' },
  { id: 'late-night-game', lang: 'en' },
] as const satisfies readonly { id: string; lang: Lang }[];

test('every skin is played in full above, and every other scenario is played to an ending below', () => {
  expect(new Set(SKIN_PLAYS.map((p) => builtinScenario(p.id).skin)).size).toBe(6);
  expect(new Set(SKIN_PLAYS.map((p) => p.lang))).toEqual(new Set(LANGS));
});

// Every other built-in scenario, in one session, each in a language: it opens in its skin and plays to its debrief.
test('every built-in scenario opens in its look-alike and plays to its debrief, with the pack’s help', async ({ openApp }) => {
  const others = BUILTIN_SCENARIO_IDS.filter((id) => !SKIN_PLAYS.some((p) => p.id === id));
  test.setTimeout(60_000 + others.length * 30_000);
  const page = await openApp('kk');
  for (const [i, id] of others.entries()) {
    const lang = LANGS[i % LANGS.length] as Lang;
    const s = builtinScenario(id);
    await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/scenario/${BUILTIN_PACK_ID}/${id}/${lang}/pupil`);
    await expect(page.getByRole('heading', { level: 1, name: textIn(s.title, lang) })).toBeVisible();
    await expect(skin(page)).toHaveAttribute('lang', lang);
    // The first choice on offer each time.
    const { steps, end } = walk(s, () => 0);
    for (const [n, step] of steps.entries()) {
      await expectNode(page, 'kk', s, step.state, lang);
      const choice = visibleChoices(s, step.state).find((c) => c.id === step.choiceId);
      if (!choice) throw new Error('walked choice not visible');
      await panel(page, 'kk').getByRole('button', { name: textIn(choice.label, lang) }).click();
      if (choice.feedback) await panel(page, 'kk').getByRole('button', { name: tr('kk', n === steps.length - 1 ? 'scenario.toDebrief' : 'scenario.continue') }).click();
    }
    const region = debrief(page, 'kk');
    await expect(region).toBeVisible();
    const result = summary(s, end);
    if (result.debrief) await expect(region.getByText(textIn(result.debrief, lang), { exact: true })).toBeVisible();
    for (const service of BUILTIN_HELP) if (service.phone) await expect(region.getByRole('region', { name: tr('kk', 'scenario.help') })).toContainText(service.phone);
  }
});

test('there is a built-in scenario in every skin', () => {
  const skins = new Set(BUILTIN_SCENARIO_IDS.map((id) => builtinScenario(id).skin));
  expect([...skins].sort()).toEqual(['feed', 'gamechat', 'inbox', 'messenger', 'settings', 'webpage']);
});

for (const { id, lang } of SKIN_PLAYS) {
  const s = builtinScenario(id);
  test(`pupil mode: "${id}" plays to an ending in its ${s.skin} look-alike (${lang}), and every decision is stored`, async ({ openApp }) => {
    const page = await openApp(lang);
    await openScenario(page, lang, s, 'pupil');
    await expect(skin(page)).toHaveAttribute('aria-label', tr(lang, `skin.label.${s.skin}`));
    await expect(skin(page)).toHaveAttribute('lang', lang);
    await expectAccessible(page, `${id} in pupil mode (${lang})`);

    // The last choice on offer each time: a different path from the class-mode test.
    const { steps, end } = walk(s, (_, count) => count - 1);
    for (const [i, step] of steps.entries()) {
      await expectNode(page, lang, s, step.state);
      const choice = visibleChoices(s, step.state).find((c) => c.id === step.choiceId);
      if (!choice) throw new Error('walked choice not visible');
      await panel(page, lang).getByRole('button', { name: textIn(choice.label, lang) }).click();
      if (choice.feedback) {
        await expect(panel(page, lang).getByText(textIn(choice.feedback, lang))).toBeVisible();
        if (choice.outcome) await expect(panel(page, lang).getByText(tr(lang, `scenario.outcome.${choice.outcome}`), { exact: true })).toBeVisible();
        if (i === 0) await expectAccessible(page, `feedback in ${id} (${lang})`);
        const last = i === steps.length - 1;
        await panel(page, lang).getByRole('button', { name: tr(lang, last ? 'scenario.toDebrief' : 'scenario.continue') }).click();
      }
    }
    await expectDebrief(page, lang, s, end);
    await expectAccessible(page, `debrief of ${id} (${lang})`);

    // Decisions are written as they happen; the last one and the ending land a moment after the click.
    await expect.poll(async () => (await dbRows<PlayRow>(page, 'plays'))[0]?.endedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const plays = await dbRows<PlayRow>(page, 'plays');
    expect(plays).toHaveLength(1);
    expect(plays[0]).toMatchObject({
      scenarioKey: `${BUILTIN_PACK_ID}/${id}`,
      mode: 'pupil',
      lang,
      player: { kind: 'anonymous' },
      endingNode: end.node,
      outcome: ending(s, end)?.outcome,
    });
    const decisions = (await dbRows<DecisionRow>(page, 'decisions')).sort((a, b) => a.step - b.step);
    expect(decisions.map((d) => [d.step, d.nodeId, d.choiceId])).toEqual(steps.map((st, i) => [i, st.state.node, st.choiceId]));
    for (const d of decisions) {
      expect(d.playId).toBe(plays[0]?.id);
      expect(d.ms).toBeGreaterThanOrEqual(0);
      expect(d.votes).toBeUndefined();
    }
  });
}

test('class mode: the teacher enters votes, follows the majority or picks on a tie, and the debrief charts every decision', async ({ openApp }) => {
  const lang: Lang = 'kk';
  const s = builtinScenario('game-chat-stranger');
  const page = await openApp(lang);
  await openScenario(page, lang, s, 'class');
  await expect(page.getByText(tr(lang, 'scenario.classMode'))).toBeVisible();

  let state = startScenario(s);
  const entered: Record<string, number>[] = [];
  while (!isEnded(s, state)) {
    const choices = visibleChoices(s, state);
    await expectNode(page, lang, s, state);
    const vote = panel(page, lang);
    if (entered.length > 0) await expect(vote.getByRole('heading', { level: 2 })).toBeFocused();
    const step = entered.length;
    // Decision 1 is a tie the teacher settles; the others follow the class. The first option wins each vote.
    const counts = choices.map((_, i) => (step === 0 ? (i < 2 ? 7 : 1) : i === 0 ? 12 + step : i + 1));
    for (const [i, n] of counts.entries()) {
      await vote.getByRole('textbox', { name: tr(lang, 'scenario.votesFor', { option: String.fromCharCode(65 + i) }) }).fill(String(n));
    }
    // A tally click adds one to the last option.
    const lastLetter = String.fromCharCode(64 + choices.length);
    await vote.getByRole('button', { name: tr(lang, 'scenario.addVote', { option: lastLetter }) }).click();
    counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
    const total = counts.reduce((a, b) => a + b, 0);
    const votes = Object.fromEntries(choices.map((c, i) => [c.id, counts[i] ?? 0]));
    entered.push(votes);
    const follow = vote.getByRole('button', { name: tr(lang, 'scenario.followMajority') });
    let picked: string;
    if (step === 0 && choices.length > 1 && (counts[0] ?? 0) === (counts[1] ?? 0)) {
      await expect(vote.getByRole('status')).toHaveText(tr(lang, 'scenario.tie', { count: total }));
      await expect(follow).toBeDisabled();
      if (step === 0) await expectAccessible(page, 'class vote with a tie (kk)');
      await vote.getByRole('button', { name: tr(lang, 'scenario.explore', { option: 'B' }) }).click();
      picked = choices[1]?.id ?? '';
    } else {
      await expect(vote.getByRole('status')).toHaveText(tr(lang, 'scenario.majorityIs', { option: 'A', count: total }));
      await follow.click();
      picked = choices[0]?.id ?? '';
    }
    const choice = choices.find((c) => c.id === picked);
    // The feedback shows this decision's votes as a chart.
    const chart = panel(page, lang).getByRole('table');
    await expect(chart.getByRole('row').filter({ hasText: textIn(choice?.label ?? {}, lang) })).toContainText(String(votes[picked]));
    state = choose(s, state, picked);
    await panel(page, lang).getByRole('button', { name: tr(lang, isEnded(s, state) ? 'scenario.toDebrief' : 'scenario.continue') }).click();
  }

  await expectDebrief(page, lang, s, state);
  // One chart per decision, each with every option's count.
  for (const [i, votes] of entered.entries()) {
    const chart = debrief(page, lang).getByRole('table', { name: new RegExp(tr(lang, 'scenario.votesAt', { number: i + 1 })) });
    await expect(chart).toBeVisible();
    for (const n of Object.values(votes)) await expect(chart).toContainText(String(n));
  }
  await expectAccessible(page, 'class debrief with charts (kk)');

  await expect.poll(async () => (await dbRows<PlayRow>(page, 'plays'))[0]?.endedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const decisions = (await dbRows<DecisionRow>(page, 'decisions')).sort((a, b) => a.step - b.step);
  expect(decisions.map((d) => d.votes)).toEqual(entered);
  expect((await dbRows<PlayRow>(page, 'plays'))[0]?.mode).toBe('class');
});

test('replay: from the debrief the pupil goes back to a decision, tries the other option, and the new play remembers the old', async ({ openApp }) => {
  const lang: Lang = 'ru';
  const s = builtinScenario('prize-sms');
  const page = await openApp(lang);
  await openScenario(page, lang, s, 'pupil');
  const first = walk(s, () => 0);
  for (const step of first.steps) {
    const choice = visibleChoices(s, step.state).find((c) => c.id === step.choiceId);
    await panel(page, lang).getByRole('button', { name: textIn(choice?.label ?? {}, lang) }).click();
    const next = panel(page, lang).getByRole('button', { name: new RegExp(`^(${tr(lang, 'scenario.continue')}|${tr(lang, 'scenario.toDebrief')})$`) });
    if (choice?.feedback) await next.click();
  }
  await expectDebrief(page, lang, s, first.end);

  await debrief(page, lang).getByRole('button', { name: tr(lang, 'scenario.replayFrom', { number: 1 }) }).click();
  const start = startScenario(s);
  await expectNode(page, lang, s, start);
  await expect(panel(page, lang).getByRole('heading', { level: 2 })).toBeFocused();
  // This time the last option.
  const other = walk(s, (i, count) => (i === 0 ? count - 1 : 0));
  for (const step of other.steps) {
    const choice = visibleChoices(s, step.state).find((c) => c.id === step.choiceId);
    await panel(page, lang).getByRole('button', { name: textIn(choice?.label ?? {}, lang) }).click();
    if (choice?.feedback) await panel(page, lang).getByRole('button').last().click();
  }
  await expectDebrief(page, lang, s, other.end);

  await expect.poll(async () => (await dbRows<PlayRow>(page, 'plays')).filter((p) => p.endedAt).length).toBe(2);
  const plays = await dbRows<PlayRow>(page, 'plays');
  expect(plays).toHaveLength(2);
  const replayPlay = plays.find((p) => p.replayOf);
  const firstPlay = plays.find((p) => !p.replayOf);
  expect(replayPlay?.replayOf).toEqual({ playId: firstPlay?.id, step: 0 });
  expect(replayPlay?.endingNode).toBe(other.end.node);
  expect(firstPlay?.endingNode).toBe(first.end.node);
  const decisions = await dbRows<DecisionRow>(page, 'decisions');
  expect(decisions.filter((d) => d.playId === replayPlay?.id).map((d) => d.choiceId)).toEqual(other.steps.map((st) => st.choiceId));
});

test('the keyboard alone plays a scenario: Tab to a choice, Enter, and focus lands on the next question', async ({ openApp }) => {
  const lang: Lang = 'en';
  const s = builtinScenario('new-app-privacy');
  const page = await openApp(lang);
  await openScenario(page, lang, s, 'pupil');
  const { steps, end } = walk(s, () => 0);
  for (const step of steps) {
    const choice = visibleChoices(s, step.state).find((c) => c.id === step.choiceId);
    await tabTo(page, panel(page, lang).getByRole('button', { name: textIn(choice?.label ?? {}, lang) }));
    await page.keyboard.press('Enter');
    if (choice?.feedback) {
      await tabTo(page, panel(page, lang).getByRole('button').last());
      await page.keyboard.press('Enter');
    }
    if (!isEnded(s, choose(s, step.state, step.choiceId))) await expect(panel(page, lang).getByRole('heading', { level: 2 })).toBeFocused();
  }
  await expectDebrief(page, lang, s, end);
});

test("author preview: a .qpack is checked without importing it, and any node can be opened in any language", async ({ openApp }) => {
  const lang: Lang = 'en';
  const page = await openApp(lang);
  await page.getByRole('navigation', { name: tr(lang, 'nav.label') }).getByRole('link', { name: tr(lang, 'nav.scenarios') }).click();
  await page.getByRole('link', { name: tr(lang, 'preview.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'preview.title') })).toBeFocused();
  const packsBefore = await dbRows<{ id: string }>(page, 'packs');

  // A broken pack: its problems, with file and line, and nothing stored.
  await page.setInputFiles('#preview-file', qpack('duplicate-id'));
  await expect(page.getByRole('alert')).toContainText(tr(lang, 'preview.problems', { name: 'duplicate-id.qpack' }));
  await expect(page.getByRole('alert').getByRole('listitem').first()).toContainText(/\.md:\d+/);

  // A pack without scenarios says so.
  await page.setInputFiles('#preview-file', qpack('good'));
  await expect(page.getByText(tr(lang, 'preview.noScenarios', { name: 'good.qpack' }))).toBeVisible();

  // The built-in pack, as an author would build it: jump to a node in the middle, in Russian.
  await page.setInputFiles('#preview-file', join(ROOT, 'out', 'pack', 'builtin.qpack'));
  await expect(page.getByText(tr(lang, 'preview.loaded', { name: 'builtin.qpack', count: BUILTIN_SCENARIO_IDS.length }))).toBeVisible();
  const s = builtinScenario('game-chat-stranger');
  const middle = s.nodes.find((n) => n.id !== s.start && !n.ending && !n.when && n.choices?.every((c) => !c.when));
  if (!middle) throw new Error('game-chat-stranger needs a plain node besides its start');
  await page.getByLabel(tr(lang, 'preview.scenario'), { exact: true }).selectOption('game-chat-stranger');
  await page.getByLabel(tr(lang, 'preview.language'), { exact: true }).selectOption('ru');
  await page.getByLabel(tr(lang, 'preview.node'), { exact: true }).selectOption(middle.id);
  await page.getByRole('button', { name: tr(lang, 'preview.show') }).click();
  await expect(page.getByText(tr(lang, 'preview.notStored'))).toBeVisible();
  await expectNode(page, lang, s, startAt(s, middle.id), 'ru');
  await expectAccessible(page, 'author preview (en UI, ru scenario)');

  // Playing on in the preview stores nothing.
  const choice = middle.choices?.[0];
  await panel(page, lang).getByRole('button', { name: textIn(choice?.label ?? {}, 'ru') }).click();
  expect(await dbRows(page, 'plays')).toEqual([]);
  expect(await dbRows(page, 'decisions')).toEqual([]);
  expect(await dbRows<{ id: string }>(page, 'packs')).toEqual(packsBefore);
});
