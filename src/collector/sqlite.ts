import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
  type Revoked,
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

/** Schema versions, applied in order; the `migrations` table records which ran. Never edit one: add the next. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE regions (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
   CREATE TABLE schools (id INTEGER PRIMARY KEY, region_id INTEGER NOT NULL REFERENCES regions(id), code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
   CREATE TABLE tokens (hash TEXT PRIMARY KEY, school_id INTEGER NOT NULL REFERENCES schools(id), created_at TEXT NOT NULL);
   CREATE TABLE batches (school_id INTEGER NOT NULL REFERENCES schools(id), key TEXT NOT NULL, received_at TEXT NOT NULL,
     app_version TEXT NOT NULL, counts INTEGER NOT NULL, PRIMARY KEY (school_id, key));
   CREATE TABLE counts (school_id INTEGER NOT NULL REFERENCES schools(id), day TEXT NOT NULL, pack_id TEXT NOT NULL,
     pack_version TEXT NOT NULL, metric TEXT NOT NULL, item TEXT NOT NULL, lang TEXT NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (school_id, day, pack_id, pack_version, metric, item, lang));`,
  // 2: revoked tokens are kept, marked, so a school's batches keep their token's history and list-tokens shows it.
  `ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
   CREATE INDEX tokens_school ON tokens (school_id);`,
];

export const SQLITE_DEFAULT_PATH = './collector-data/collector.sqlite';

/** SQLite through better-sqlite3, in WAL mode; `:memory:` for tests. */
export function openSqlite(path = SQLITE_DEFAULT_PATH): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // with WAL: a commit survives a crash of the process; only a power cut may lose the last ones, which the schools then send again
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    regionId: db.prepare<[string], { id: number }>('SELECT id FROM regions WHERE code = ?'),
    schoolId: db.prepare<[string], { id: number }>('SELECT id FROM schools WHERE code = ?'),
    addRegion: db.prepare('INSERT INTO regions (code, name) VALUES (?, ?)'),
    addSchool: db.prepare('INSERT INTO schools (region_id, code, name) VALUES (?, ?, ?)'),
    addToken: db.prepare('INSERT INTO tokens (hash, school_id, created_at) VALUES (?, ?, ?)'),
    school: db.prepare<[string], School>(
      `SELECT s.id AS id, s.code AS code, s.name AS name, r.code AS region
       FROM tokens t JOIN schools s ON s.id = t.school_id JOIN regions r ON r.id = s.region_id
       WHERE t.hash = ? AND t.revoked_at IS NULL`,
    ),
    regions: db.prepare<[], { code: string; name: string; schools: number }>(
      'SELECT r.code AS code, r.name AS name, (SELECT COUNT(*) FROM schools s WHERE s.region_id = r.id) AS schools FROM regions r',
    ),
    tokens: db.prepare<[number], { hash: string; created: string; revoked: string | null }>(
      'SELECT hash, created_at AS created, revoked_at AS revoked FROM tokens WHERE school_id = ? ORDER BY created_at, hash',
    ),
    tokenByHash: db.prepare<[string], TokenRow>(
      'SELECT t.hash AS hash, s.code AS school, t.revoked_at AS revoked FROM tokens t JOIN schools s ON s.id = t.school_id WHERE t.hash = ?',
    ),
    tokenByFingerprint: db.prepare<[string], TokenRow>(
      `SELECT t.hash AS hash, s.code AS school, t.revoked_at AS revoked FROM tokens t JOIN schools s ON s.id = t.school_id
       WHERE substr(t.hash, 1, ${FINGERPRINT_LENGTH}) = ?`,
    ),
    revoke: db.prepare('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL'),
    revokeSchool: db.prepare('UPDATE tokens SET revoked_at = ? WHERE school_id = ? AND revoked_at IS NULL'),
    batch: db.prepare(
      'INSERT INTO batches (school_id, key, received_at, app_version, counts) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    count: db.prepare(
      `INSERT INTO counts (school_id, day, pack_id, pack_version, metric, item, lang, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (school_id, day, pack_id, pack_version, metric, item, lang) DO UPDATE SET count = count + excluded.count`,
    ),
    summary: db.prepare<[], { regions: number; schools: number; reporting: number; batches: number; total: number }>(SUMMARY_SQL),
  };
  // The batch count and the last arrival come from the school's range of the batches' primary key (school_id, key).
  const schools = {
    all: db.prepare<[], SchoolSqlRow>(SCHOOLS_SQL),
    region: db.prepare<[string], SchoolSqlRow>(`${SCHOOLS_SQL} WHERE r.code = ?`),
  };
  const sums = Object.fromEntries(Object.entries(SUM_SQL).map(([k, sql]) => [k, db.prepare<[], SumSqlRow>(sql)]));

  const store = db.transaction((school: School, batch: StatsBatch): 'stored' | 'duplicate' => {
    const counts = mergeCounts(batch.counts);
    const inserted = q.batch.run(school.id, batch.key, new Date().toISOString(), batch.appVersion, batch.counts.length);
    if (inserted.changes === 0) return 'duplicate';
    for (const c of counts) q.count.run(school.id, c.day, c.packId, c.packVersion, c.metric, c.item, c.lang, c.count);
    return 'stored';
  });

  const revoke = db.transaction((match: { hash: string } | { fingerprint: string }): Revoked => {
    const rows = 'hash' in match ? q.tokenByHash.all(match.hash) : q.tokenByFingerprint.all(match.fingerprint);
    const token = oneToken(rows, match);
    const now = new Date().toISOString();
    const already = q.revoke.run(now, token.hash).changes === 0;
    return { school: token.school, fingerprint: fingerprint(token.hash), revokedAt: isoTime(already ? token.revoked : now)!, already };
  });

  return {
    kind: 'sqlite',
    async addRegion(code, name) {
      checkCode('Region', code);
      checkName('Region', name);
      if (q.regionId.get(code)) throw new StorageError(`Region ${code} exists already`);
      q.addRegion.run(code, name);
    },
    async addSchool(region, code, name) {
      checkCode('School', code);
      checkName('School', name);
      const r = q.regionId.get(region);
      if (!r) throw new StorageError(`No region ${region}: add it first`);
      if (q.schoolId.get(code)) throw new StorageError(`School ${code} exists already`);
      q.addSchool.run(r.id, code, name);
    },
    async addToken(school) {
      const s = q.schoolId.get(school);
      if (!s) throw new StorageError(`No school ${school}`);
      const token = newToken();
      q.addToken.run(hashToken(token), s.id, new Date().toISOString());
      return token;
    },
    async schoolForToken(hash) {
      return q.school.get(hash);
    },
    async listRegions() {
      return q.regions.all().sort(byCodes((r) => [r.code]));
    },
    async listSchools(region) {
      if (region !== undefined && !q.regionId.get(region)) throw new StorageError(`No region ${region}`);
      return toSchoolList(region === undefined ? schools.all.all() : schools.region.all(region));
    },
    async listTokens(school) {
      const s = q.schoolId.get(school);
      if (!s) throw new StorageError(`No school ${school}`);
      return q.tokens.all(s.id).map((t) => ({ fingerprint: fingerprint(t.hash), createdAt: isoTime(t.created)!, revokedAt: isoTime(t.revoked) }));
    },
    async revokeToken(match) {
      return revoke.immediate(match);
    },
    async revokeSchoolTokens(school) {
      const s = q.schoolId.get(school);
      if (!s) throw new StorageError(`No school ${school}`);
      return q.revokeSchool.run(new Date().toISOString(), s.id).changes;
    },
    async storeBatch(school, batch) {
      return store.immediate(school, batch);
    },
    async sums(by) {
      return sums[by]!.all().map(toSumRow);
    },
    async summary() {
      const s = q.summary.get()!;
      return { regions: s.regions, schools: s.schools, reportingSchools: s.reporting, batches: s.batches, total: Number(s.total) };
    },
    async close() {
      db.close();
    },
  };
}

interface TokenRow {
  hash: string;
  school: string;
  revoked: string | null;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM migrations').get()?.v ?? 0;
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }).immediate();
  });
}
