import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/collector/cli';
import { buildServer } from '../../src/collector/server';
import { MIGRATIONS, openSqlite } from '../../src/collector/sqlite';
import { fingerprint, hashToken, normalizeFingerprint, oneToken, type Storage, StorageError } from '../../src/collector/storage';
import { backends, makeBatch, makeCounts, makeFile } from '../support/collector';

// Regions, schools and tokens as a ministry's administrator manages them: listing, and revoking a
// token (a stolen PC, a school that leaked its token) without losing what the school already sent.
const title = process.env.DATABASE_URL ? 'collector administration (SQLite and PostgreSQL)' : 'collector administration (SQLite only: set DATABASE_URL to also run PostgreSQL)';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-collector-admin-'));
  dirs.push(dir);
  return dir;
};

const sum = (storage: Storage) => storage.summary().then((s) => s.total);

describe(title, () => {
  describe.each(backends())('$name', ({ open }) => {
    const use = async (work: (storage: Storage) => Promise<void>) => {
      const storage = await open();
      try {
        await work(storage);
      } finally {
        await storage.close();
      }
    };

    async function twoRegions(storage: Storage) {
      await storage.addRegion('AST', 'Astana');
      await storage.addRegion('ALM', 'Almaty');
      await storage.addSchool('ALM', 'ALM-002', 'School 2');
      await storage.addSchool('ALM', 'ALM-001', 'School 1');
      await storage.addSchool('AST', 'AST-001', 'Лицей №1');
    }

    it('lists regions, schools with their tokens and batches, and tokens by fingerprint only', () =>
      use(async (storage) => {
        expect(await storage.listRegions()).toEqual([]);
        expect(await storage.listSchools()).toEqual([]);
        await twoRegions(storage);
        expect(await storage.listRegions()).toEqual([
          { code: 'ALM', name: 'Almaty', schools: 2 },
          { code: 'AST', name: 'Astana', schools: 1 },
        ]);
        const first = await storage.addToken('ALM-001');
        const second = await storage.addToken('ALM-001');
        const school = (await storage.schoolForToken(hashToken(first)))!;
        await storage.storeBatch(school, makeBatch(makeCounts(4)));
        await storage.storeBatch(school, makeBatch(makeCounts(4, '2025-03-11')));

        const schools = await storage.listSchools();
        expect(schools.map((s) => [s.region, s.code, s.name, s.activeTokens, s.batches])).toEqual([
          ['ALM', 'ALM-001', 'School 1', 2, 2],
          ['ALM', 'ALM-002', 'School 2', 0, 0],
          ['AST', 'AST-001', 'Лицей №1', 0, 0],
        ]);
        expect(Date.now() - Date.parse(schools[0]!.lastBatchAt!)).toBeLessThan(60_000);
        expect(schools[1]!.lastBatchAt).toBeUndefined();
        expect((await storage.listSchools('AST')).map((s) => s.code)).toEqual(['AST-001']);
        await expect(storage.listSchools('NOPE')).rejects.toThrow(/No region NOPE/);

        const tokens = await storage.listTokens('ALM-001');
        expect(tokens.map((t) => t.fingerprint).sort()).toEqual([fingerprint(hashToken(first)), fingerprint(hashToken(second))].sort());
        for (const t of tokens) {
          expect(t.fingerprint).toMatch(/^[0-9a-f]{8}$/);
          expect(t.revokedAt).toBeUndefined();
          expect(Date.now() - Date.parse(t.createdAt)).toBeLessThan(60_000);
          // The list never carries the token or its whole hash.
          expect(JSON.stringify(t)).not.toContain(hashToken(first));
        }
        expect(await storage.listTokens('ALM-002')).toEqual([]);
        await expect(storage.listTokens('NOPE')).rejects.toThrow(/No school NOPE/);
      }));

    it('a revoked token is refused from then on; what it sent stays counted, and revoking again keeps the first date', () =>
      use(async (storage) => {
        await twoRegions(storage);
        const token = await storage.addToken('ALM-001');
        const other = await storage.addToken('ALM-001');
        const school = (await storage.schoolForToken(hashToken(token)))!;
        await storage.storeBatch(school, makeBatch(makeCounts(6)));
        const before = await sum(storage);
        expect(before).toBeGreaterThan(0);

        const revoked = await storage.revokeToken({ hash: hashToken(token) });
        expect(revoked).toMatchObject({ school: 'ALM-001', fingerprint: fingerprint(hashToken(token)), already: false });
        expect(await storage.schoolForToken(hashToken(token))).toBeUndefined();
        expect((await storage.schoolForToken(hashToken(other)))?.code).toBe('ALM-001');
        expect(await sum(storage)).toBe(before);
        expect((await storage.listSchools('ALM'))[0]).toMatchObject({ code: 'ALM-001', activeTokens: 1, batches: 1 });

        const again = await storage.revokeToken({ fingerprint: revoked.fingerprint });
        expect(again).toEqual({ ...revoked, already: true });
        const listed = (await storage.listTokens('ALM-001')).find((t) => t.fingerprint === revoked.fingerprint);
        expect(listed?.revokedAt).toBe(revoked.revokedAt);

        await expect(storage.revokeToken({ hash: hashToken('never issued') })).rejects.toThrow(/Unknown token/);
        await expect(storage.revokeToken({ fingerprint: '00000000' === revoked.fingerprint ? '00000001' : '00000000' })).rejects.toThrow(
          /No token has the fingerprint/,
        );
      }));

    it('revokes every token of one school and no other school’s', () =>
      use(async (storage) => {
        await twoRegions(storage);
        const mine = [await storage.addToken('ALM-001'), await storage.addToken('ALM-001'), await storage.addToken('ALM-001')];
        const theirs = await storage.addToken('AST-001');
        await storage.revokeToken({ hash: hashToken(mine[0]!) });
        expect(await storage.revokeSchoolTokens('ALM-001')).toBe(2);
        expect(await storage.revokeSchoolTokens('ALM-001')).toBe(0);
        for (const t of mine) expect(await storage.schoolForToken(hashToken(t))).toBeUndefined();
        expect((await storage.schoolForToken(hashToken(theirs)))?.code).toBe('AST-001');
        expect((await storage.listTokens('ALM-001')).every((t) => t.revokedAt)).toBe(true);
        await expect(storage.revokeSchoolTokens('NOPE')).rejects.toThrow(/No school NOPE/);
        // A new token works again for the school.
        const fresh = await storage.addToken('ALM-001');
        expect((await storage.schoolForToken(hashToken(fresh)))?.code).toBe('ALM-001');
      }));

    it('over HTTP a revoked token gets 401 and nothing is added', () =>
      use(async (storage) => {
        await twoRegions(storage);
        const token = await storage.addToken('ALM-001');
        const app = buildServer({ storage, rateLimit: false });
        await app.listen({ port: 0, host: '127.0.0.1' });
        try {
          const send = (body: unknown) =>
            fetch(`${app.listeningOrigin}/api/v1/batches`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(body),
            });
          expect((await send(makeBatch(makeCounts(5)))).status).toBe(200);
          const before = await sum(storage);
          await storage.revokeToken({ hash: hashToken(token) });
          const refused = await send(makeBatch(makeCounts(5, '2025-03-11')));
          expect(refused.status).toBe(401);
          expect(((await refused.json()) as { message: string }).message).toMatch(/revoked/);
          expect(await sum(storage)).toBe(before);
        } finally {
          await app.close();
        }
      }));
  });
});

