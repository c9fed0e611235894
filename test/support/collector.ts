// Shared by the collector's tests and its benchmark: made-up batches and the storage backends to run against.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { METRICS, STATS_FORMAT, STATS_VERSION, type StatsBatch, type StatsCount, type StatsFile } from '../../src/core/stats/schema';
import { openPostgres } from '../../src/collector/postgres';
import { openSqlite } from '../../src/collector/sqlite';
import type { Storage } from '../../src/collector/storage';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random batch key or install ID: 26 Crockford base32 characters, lower case. */
export function randomKey(): string {
  return [...randomBytes(26)].map((b) => CROCKFORD[b % 32]).join('');
}

/** `n` different counts for one day (each ≥ 5), deterministic from `seed`. */
export function makeCounts(n: number, day = '2025-03-10', seed = 1): StatsCount[] {
  const langs = ['kk', 'ru', 'en'] as const;
  return Array.from({ length: n }, (_, i) => ({
    day,
    packId: 'qorgau-core',
    packVersion: '1.2.0',
    metric: METRICS[i % METRICS.length]!,
    item: i % 7 === 0 ? '*' : `lesson-${Math.floor(i / METRICS.length)}`,
    lang: langs[(i + seed) % 3]!,
    count: 5 + ((i * 7 + seed * 13) % 50),
  }));
}

export function makeBatch(counts: StatsCount[], key = randomKey()): StatsBatch {
  return { format: STATS_FORMAT, version: STATS_VERSION, key, install: randomKey(), appVersion: '0.1.0', uiLanguage: 'kk', counts };
}

export function makeFile(batches: StatsBatch[]): StatsFile {
  return { format: `${STATS_FORMAT}-file`, version: STATS_VERSION, batches };
}

export interface Backend {
  name: string;
  /** A new, empty database; closing it removes it (PostgreSQL: a schema of its own). */
  open: () => Promise<Storage>;
}

/** SQLite in memory always; PostgreSQL too when DATABASE_URL is set. */
export function backends(databaseUrl = process.env.DATABASE_URL): Backend[] {
  const list: Backend[] = [{ name: 'SQLite (in memory)', open: async () => openSqlite(':memory:') }];
  if (databaseUrl) list.push({ name: 'PostgreSQL (DATABASE_URL)', open: () => openPostgresSchema(databaseUrl) });
  return list;
}

/** A PostgreSQL storage in a fresh schema, so test files can run side by side on one database. */
export async function openPostgresSchema(databaseUrl: string, poolSize?: number): Promise<Storage> {
  const schema = `qorgau_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const storage = await openPostgres(url.toString(), poolSize);
  return {
    ...storage,
    async close() {
      await storage.close();
      const drop = new pg.Client({ connectionString: databaseUrl });
      await drop.connect();
      await drop.query(`DROP SCHEMA ${schema} CASCADE`);
      await drop.end();
    },
  };
}
