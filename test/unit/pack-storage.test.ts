import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator, formatProblem } from '../../src/core/i18n';
import { importPack } from '../../src/core/pack/import';
import { loadPack } from '../../src/core/pack/load';
import { PackError } from '../../src/core/base/problems';
import { QorgauDb } from '../../src/renderer/data/database';
import { DexiePackStore } from '../../src/renderer/data/pack-store';
import { packFolderFiles } from '../../src/node/pack-folder';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PRIZE = readFileSync(join(FIXTURES, 'scenarios/prize-message.yaml'), 'utf8');
const dirs: string[] = [];

/** The good test pack with one scenario file added. */
function packWithScenario(text: string, version = '1.0.0'): string {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-scenario-pack-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, 'packs/good'), dir, { recursive: true });
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios/prize-message.yaml'), text);
  const yaml = join(dir, 'pack.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('version: 1.0.0', `version: ${version}`));
  return dir;
}

let dbCount = 0;
const dbOptions = { indexedDB, IDBKeyRange };
const freshDb = () => new QorgauDb(`scenario-test-${++dbCount}`, dbOptions);

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scenarios in a pack', () => {
  it('a pack with a scenario loads it, checked against the pack’s languages', async () => {
    const pack = await loadPack(await packFolderFiles(packWithScenario(PRIZE)));
    expect(pack.scenarios.map((s) => [s.scenarioId, s.path, s.scenario.skin])).toEqual([['prize-message', 'scenarios/prize-message.yaml', 'inbox']]);
  });

  it('a broken scenario refuses the pack with the scenario’s file and line', async () => {
    const broken = PRIZE.replace('next: login-page', 'next: log-in-page');
    const error = await loadPack(await packFolderFiles(packWithScenario(broken))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    const lines = (error as PackError).problems.map((p) => formatProblem(createTranslator('en'), p));
    expect(lines).toEqual(['scenarios/prize-message.yaml:59:15: there is no node “log-in-page” in this scenario.']);
  });

  it('importing stores the scenario; a newer version replaces it, with nothing left of the old one', async () => {
    const db = freshDb();
    const store = new DexiePackStore(db);
    await importPack(await packFolderFiles(packWithScenario(PRIZE)), store);
    const stored = await db.scenarios.toArray();
    expect(stored.map((s) => [s.key, s.skin, s.topic, s.minutes])).toEqual([['fixture-good/prize-message', 'inbox', 'scams', 15]]);
    expect(stored[0]?.scenario.start).toBe('inbox');

    const renamed = PRIZE.replace('en: "The prize email"', 'en: "The prize email, again"');
    await importPack(await packFolderFiles(packWithScenario(renamed, '1.1.0')), store);
    const after = await db.scenarios.toArray();
    expect(after).toHaveLength(1);
    expect(after[0]?.scenario.title.en).toBe('The prize email, again');
  });
});


describe('worksheets in a pack', () => {
  it('are stored per language with their lesson, kind and model, and replaced when the pack is updated', async () => {
    const db = freshDb();
    const store = new DexiePackStore(db);
    const dir = mkdtempSync(join(tmpdir(), 'qorgau-worksheet-pack-'));
    dirs.push(dir);
    cpSync(join(FIXTURES, 'packs/good-worksheets'), dir, { recursive: true });
    await importPack(await packFolderFiles(dir), store);
    const quiz = await db.worksheets.get('fixture-worksheets/first-steps-quiz/kk');
    expect(quiz).toMatchObject({ packId: 'fixture-worksheets', worksheetId: 'first-steps-quiz', lesson: 'first-steps', kind: 'worksheet', lang: 'kk' });
    expect(quiz?.worksheet.items.length).toBeGreaterThan(0);
    expect((await db.worksheets.where('[packId+lesson]').equals(['fixture-worksheets', 'first-steps']).toArray()).length).toBe(4);

    // A newer version without the letter: the letter is gone, nothing is left over.
    rmSync(join(dir, 'worksheets/first-steps-letter'), { recursive: true });
    const yaml = join(dir, 'pack.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/version: \S+/, 'version: 9.0.0'));
    await importPack(await packFolderFiles(dir), store);
    expect((await db.worksheets.toArray()).map((w) => w.worksheetId).sort()).toEqual(['first-steps-quiz', 'first-steps-quiz']);
    db.close();
  });
});

