import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
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

describe('database upgrades', () => {
  it('a library written by schema version 1 opens in the current version with nothing lost', async () => {
    const name = `upgrade-test-${++dbCount}`;
    // A library as the first release wrote it: its schema, and rows of every table.
    const v1 = new Dexie(name, dbOptions);
    v1.version(1).stores({
      packs: 'id',
      lessons: 'key, packId, [packId+lessonId], lang, topic, *ageBands',
      lessonContent: 'key, packId',
      media: 'sha256',
      packMedia: '[packId+path], packId, sha256',
      settings: 'key',
    });
    const rows = {
      packs: [{ id: 'qorgau-core', version: '1.0.0', meta: { id: 'qorgau-core' }, builtin: true, importedAt: 1 }],
      lessons: [
        { key: 'qorgau-core/kind-words/kk', packId: 'qorgau-core', lessonId: 'kind-words', lang: 'kk', title: 'Жылы сөз', topic: 'cyberbullying', ageBands: ['10-12'], minutes: 45, order: 1, objectives: ['a'], vocabulary: [] },
      ],
      lessonContent: [{ key: 'qorgau-core/kind-words/kk', packId: 'qorgau-core', body: '# Жылы сөз', text: 'Жылы сөз' }],
      media: [{ sha256: 'a'.repeat(64), blob: 'picture bytes', type: 'image/png', size: 13 }],
      packMedia: [{ packId: 'qorgau-core', path: 'media/a.png', sha256: 'a'.repeat(64) }],
      settings: [{ key: 'school', value: { code: '7B' } }],
    };
    for (const [table, list] of Object.entries(rows)) await v1.table(table).bulkAdd(list);
    v1.close();

    const v2 = new QorgauDb(name, dbOptions);
    await v2.open();
    expect(v2.verno).toBe(6);
    for (const [table, list] of Object.entries(rows)) expect(await v2.table(table).toArray(), table).toEqual(list);
    expect(await v2.scenarios.count()).toBe(0);
    // And the new version works on the upgraded library.
    await importPack(await packFolderFiles(packWithScenario(PRIZE)), new DexiePackStore(v2));
    expect(await v2.scenarios.count()).toBe(1);
    expect(await v2.packs.count()).toBe(2);
    v2.close();
  });

  it('a library written by schema version 2, scenarios included, opens in the current version with nothing lost', async () => {
    const name = `upgrade-test-${++dbCount}`;
    const first = new QorgauDb(name, dbOptions);
    await importPack(await packFolderFiles(packWithScenario(PRIZE)), new DexiePackStore(first));
    first.close();
    // The same library as version 2 wrote it: version 3 only adds tables.
    const v2 = new Dexie(name, dbOptions);
    v2.version(2).stores({
      packs: 'id',
      lessons: 'key, packId, [packId+lessonId], lang, topic, *ageBands',
      lessonContent: 'key, packId',
      media: 'sha256',
      packMedia: '[packId+path], packId, sha256',
      settings: 'key',
      scenarios: 'key, packId, skin, topic',
    });
    await v2.open();
    const before: Record<string, unknown[]> = {};
    for (const table of v2.tables) before[table.name] = await table.toArray();
    expect(before.scenarios).toHaveLength(1);
    v2.close();

    const v3 = new QorgauDb(name, dbOptions);
    await v3.open();
    expect(v3.verno).toBe(6);
    for (const [table, list] of Object.entries(before)) expect(await v3.table(table).toArray(), table).toEqual(list);
    await v3.plays.add({
      id: 'p1', scenarioKey: 'p/prize', packId: 'p', packVersion: '1.0.0', scenarioId: 'prize', lang: 'en', mode: 'pupil',
      player: { kind: 'anonymous', session: 's' }, startedAt: 1,
    });
    await v3.decisions.add({ playId: 'p1', scenarioKey: 'p/prize', step: 0, nodeId: 'inbox', choiceId: 'open', decidedAt: 2, ms: 1 });
    expect(await v3.decisions.where('playId').equals('p1').count()).toBe(1);
    v3.close();
  });

  it('a library written by schema version 3, plays and decisions included, opens in the current version with nothing lost, and then takes worksheets', async () => {
    const name = `upgrade-test-${++dbCount}`;
    const v3 = new Dexie(name, dbOptions);
    v3.version(3).stores({
      packs: 'id',
      lessons: 'key, packId, [packId+lessonId], lang, topic, *ageBands',
      lessonContent: 'key, packId',
      media: 'sha256',
      packMedia: '[packId+path], packId, sha256',
      settings: 'key',
      scenarios: 'key, packId, skin, topic',
      plays: 'id, scenarioKey, startedAt',
      decisions: '++seq, playId, scenarioKey',
    });
    const rows = {
      plays: [
        {
          id: 'p1', scenarioKey: 'qorgau-core/prize-sms', packId: 'qorgau-core', packVersion: '1.1.0', scenarioId: 'prize-sms', lang: 'kk', mode: 'class',
          player: { kind: 'anonymous', session: 's1' }, startedAt: 10, endedAt: 20, endingNode: 'end-safe', outcome: 'safe', skills: { help: 2 },
        },
      ],
      decisions: [
        { seq: 1, playId: 'p1', scenarioKey: 'qorgau-core/prize-sms', step: 0, nodeId: 'sms', choiceId: 'ask', decidedAt: 15, ms: 4000, votes: { ask: 20, open: 6 } },
      ],
      settings: [{ key: 'school', value: { code: '7B' } }],
    };
    for (const [table, list] of Object.entries(rows)) await v3.table(table).bulkAdd(list);
    v3.close();

    const v4 = new QorgauDb(name, dbOptions);
    await v4.open();
    expect(v4.verno).toBe(6);
    for (const [table, list] of Object.entries(rows)) expect(await v4.table(table).toArray(), table).toEqual(list);
    await importPack(await packFolderFiles(join(FIXTURES, 'packs/good-worksheets')), new DexiePackStore(v4));
    expect((await v4.worksheets.toArray()).map((w) => w.key).sort()).toEqual([
      'fixture-worksheets/first-steps-letter/en',
      'fixture-worksheets/first-steps-letter/kk',
      'fixture-worksheets/first-steps-quiz/en',
      'fixture-worksheets/first-steps-quiz/kk',
    ]);
    v4.close();
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

describe('the classroom database (version 5)', () => {
  it('a library written by schema version 4 opens in the current version with nothing lost, and stores quizzes with their pack', async () => {
    const name = `upgrade-test-${++dbCount}`;
    const v4 = new Dexie(name, dbOptions);
    v4.version(4).stores({
      packs: 'id',
      lessons: 'key, packId, [packId+lessonId], lang, topic, *ageBands',
      lessonContent: 'key, packId',
      media: 'sha256',
      packMedia: '[packId+path], packId, sha256',
      settings: 'key',
      scenarios: 'key, packId, skin, topic',
      plays: 'id, scenarioKey, startedAt',
      decisions: '++seq, playId, scenarioKey',
      worksheets: 'key, packId, [packId+lesson], lang',
    });
    const rows = {
      worksheets: [{ key: 'p/w/kk', packId: 'p', worksheetId: 'w', lesson: 'l', kind: 'worksheet', lang: 'kk', title: 'Т', worksheet: { id: 'w', items: [] } }],
      plays: [{ id: 'p1', scenarioKey: 'p/s', packId: 'p', packVersion: '1.0.0', scenarioId: 's', lang: 'kk', mode: 'pupil', player: { kind: 'anonymous', session: 'x' }, startedAt: 1 }],
      settings: [{ key: 'print', value: 1 }],
    };
    for (const [table, list] of Object.entries(rows)) await v4.table(table).bulkAdd(list);
    v4.close();

    const v5 = new QorgauDb(name, dbOptions);
    await v5.open();
    expect(v5.verno).toBe(6);
    for (const [table, list] of Object.entries(rows)) expect(await v5.table(table).toArray(), table).toEqual(list);
    for (const table of ['quizzes', 'classes', 'pupils', 'assignments', 'attempts', 'lessonProgress', 'scenarioResults']) {
      expect(await v5.table(table).count(), table).toBe(0);
    }
    await importPack(await packFolderFiles(join(FIXTURES, 'packs/good-quizzes')), new DexiePackStore(v5));
    const quizzes = await v5.quizzes.toArray();
    expect(quizzes.length).toBeGreaterThan(0);
    for (const q of quizzes) expect(q.key).toBe(`${q.packId}/${q.quizId}`);
    v5.close();
  });
});
