import pg from 'pg';
import type { StatsBatch } from '../core/stats/schema';
import {
  byCodes,
  checkCode,
  checkName,
  FINGERPRINT_LENGTH,
  fingerprint,
  hashToken,
  isoTime,
  mergeCounts,
  newToken,
  oneToken,
  type School,
  type SchoolSqlRow,
  SCHOOLS_SQL,
  type Storage,
  StorageError,
  SUM_SQL,
  SUMMARY_SQL,
  type SumSqlRow,
  toSchoolList,
  toSumRow,
} from './storage';

/** Schema versions, applied in order; the `migrations` table records which ran. The same tables as SQLite. Never edit one: add the next. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE regions (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
   CREATE TABLE schools (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, region_id INTEGER NOT NULL REFERENCES regions(id),
     code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
   CREATE TABLE tokens (hash TEXT PRIMARY KEY, school_id INTEGER NOT NULL REFERENCES schools(id), created_at TIMESTAMPTZ NOT NULL);
   CREATE TABLE batches (school_id INTEGER NOT NULL REFERENCES schools(id), key TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL,
     app_version TEXT NOT NULL, counts INTEGER NOT NULL, PRIMARY KEY (school_id, key));
   CREATE TABLE counts (school_id INTEGER NOT NULL REFERENCES schools(id), day TEXT NOT NULL, pack_id TEXT NOT NULL,
     pack_version TEXT NOT NULL, metric TEXT NOT NULL, item TEXT NOT NULL, lang TEXT NOT NULL, count BIGINT NOT NULL,
     PRIMARY KEY (school_id, day, pack_id, pack_version, metric, item, lang));`,
  // 2: revoked tokens are kept, marked (a nullable column: no table rewrite).
  `ALTER TABLE tokens ADD COLUMN revoked_at TIMESTAMPTZ;
   CREATE INDEX tokens_school ON tokens (school_id);`,
];

/** Serialises schema creation between several collectors starting at once. */
const MIGRATION_LOCK = 0x716f7267; // "qorg"

