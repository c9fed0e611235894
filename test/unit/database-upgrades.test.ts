/**
 * Every earlier version of the app's database, as that version wrote it
 * (test/fixtures/db/v<N>.json: its stores and a row of every table), opens
 * in today's code with nothing lost, and today's repositories work on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { classroomRepository } from '../../src/renderer/data/classroom';
import { QorgauDb } from '../../src/renderer/data/database';
import { packsRepository } from '../../src/renderer/data/packs';
import { statisticsRepository } from '../../src/renderer/data/statistics';

const DIR = fileURLToPath(new URL('../fixtures/db/', import.meta.url));
interface Fixture {
  version: number;
  stores: Record<string, string>;
  rows: Record<string, unknown[]>;
}
const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);
const options = { indexedDB, IDBKeyRange };

/** What an upgrade is meant to change in a row: since version 7, plays and decisions keep ISO times. */
function upgraded(table: string, row: unknown, version: number): unknown {
  if (version >= 7 || (table !== 'plays' && table !== 'decisions')) return row;
  const copy = { ...(row as Record<string, unknown>) };
  for (const field of ['startedAt', 'endedAt', 'decidedAt']) if (typeof copy[field] === 'number') copy[field] = new Date(copy[field]).toISOString();
  return copy;
}

describe('database upgrades from real fixtures', () => {
  it('there is a fixture for every version before today’s', async () => {
    const today = new QorgauDb('upgrade-version-probe', options);
    await today.open();
    expect(fixtures.map((f) => f.version)).toEqual(Array.from({ length: today.verno - 1 }, (_, i) => i + 1));
    today.close();
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('a library written by version %i opens with every row kept, and today’s repositories work on it', async (version, fixture) => {
    const name = `upgrade-from-v${version}`;
    const old = new Dexie(name, options);
    old.version(version).stores(fixture.stores);
    await old.open();
    for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkAdd(rows);
    old.close();

    const db = new QorgauDb(name, options);
    await db.open();
    for (const [table, rows] of Object.entries(fixture.rows)) expect(await db.table(table).toArray(), table).toEqual(rows.map((row) => upgraded(table, row, version)));
    // Tables that came after it are there, empty.
    for (const table of db.tables.filter((t) => !(t.name in fixture.rows))) expect(await table.count(), table.name).toBe(0);

    const packs = packsRepository(db);
    expect((await packs.library()).lessons.map((l) => l.title)).toEqual(['Жылы сөз']);
    expect((await packs.lesson('qorgau-core', 'kind-words', 'kk'))?.content.body).toContain('Мәтін');
    const classroom = classroomRepository(db);
    expect(await classroom.installId()).toBe('0123456789abcdefghjkmnpqrs');
    expect((await classroom.classesWithCounts()).map((c) => [c.code, c.pupils])).toEqual(version >= 5 ? [['7B', 1]] : []);
    expect((await statisticsRepository(db).state()).records.map((r) => r.state)).toEqual(version >= 6 ? ['sent'] : []);
    db.close();
  });
});
