/**
 * The keeper of the teacher's secrets (core/classroom/keeper.ts) and its file
 * in the main process (node/secrets-file.ts): the page can only ask, waits
 * follow a clock that restarts cannot skip, a pupils' station ends only with
 * the PIN, and a damaged or missing record never becomes a fresh start.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretsKeeper, type KeptSecrets, type SecretsStore } from '../../src/core/classroom/keeper';
import { secretsFile, type Encryption } from '../../src/node/secrets-file';
import { sha256, toHex } from '../../src/core/base/bytes';
import { normaliseAdminCode } from '../../src/core/classroom/pin';
import { canonicalJson, emptyClassroom, exportResults, parseBackupFile, parseResultsFile, writeBackup, type SchoolSeal } from '../../src/core/classroom/results';

const validAdminCode = (code: string) => 'code' in normaliseAdminCode(code);

const FAST = { iterations: 1000 };
const PIN = '583920';

function memoryStore(): SecretsStore & { value: KeptSecrets | null } {
  const store = {
    value: null as KeptSecrets | null,
    async read() {
      return store.value && { ...store.value };
    },
    async write(s: KeptSecrets) {
      store.value = { ...s };
    },
  };
  return store;
}
function clock(start = 1_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('the keeper of the teacher’s secrets', () => {
  it('sets up once, gives the administrator’s code once, and refuses a second set-up', async () => {
    const keeper = secretsKeeper(memoryStore(), clock(), FAST);
    expect(await keeper.status()).toEqual({ setUp: false, station: false });
    const first = await keeper.setUp(PIN);
    expect(first.ok && first.adminCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await keeper.status()).toEqual({ setUp: true, station: false });
    expect(await keeper.setUp('740163')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'teacher.alreadySetUp' }) });
    expect((await keeper.unlock('740163')).ok).toBe(false);
    expect(await keeper.unlock(PIN)).toEqual({ ok: true });
  });

  it('keeps an administrator’s code it is given, and makes no new one', async () => {
    const keeper = secretsKeeper(memoryStore(), clock(), FAST);
    expect(await keeper.setUp(PIN, '7M4N-Q2XD-9HB3-RT6F')).toEqual({ ok: true });
    expect(await keeper.checkAdministrator('7M4N-Q2XD-9HB3-RT6F')).toEqual({ ok: true });
  });

  it('a pupils’ station ends only with the PIN or the administrator’s code', async () => {
    const store = memoryStore();
    const keeper = secretsKeeper(store, clock(), FAST);
    const set = await keeper.setUp(PIN);
    await keeper.startStation();
    expect((await keeper.status()).station).toBe(true);
    expect((await keeper.unlock('740163')).ok).toBe(false);
    expect((await keeper.status()).station).toBe(true);
    expect(await keeper.unlock(PIN)).toEqual({ ok: true });
    expect((await keeper.status()).station).toBe(false);
    await keeper.startStation();
    expect(await keeper.reset(set.ok ? (set.adminCode ?? '') : '', '740163')).toEqual({ ok: true });
    expect((await keeper.status()).station).toBe(false);
    expect(await keeper.unlock('740163')).toEqual({ ok: true });
  });

  it('after five wrong PINs the next try waits, and a restart does not skip the wait', async () => {
    const store = memoryStore();
    const time = clock();
    const keeper = secretsKeeper(store, time, FAST);
    await keeper.setUp(PIN);
    for (let i = 0; i < 5; i++) expect((await keeper.unlock('111222')).ok).toBe(false);
    expect(await keeper.unlock(PIN)).toEqual({ ok: false, waitSeconds: 30 });
    // The app closed and opened again: a new keeper on the same record waits from its start.
    const restarted = secretsKeeper(store, clock(50), FAST);
    expect(await restarted.unlock(PIN)).toEqual({ ok: false, waitSeconds: 30 });
    time.t += 30_000;
    expect(await keeper.unlock(PIN)).toEqual({ ok: true });
    expect(store.value?.failures).toBe(0);
  });

  it('two quick tries are counted one after the other, never both against the same count', async () => {
    const store = memoryStore();
    const keeper = secretsKeeper(store, clock(), FAST);
    await keeper.setUp(PIN);
    await Promise.all(Array.from({ length: 4 }, () => keeper.unlock('111222')));
    expect(store.value?.failures).toBe(4);
  });

  it('takes over an earlier record only when it has none, and only a valid one', async () => {
    const store = memoryStore();
    const keeper = secretsKeeper(store, clock(), FAST);
    const other = secretsKeeper(memoryStore(), clock(), FAST);
    await other.setUp(PIN);
    expect(await keeper.adopt({ pin: 'x' })).toBe(false);
    const donor = memoryStore();
    await secretsKeeper(donor, clock(), FAST).setUp(PIN);
    expect(await keeper.adopt(donor.value)).toBe(true);
    expect(await keeper.unlock(PIN)).toEqual({ ok: true });
    expect(await keeper.adopt(donor.value)).toBe(false);
  });
});

describe('the teacher’s record in the main process', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const xor: Encryption = {
    available: () => true,
    encrypt: (text) => Buffer.from(text, 'utf8').map((b) => b ^ 0x5a),
    decrypt: (bytes) => Buffer.from(bytes.map((b) => b ^ 0x5a)).toString('utf8'),
  };

  it('is written encrypted where the OS offers it, and read back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'qorgau-keeper-'));
    const path = join(dir, 'teacher.json');
    const keeper = secretsKeeper(secretsFile(path, xor), clock(), FAST);
    await keeper.setUp(PIN);
    const raw = await readFile(path, 'utf8');
    expect(JSON.parse(raw)).toMatchObject({ format: 'qorgau-teacher', encrypted: true });
    expect(raw).not.toContain('PBKDF2');
    expect(await secretsKeeper(secretsFile(path, xor), clock(), FAST).unlock(PIN)).toEqual({ ok: true });
  });

  it('a missing file is no teacher; a damaged one is an error, never a fresh start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'qorgau-keeper-'));
    const path = join(dir, 'teacher.json');
    const file = secretsFile(path, xor);
    expect(await file.read()).toBeNull();
    await secretsKeeper(file, clock(), FAST).setUp(PIN);
    const raw = JSON.parse(await readFile(path, 'utf8')) as { data: string };
    await writeFile(path, JSON.stringify({ ...raw, data: raw.data.slice(0, -8) }));
    await expect(file.read()).rejects.toThrow(/damaged/);
    await expect(secretsKeeper(file, clock(), FAST).setUp('740163')).rejects.toThrow(/damaged/);
    await writeFile(path, 'not json');
    await expect(file.read()).rejects.toThrow(/damaged/);
  });

  it('without the OS’s protection it is still written, and says so', async () => {
    dir = await mkdtemp(join(tmpdir(), 'qorgau-keeper-'));
    const path = join(dir, 'teacher.json');
    await secretsKeeper(secretsFile(path, { ...xor, available: () => false }), clock(), FAST).setUp(PIN);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ encrypted: false });
  });
});

describe('the school’s seal on results files and backups', () => {
  const SCHOOL = '7M4N-Q2XD-9HB3-RT6F';
  async function pcOf(adminCode?: string) {
    const keeper = secretsKeeper(memoryStore(), clock(), FAST);
    const set = await keeper.setUp(PIN, adminCode);
    const school: SchoolSeal = { seal: (t) => keeper.seal(t), check: (t, s) => keeper.checkSeal(t, s) };
    return { keeper, school, code: adminCode ?? (set.ok ? set.adminCode : undefined) };
  }
  const info = { install: '0123456789abcdefghjkmnpqrs', exportedAt: '2026-11-02T10:00:00.000Z' };
  const data = () => ({ ...emptyClassroom(), classes: [{ code: '7B', name: '7B', grade: 7, language: 'kk' as const, updatedAt: '2026-11-01T10:00:00.000Z' }] });

  it('PCs set up with the school’s administrator’s code take each other’s files', async () => {
    const first = await pcOf();
    const lab = await pcOf(first.code);
    const file = await exportResults(data(), info, { school: lab.school });
    expect(JSON.parse(file)).toHaveProperty('seal');
    const read = await parseResultsFile(file, 'results.json', first.school);
    expect(read.ok).toBe(true);
  });

  it('a file from another school, a resealed hand edit, or an unsealed file is refused by name', async () => {
    if (!validAdminCode(SCHOOL)) throw new Error('the test code must be valid');
    const ours = await pcOf(SCHOOL);
    const theirs = await pcOf();
    const fromThem = await exportResults(data(), info, { school: theirs.school });
    expect(await parseResultsFile(fromThem, 'other.json', ours.school)).toMatchObject({ ok: false, problem: { code: 'results.otherSchool', file: 'other.json' } });
    // Changed by hand and its checksum recomputed: the checksum holds, the seal does not.
    const edited = JSON.parse(await exportResults(data(), info, { school: ours.school })) as { sha256: string; content: { classes: { name: string }[] } };
    edited.content.classes[0]!.name = '7B (edited)';
    const { seal: _seal, sha256: _sum, ...rest } = edited as unknown as Record<string, unknown>;
    edited.sha256 = toHex(await sha256(new TextEncoder().encode(canonicalJson({ ...rest }))));
    expect(await parseResultsFile(JSON.stringify(edited), 'edited.json', ours.school)).toMatchObject({ ok: false, problem: { code: 'results.otherSchool' } });
    const unsealed = await exportResults(data(), info);
    expect(await parseResultsFile(unsealed, 'old.json', ours.school)).toMatchObject({ ok: false, problem: { code: 'results.unsealed' } });
    // A PC without a school key yet takes files on their checksum, as before.
    expect((await parseResultsFile(unsealed, 'old.json')).ok).toBe(true);
  });

  it('backups are sealed and checked the same way', async () => {
    const ours = await pcOf(SCHOOL);
    const theirs = await pcOf();
    const backup = await writeBackup({ data: data() }, info, theirs.school);
    expect(await parseBackupFile(backup, 'backup.json', ours.school)).toMatchObject({ ok: false, problem: { code: 'results.otherSchool' } });
    expect((await parseBackupFile(await writeBackup({ data: data() }, info, ours.school), 'backup.json', ours.school)).ok).toBe(true);
  });

  it('a PC set up before seals gets its school key the first time the administrator’s code is typed', async () => {
    const store = memoryStore();
    const keeper = secretsKeeper(store, clock(), FAST);
    await keeper.setUp(PIN, SCHOOL);
    const { schoolKey: _key, ...older } = store.value as KeptSecrets;
    store.value = older;
    expect(await keeper.seal('x')).toBeNull();
    expect(await keeper.checkAdministrator(SCHOOL)).toEqual({ ok: true });
    expect(await keeper.seal('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
