/**
 * The built-in pack's worksheets and family letters: one of each for every
 * lesson, in every language, complete enough to print an answer key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n';
import { loadPack } from '../../src/core/pack/load';
import { worksheetsOfLesson } from '../../src/core/worksheet/lint';
import { isQuestion, type Question } from '../../src/core/worksheet/model';
import { createWorksheetRenderer, worksheetLabels } from '../../src/core/worksheet/render';
import { QUESTION_KINDS } from '../../src/core/worksheet/schema';
import { packFolderFiles } from '../../src/node/pack-folder';

const pack = await loadPack(await packFolderFiles('lessons'));
const lessonIds = [...new Set(pack.lessons.map((l) => l.lessonId))];
const sheets = pack.worksheets.filter((w) => w.worksheet.kind === 'worksheet');
const letters = pack.worksheets.filter((w) => w.worksheet.kind === 'family-letter');

/** The teacher's answer of a question: its `answer:` text, or what its structure marks as right. */
const hasAnswer = (q: Question) => q.answer !== undefined || q.kind === 'choice' || q.kind === 'truefalse' || q.kind === 'match' || q.kind === 'order';

describe('the built-in worksheets and family letters', () => {
  it('every lesson lists its worksheet first and its family letter last (cut-out cards and handouts between), in kk, ru and en', () => {
    expect(lessonIds.length).toBeGreaterThanOrEqual(13);
    for (const lessonId of lessonIds) {
      for (const lang of pack.meta.languages) {
        const ids = worksheetsOfLesson(pack.worksheets, lessonId, lang).map((w) => w.worksheetId);
        expect(ids[0], `${lessonId} ${lang}`).toBe(`${lessonId}-worksheet`);
        expect(ids.at(-1), `${lessonId} ${lang}`).toBe(`${lessonId}-family-letter`);
        for (const id of ids) expect(id.startsWith(`${lessonId}-`) || id.startsWith('platform-card-'), `${lessonId} ${lang}: ${id}`).toBe(true);
      }
    }
  });

  it('each worksheet asks 6 to 10 questions, and every question has the teacher’s answer', () => {
    for (const { path, worksheet } of sheets) {
      const questions = worksheet.items.filter(isQuestion);
      expect(questions.length, path).toBeGreaterThanOrEqual(6);
      expect(questions.length, path).toBeLessThanOrEqual(10);
      for (const q of questions) expect(hasAnswer(q), `${path} question ${q.number}`).toBe(true);
    }
  });

  it('together they use every kind of question block', () => {
    const kinds = new Set(sheets.flatMap((w) => w.worksheet.items.filter(isQuestion).map((q) => q.kind)));
    expect([...kinds].sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it('each family letter gives three things to talk about and no helpline number: the app adds the pack’s help list', () => {
    const phones = (pack.meta.help ?? []).flatMap((h) => (h.phone ? [h.phone] : []));
    expect(phones).toEqual(['150', '111', '102', '112']);
    for (const { path, worksheet } of letters) {
      const talks = worksheet.items.filter((i) => i.kind === 'talk');
      expect(talks.map((t) => t.points.length), path).toEqual([3]);
      const text = worksheet.items.map((i) => (i.kind === 'prose' ? i.markdown : i.kind === 'talk' ? [i.intro, ...i.points].join(' ') : '')).join(' ');
      for (const phone of phones) expect(text, path).not.toMatch(new RegExp(`(^|\\D)${phone}(\\D|$)`));
    }
  });

  it('the Kazakh texts are written in Kazakh', () => {
    for (const { path, worksheet } of pack.worksheets.filter((w) => w.lang === 'kk')) {
      const text = JSON.stringify(worksheet.items).toLowerCase();
      const cyrillic = [...text].filter((c) => c >= '\u0400' && c <= '\u04ff');
      const kazakh = cyrillic.filter((c) => 'әғқңөұүһі'.includes(c));
      expect(kazakh.length / cyrillic.length, path).toBeGreaterThan(0.08);
    }
  });

  it('no pupil copy shows an answer', () => {
    for (const { path, lang, worksheet } of sheets) {
      const render = createWorksheetRenderer({ copy: 'pupil', labels: worksheetLabels(createTranslator(lang)), resolveImage: () => null });
      for (const q of worksheet.items.filter(isQuestion)) {
        const html = render(q);
        expect(html, `${path} question ${q.number}`).not.toMatch(/ws-answer|ws-ticked|ws-correct|ws-filled|✓/);
        if (q.answer) expect(html).not.toContain(q.answer.slice(0, 40));
      }
    }
  });
});

describe('the platform cards', () => {
  const REAL_APPS = /\b(tiktok|instagram|whatsapp|telegram|youtube|vk|вконтакте|roblox|standoff|brawl\s+stars)\b/i;
  const cards = pack.worksheets.filter((w) => w.worksheetId.startsWith('platform-card-'));

  it('one handout per platform pupils here use, in every language, each with the date it was checked', () => {
    const ids = new Set(cards.map((c) => c.worksheetId));
    expect([...ids].sort()).toEqual(
      ['brawl-stars', 'instagram', 'roblox', 'standoff-2', 'telegram', 'tiktok', 'vk', 'whatsapp', 'youtube'].map((p) => `platform-card-${p}`),
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const id of ids) {
      const versions = cards.filter((c) => c.worksheetId === id);
      expect(versions.map((c) => c.lang).sort(), id).toEqual([...pack.meta.languages].sort());
      for (const c of versions) {
        expect(c.worksheet.kind, c.path).toBe('handout');
        expect(c.worksheet.checked, `${c.path}: the date its facts were checked`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(c.worksheet.checked! <= today, `${c.path}: checked in the future`).toBe(true);
        expect(c.worksheet.checked, `${c.path}: the same date as the other languages`).toBe(versions[0]?.worksheet.checked);
      }
    }
  });

  it('the pack’s README tells whoever keeps the pack how to refresh them', () => {
    const readme = readFileSync('lessons/README.md', 'utf8');
    expect(readme).toMatch(/platform cards/i);
    expect(readme).toMatch(/checked:/);
    expect(readme).toMatch(/pack lint/);
  });

  it('are the only place real apps are named: lessons, scenarios, quizzes and other sheets use invented ones', () => {
    const texts = [
      ...pack.lessons.map((l) => ({ path: l.path, text: l.body })),
      ...pack.scenarios.map((s) => ({ path: s.path, text: JSON.stringify(s.scenario) })),
      ...pack.quizzes.map((q) => ({ path: q.path, text: JSON.stringify(q.quiz) })),
      ...pack.worksheets.filter((w) => !w.worksheetId.startsWith('platform-card-')).map((w) => ({ path: w.path, text: JSON.stringify(w.worksheet) })),
    ];
    for (const { path, text } of texts) expect(REAL_APPS.exec(text)?.[0], path).toBeUndefined();
  });
});