describe('fingerprints', () => {
  it('are 8 hex characters, typed in any case', () => {
    expect(normalizeFingerprint(' 0A1b2C3d ')).toBe('0a1b2c3d');
    expect(normalizeFingerprint('0a1b2c3')).toBeUndefined();
    expect(normalizeFingerprint('0a1b2c3g')).toBeUndefined();
    expect(fingerprint(hashToken('x'))).toBe(hashToken('x').slice(0, 8));
  });

  it('one matching several tokens revokes nothing and names the schools', () => {
    const rows = [
      { hash: 'abcdef01aa', school: 'B-1' },
      { hash: 'abcdef01bb', school: 'A-1' },
    ];
    expect(() => oneToken(rows, { fingerprint: 'abcdef01' })).toThrow(StorageError);
    expect(() => oneToken(rows, { fingerprint: 'abcdef01' })).toThrow(/matches 2 tokens \(schools A-1, B-1\): nothing revoked/);
    expect(oneToken([rows[0]!], { fingerprint: 'abcdef01' })).toBe(rows[0]);
  });
});

describe('SQLite collector made before tokens could be revoked', () => {
  it('upgrades in place: its tokens stay active and its batches counted', async () => {
    const path = join(tempDir(), 'old.sqlite');
    const old = new Database(path);
    old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    old.exec(MIGRATIONS[0]!);
    old.prepare('INSERT INTO migrations VALUES (1, ?)').run('2025-01-01T00:00:00.000Z');
    old.exec("INSERT INTO regions (code, name) VALUES ('ALM', 'Almaty')");
    old.exec("INSERT INTO schools (region_id, code, name) VALUES (1, 'ALM-001', 'School 1')");
    old.prepare('INSERT INTO tokens (hash, school_id, created_at) VALUES (?, 1, ?)').run(hashToken('old token'), '2025-01-02T08:00:00.000Z');
    old.close();

    const storage = openSqlite(path);
    try {
      expect((await storage.schoolForToken(hashToken('old token')))?.code).toBe('ALM-001');
      expect(await storage.listTokens('ALM-001')).toEqual([{ fingerprint: fingerprint(hashToken('old token')), createdAt: '2025-01-02T08:00:00.000Z', revokedAt: undefined }]);
      await storage.revokeToken({ hash: hashToken('old token') });
      expect(await storage.schoolForToken(hashToken('old token'))).toBeUndefined();
    } finally {
      await storage.close();
    }
  });
});