/** PostgreSQL through a pg Pool; `url` is a DATABASE_URL. */
export async function openPostgres(url: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle connection dropped (server restart): the pool opens a new one on the next query.
  });
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }

  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await pool.query<T>(sql, params)).rows[0];

  return {
    kind: 'postgres',
    async addRegion(code, name) {
      checkCode('Region', code);
      checkName('Region', name);
      const r = await pool.query('INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [code, name]);
      if (r.rowCount === 0) throw new StorageError(`Region ${code} exists already`);
    },
    async addSchool(region, code, name) {
      checkCode('School', code);
      checkName('School', name);
      const r = await one<{ id: number }>('SELECT id FROM regions WHERE code = $1', [region]);
      if (!r) throw new StorageError(`No region ${region}: add it first`);
      const s = await pool.query('INSERT INTO schools (region_id, code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [r.id, code, name]);
      if (s.rowCount === 0) throw new StorageError(`School ${code} exists already`);
    },
    async addToken(school) {
      const s = await one<{ id: number }>('SELECT id FROM schools WHERE code = $1', [school]);
      if (!s) throw new StorageError(`No school ${school}`);
      const token = newToken();
      await pool.query('INSERT INTO tokens (hash, school_id, created_at) VALUES ($1, $2, now())', [hashToken(token), s.id]);
      return token;
    },
    async schoolForToken(hash) {
      return one<School>(
        `SELECT s.id AS id, s.code AS code, s.name AS name, r.code AS region
         FROM tokens t JOIN schools s ON s.id = t.school_id JOIN regions r ON r.id = s.region_id
         WHERE t.hash = $1 AND t.revoked_at IS NULL`,
        [hash],
      );
    },
    async listRegions() {
      const rows = await pool.query<{ code: string; name: string; schools: string }>(
        'SELECT r.code AS code, r.name AS name, (SELECT COUNT(*) FROM schools s WHERE s.region_id = r.id) AS schools FROM regions r',
      );
      return rows.rows.map((r) => ({ code: r.code, name: r.name, schools: Number(r.schools) })).sort(byCodes((r) => [r.code]));
    },
    async listSchools(region) {
      if (region !== undefined && !(await one('SELECT 1 FROM regions WHERE code = $1', [region]))) throw new StorageError(`No region ${region}`);
      // The batch count and the last arrival come from the school's range of the batches' primary key (school_id, key).
      const rows = await pool.query<SchoolSqlRow>(`${SCHOOLS_SQL} ${region === undefined ? '' : 'WHERE r.code = $1'}`, region === undefined ? [] : [region]);
      return toSchoolList(rows.rows);
    },
    async listTokens(school) {
      const s = await one<{ id: number }>('SELECT id FROM schools WHERE code = $1', [school]);
      if (!s) throw new StorageError(`No school ${school}`);
      const rows = await pool.query<{ hash: string; created: Date; revoked: Date | null }>(
        'SELECT hash, created_at AS created, revoked_at AS revoked FROM tokens WHERE school_id = $1 ORDER BY created_at, hash COLLATE "C"',
        [s.id],
      );
      return rows.rows.map((t) => ({ fingerprint: fingerprint(t.hash), createdAt: isoTime(t.created)!, revokedAt: isoTime(t.revoked) }));
    },
    async revokeToken(match) {
      const where = 'hash' in match ? 't.hash = $1' : `substr(t.hash, 1, ${FINGERPRINT_LENGTH}) = $1`;
      const rows = await pool.query<{ hash: string; school: string }>(
        `SELECT t.hash AS hash, s.code AS school FROM tokens t JOIN schools s ON s.id = t.school_id WHERE ${where}`,
        ['hash' in match ? match.hash : match.fingerprint],
      );
      const token = oneToken(rows.rows, match);
      // The first revocation sets the date; a later (or concurrent) one keeps it and reads it back.
      const updated = await one<{ revoked: Date }>(
        'UPDATE tokens SET revoked_at = now() WHERE hash = $1 AND revoked_at IS NULL RETURNING revoked_at AS revoked',
        [token.hash],
      );
      const revoked = updated ?? (await one<{ revoked: Date }>('SELECT revoked_at AS revoked FROM tokens WHERE hash = $1', [token.hash]));
      return { school: token.school, fingerprint: fingerprint(token.hash), revokedAt: isoTime(revoked?.revoked)!, already: !updated };
    },
    async revokeSchoolTokens(school) {
      const s = await one<{ id: number }>('SELECT id FROM schools WHERE code = $1', [school]);
      if (!s) throw new StorageError(`No school ${school}`);
      const r = await pool.query('UPDATE tokens SET revoked_at = now() WHERE school_id = $1 AND revoked_at IS NULL', [s.id]);
      return r.rowCount ?? 0;
    },
    async storeBatch(school: School, batch: StatsBatch) {
      // One statement, so one transaction and one round trip: the batch key is inserted, and the counts
      // are added only when it was new. A second send of the same key waits on the key's unique index
      // for the first to commit, then inserts nothing and adds nothing.
      const counts = mergeCounts(batch.counts);
      const result = await pool.query<{ stored: string }>(
        `WITH batch AS (
           INSERT INTO batches (school_id, key, received_at, app_version, counts) VALUES ($1, $2, now(), $3, $4)
           ON CONFLICT DO NOTHING RETURNING 1
         ), added AS (
           INSERT INTO counts (school_id, day, pack_id, pack_version, metric, item, lang, count)
           SELECT $1, u.* FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[]) AS u
           WHERE EXISTS (SELECT 1 FROM batch)
           ON CONFLICT (school_id, day, pack_id, pack_version, metric, item, lang) DO UPDATE SET count = counts.count + excluded.count
           RETURNING 1
         )
         SELECT (SELECT COUNT(*) FROM batch) AS stored, (SELECT COUNT(*) FROM added) AS added`,
        [
          school.id,
          batch.key,
          batch.appVersion,
          batch.counts.length,
          counts.map((c) => c.day),
          counts.map((c) => c.packId),
          counts.map((c) => c.packVersion),
          counts.map((c) => c.metric),
          counts.map((c) => c.item),
          counts.map((c) => c.lang),
          counts.map((c) => c.count),
        ],
      );
      return Number(result.rows[0]?.stored) === 1 ? 'stored' : 'duplicate';
    },
    async sums(by) {
      return (await pool.query<SumSqlRow>(SUM_SQL[by])).rows.map(toSumRow);
    },
    async summary() {
      const s = (await one<Record<'regions' | 'schools' | 'reporting' | 'batches' | 'total', string>>(SUMMARY_SQL, []))!;
      return {
        regions: Number(s.regions),
        schools: Number(s.schools),
        reportingSchools: Number(s.reporting),
        batches: Number(s.batches),
        total: Number(s.total),
      };
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)');
    const current = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM migrations')).rows[0]?.v ?? 0);
    for (const [i, sql] of MIGRATIONS.entries()) {
      const version = i + 1;
      if (version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO migrations (version, applied_at) VALUES ($1, now())', [version]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