describe('collector admin commands', () => {
  function setup() {
    const dir = tempDir();
    const env = { COLLECTOR_SQLITE: join(dir, 'db.sqlite'), INIT_CWD: dir };
    const out: string[] = [];
    const err: string[] = [];
    const cli = (...argv: string[]) => {
      out.length = 0;
      err.length = 0;
      return run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    };
    return { dir, out, err, cli };
  }

  it('lists regions, schools and tokens in aligned columns, and says what to do when there are none', async () => {
    const { out, cli } = setup();
    expect(await cli('list-regions')).toBe(0);
    expect(out).toEqual(['No regions yet: add one with add-region <code> <name>']);
    await cli('add-region', 'ALM', 'Almaty');
    await cli('add-region', 'AST', 'Astana');
    await cli('add-school', 'ALM', 'ALM-001', 'School 1');
    await cli('add-school', 'AST', 'AST-001', 'Лицей №1');
    expect(await cli('list-tokens', 'ALM-001')).toBe(0);
    expect(out).toEqual(['School ALM-001 has no tokens: make one with add-token ALM-001']);
    await cli('add-token', 'ALM-001');

    expect(await cli('list-regions')).toBe(0);
    expect(out).toEqual(['REGION  SCHOOLS  NAME', 'ALM           1  Almaty', 'AST           1  Astana']);
    expect(await cli('list-schools')).toBe(0);
    expect(out[0]).toBe('SCHOOL   REGION  TOKENS  BATCHES  LAST BATCH (UTC)  NAME');
    expect(out[1]).toBe('ALM-001  ALM          1        0  never             School 1');
    expect(out[2]).toBe('AST-001  AST          0        0  never             Лицей №1');
    expect(await cli('list-schools', 'AST')).toBe(0);
    expect(out).toHaveLength(2);
    expect(await cli('list-schools', 'NOPE')).toBe(1);
    expect(await cli('list-tokens', 'ALM-001')).toBe(0);
    expect(out[0]).toBe('FINGERPRINT  CREATED (UTC)     STATUS  REVOKED (UTC)');
    expect(out[1]).toMatch(/^[0-9a-f]{8} {5}\d{4}-\d\d-\d\d \d\d:\d\d {2}active$/);
    for (const line of out) expect(line).toBe(line.trimEnd());
  });

  it('revokes by token or fingerprint; the school’s file no longer imports, and what it sent stays counted', async () => {
    const { dir, out, err, cli } = setup();
    await cli('add-region', 'ALM', 'Almaty');
    await cli('add-school', 'ALM', 'ALM-001', 'School 1');
    await cli('add-token', 'ALM-001');
    const token = out[0]!;
    const fp = fingerprint(hashToken(token));
    expect(err.join('\n')).toContain(`Fingerprint ${fp}`);
    await cli('add-token', 'ALM-001');
    const second = out[0]!;

    const file = join(dir, 'stats.json');
    writeFileSync(file, JSON.stringify(makeFile([makeBatch(makeCounts(8))])));
    expect(await cli('import', 'stats.json', '--token', token)).toBe(0);

    expect(await cli('revoke-token', token)).toBe(0);
    expect(out).toEqual([`Revoked token ${fp} of school ALM-001: it is refused from now on; the batches it sent stay counted`]);
    expect(await cli('revoke-token', '--fingerprint', fp.toUpperCase())).toBe(0);
    expect(out[0]).toMatch(new RegExp(`^Token ${fp} of school ALM-001 was already revoked on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`));

    writeFileSync(file, JSON.stringify(makeFile([makeBatch(makeCounts(8, '2025-03-11'))])));
    expect(await cli('import', 'stats.json', '--token', token)).toBe(1);
    expect(err).toEqual(['Unknown or revoked school token']);

    expect(await cli('list-schools')).toBe(0);
    expect(out[1]).toMatch(/^ALM-001 {2}ALM {10}1 {8}1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}School 1$/);
    expect(await cli('list-tokens', 'ALM-001')).toBe(0);
    expect(out.filter((l) => l.includes('revoked'))).toHaveLength(1);
    expect(out.find((l) => l.startsWith(fp))).toMatch(/ revoked {2}\d{4}-\d\d-\d\d \d\d:\d\d$/);

    // A fingerprint typed where the token goes: the message says how to use it.
    const secondFp = fingerprint(hashToken(second));
    expect(await cli('revoke-token', secondFp)).toBe(1);
    expect(err[0]).toContain(`revoke-token --fingerprint ${secondFp}`);
    expect(await cli('revoke-token', '--fingerprint', 'xyz')).toBe(2);
    expect(err[0]).toMatch(/8 hex characters/);

    expect(await cli('revoke-tokens', 'ALM-001')).toBe(0);
    expect(out[0]).toMatch(/^Revoked 1 token of school ALM-001/);
    expect(await cli('revoke-tokens', 'ALM-001')).toBe(0);
    expect(out[0]).toBe('School ALM-001 had no active tokens: nothing revoked');
    expect(await cli('revoke-tokens', 'NOPE')).toBe(1);
    expect(err[0]).toBe('No school NOPE');
  });
});
