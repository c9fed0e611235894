/**
 * Importing packs into the Dexie store, all-or-nothing, on fake-indexeddb.
 * Fixtures: test/fixtures/packs/ (written by scripts/make-pack-fixtures.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPack, type ImportOptions, type MediaItem, type PackStore } from '../../src/core/pack/import';
import type { LoadedPack, PackFiles } from '../../src/core/pack/load';
import { PackError } from '../../src/core/base/problems';
import { qpackFiles } from '../../src/core/pack/sources';
import { fileSource, packFolderFiles } from '../../src/node/pack-folder';
import { QorgauDb } from '../../src/renderer/data/database';
import { DexiePackStore } from '../../src/renderer/data/pack-store';

const PACKS = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));
const QPACKS = join(PACKS, 'qpack');
const VALID = new Set(['good', 'good-v2', 'good-v0', 'good-worksheets', 'good-quizzes', 'hostile-markdown']);
const BAD_FOLDERS = readdirSync(PACKS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'qpack' && !VALID.has(d.name))
  .map((d) => d.name)
  .sort();
const BAD_QPACKS = readdirSync(QPACKS)
  .map((f) => f.replace(/\.qpack$/, ''))
  .filter((n) => !VALID.has(n))
  .sort();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SHIELD = new Uint8Array(readFileSync(join(PACKS, 'good/media/shield.png')));
const SHIELD_SHA = sha256(SHIELD);

// ---------------------------------------------------------------------------
// Helpers

const open: { close(): Promise<void> }[] = [];
let dbCount = 0;

function freshDb(): QorgauDb {
  const db = new QorgauDb(`qorgau-import-test-${++dbCount}`, { indexedDB, IDBKeyRange });
  open.push({ close: async () => db.close() });
  return db;
}

afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

const folder = (name: string): Promise<PackFiles> => packFolderFiles(join(PACKS, name));

async function qpack(name: string): Promise<PackFiles> {
  const source = await fileSource(join(QPACKS, `${name}.qpack`));
  open.push(source);
  return qpackFiles(source, `${name}.qpack`);
}

/** Every row of every table; media as their bytes' hash, since Blobs do not compare. */
async function dump(db: QorgauDb) {
  const media = await db.media.toArray();
  return {
    packs: await db.packs.toArray(),
    lessons: await db.lessons.toArray(),
    lessonContent: await db.lessonContent.toArray(),
    packMedia: await db.packMedia.toArray(),
    settings: await db.settings.toArray(),
    media: await Promise.all(
      media.map(async (m) => ({
        sha256: m.sha256,
        type: m.type,
        size: m.size,
        blobType: m.blob.type,
        blobSha256: sha256(new Uint8Array(await m.blob.arrayBuffer())),
      })),
    ),
  };
}

async function importInto(db: QorgauDb, files: PackFiles | Promise<PackFiles>, options?: ImportOptions, store: PackStore = new DexiePackStore(db)) {
  return importPack(await files, store, options);
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** What the renderer's describeFailure looks at to tell the user the disk is full. */
function isQuotaError(e: unknown): boolean {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  return names.includes('QuotaExceededError');
}

/** A store that records which media it wrote. */
class SpyStore extends DexiePackStore {
  readonly written: string[] = [];
  override async putMedia(items: MediaItem[]): Promise<string[]> {
    this.written.push(...items.map((i) => i.sha256));
    return super.putMedia(items);
  }
}

/** The disk fills up just as the pack is about to appear. */
class FullDiskOnCommit extends SpyStore {
  override async commit(): Promise<void> {
    throw quotaError();
  }
}

// ---------------------------------------------------------------------------

describe('importing the good pack', () => {
  it('writes the pack, its lessons in every language, their content and its media', async () => {
    const db = freshDb();
    const result = await importInto(db, folder('good'));
    expect(result).toMatchObject({ status: 'imported', lessons: 2, previousVersion: undefined });
    expect(result.meta).toMatchObject({ id: 'fixture-good', version: '1.0.0' });

    const rows = await dump(db);
    expect(rows.packs).toHaveLength(1);
    expect(rows.packs[0]).toMatchObject({ id: 'fixture-good', version: '1.0.0', builtin: false, meta: { id: 'fixture-good', languages: ['kk', 'ru', 'en'] } });
    expect(typeof rows.packs[0]?.importedAt).toBe('number');

    expect(rows.lessons.map((l) => l.key)).toEqual([
      'fixture-good/first-steps/en',
      'fixture-good/first-steps/kk',
      'fixture-good/first-steps/ru',
      'fixture-good/safe-passwords/en',
      'fixture-good/safe-passwords/kk',
      'fixture-good/safe-passwords/ru',
    ]);
    expect(rows.lessons.find((l) => l.key === 'fixture-good/first-steps/kk')).toEqual({
      key: 'fixture-good/first-steps/kk',
      packId: 'fixture-good',
      lessonId: 'first-steps',
      lang: 'kk',
      title: 'Интернеттегі алғашқы қадамдар',
      summary: 'Интернетте не істеуге болады және қауіпсіздік ережелері не үшін керек?',
      topic: 'privacy',
      ageBands: ['10-12'],
      minutes: 30,
      order: 10,
      objectives: ['Интернеттегі үш негізгі қауіпсіздік ережесін атау', 'Көмек керек болса, кімге жүгіну керектігін білу'],
      vocabulary: [{ term: 'Қауіпсіздік', definition: 'Өзіңді және басқаларды зияннан қорғау.' }],
    });

    expect(rows.lessonContent.map((c) => c.key)).toEqual(rows.lessons.map((l) => l.key));
    const kk = rows.lessonContent.find((c) => c.key === 'fixture-good/first-steps/kk');
    expect(kk?.packId).toBe('fixture-good');
    expect(kk?.body.trimStart().startsWith('# Интернеттегі алғашқы қадамдар\n')).toBe(true);
    expect(kk?.body).toContain(':::teacher');
    // The words search looks for, without markup.
    expect(kk?.text).toContain('Ереже Неге маңызды');
    expect(kk?.text).not.toMatch(/:::|!\[|\|/);
    for (const word of ['интернетте', 'балаларға', 'қауіпсіздік']) expect(kk?.text.toLowerCase()).toContain(word);

    // Both lessons show the same image: it is stored once.
    expect(rows.packMedia).toEqual([{ packId: 'fixture-good', path: 'media/shield.png', sha256: SHIELD_SHA }]);
    expect(rows.media).toEqual([{ sha256: SHIELD_SHA, type: 'image/png', size: SHIELD.length, blobType: 'image/png', blobSha256: SHIELD_SHA }]);
  });

  it('gives the same rows from the folder and from the .qpack', async () => {
    const a = freshDb();
    const b = freshDb();
    await importInto(a, folder('good'));
    await importInto(b, qpack('good'));
    const strip = (d: Awaited<ReturnType<typeof dump>>) => ({ ...d, packs: d.packs.map(({ importedAt: _, ...p }) => p) });
    expect(strip(await dump(b))).toEqual(strip(await dump(a)));
  });

  it('marks a built-in pack as built in', async () => {
    const db = freshDb();
    await importInto(db, qpack('good'), { builtin: true });
    expect((await db.packs.get('fixture-good'))?.builtin).toBe(true);
  });

  it('stores an image two packs share once, and keeps it while either uses it', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    await importInto(db, qpack('hostile-markdown'));
    const rows = await dump(db);
    expect(rows.packs.map((p) => p.id)).toEqual(['fixture-good', 'fixture-hostile']);
    expect(rows.packMedia).toEqual([
      { packId: 'fixture-good', path: 'media/shield.png', sha256: SHIELD_SHA },
      { packId: 'fixture-hostile', path: 'media/shield.png', sha256: SHIELD_SHA },
    ]);
    expect(rows.media.map((m) => m.sha256)).toEqual([SHIELD_SHA]);
  });

  it('reports progress up to the total, never backwards', async () => {
    const db = freshDb();
    const files = await qpack('good');
    const total = files.files.reduce((n, f) => n + f.size, 0);
    const calls: [number, number][] = [];
    await importInto(db, files, { onProgress: (done, t) => calls.push([done, t]) });
    expect(calls.length).toBeGreaterThan(1);
    for (const [, t] of calls) expect(t).toBe(total);
    for (let i = 1; i < calls.length; i++) expect(calls[i]?.[0]).toBeGreaterThanOrEqual(calls[i - 1]?.[0] ?? 0);
    expect(calls.at(-1)).toEqual([total, total]);
  });
});

describe('a newer version', () => {
  it('replaces the older one without leaving duplicates, and says which version it replaced', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    const result = await importInto(db, qpack('good-v2'));
    expect(result).toMatchObject({ status: 'imported', previousVersion: '1.0.0', lessons: 2, meta: { version: '1.1.0' } });

    const after = await dump(db);
    expect(after.packs).toHaveLength(1);
    expect(after.packs[0]).toMatchObject({ id: 'fixture-good', version: '1.1.0', meta: { version: '1.1.0' } });
    expect(after.lessons.map((l) => l.key)).toEqual(before.lessons.map((l) => l.key));
    expect(after.lessonContent.map((c) => c.key)).toEqual(before.lessonContent.map((c) => c.key));
    expect(after.lessons.find((l) => l.key === 'fixture-good/first-steps/en')?.title).toBe('Your first steps online');
    expect(after.lessonContent).toEqual(before.lessonContent);
    // Everything else is as it was.
    const others = (rows: typeof before) => rows.lessons.filter((l) => l.key !== 'fixture-good/first-steps/en');
    expect(others(after)).toEqual(others(before));
    expect(after.packMedia).toEqual(before.packMedia);
    expect(after.media).toEqual(before.media);
  });

  it('imports the same version again without asking', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const confirmOlder = vi.fn(async () => false);
    const result = await importInto(db, qpack('good'), { confirmOlder });
    expect(result).toMatchObject({ status: 'imported', previousVersion: '1.0.0' });
    expect(confirmOlder).not.toHaveBeenCalled();
    expect(await db.lessons.count()).toBe(6);
  });
});

describe('an older version', () => {
  it('is not imported without confirmation, and nothing changes', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    const result = await importInto(db, qpack('good-v0'));
    expect(result).toMatchObject({ status: 'cancelled', installedVersion: '1.0.0', meta: { id: 'fixture-good', version: '0.9.0' } });
    expect(await dump(db)).toEqual(before);
  });

  it('asks, and a “no” changes nothing and writes no media', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    const store = new SpyStore(db);
    const confirmOlder = vi.fn(async () => false);
    const result = await importInto(db, folder('good-v0'), { confirmOlder }, store);
    expect(result.status).toBe('cancelled');
    expect(confirmOlder).toHaveBeenCalledTimes(1);
    expect(confirmOlder).toHaveBeenCalledWith('1.0.0', expect.objectContaining({ id: 'fixture-good', version: '0.9.0' }));
    expect(store.written).toEqual([]);
    expect(await dump(db)).toEqual(before);
  });

  it('replaces the newer one when the user says yes', async () => {
    const db = freshDb();
    await importInto(db, folder('good-v2'));
    const result = await importInto(db, qpack('good-v0'), { confirmOlder: async () => true });
    expect(result).toMatchObject({ status: 'imported', previousVersion: '1.1.0', meta: { version: '0.9.0' } });
    expect((await db.packs.toArray()).map((p) => [p.id, p.version])).toEqual([['fixture-good', '0.9.0']]);
    expect((await db.lessons.get('fixture-good/first-steps/en'))?.title).toBe('First steps online');
    expect(await db.lessons.count()).toBe(6);
    expect(await db.lessonContent.count()).toBe(6);
    expect(await db.packMedia.count()).toBe(1);
    expect(await db.media.count()).toBe(1);
  });
});

describe('a broken pack imported after the good one leaves the library exactly as it was', () => {
  it.each(BAD_FOLDERS)('folder %s', async (name) => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    await expect(importInto(db, folder(name))).rejects.toBeInstanceOf(PackError);
    expect(await dump(db)).toEqual(before);
  });

  it.each(BAD_QPACKS)('%s.qpack', async (name) => {
    const db = freshDb();
    await importInto(db, qpack('good'));
    const before = await dump(db);
    await expect(importInto(db, qpack(name))).rejects.toBeInstanceOf(PackError);
    expect(await dump(db)).toEqual(before);
  });
});

describe('a failure after media were written leaves no new media and no half-written pack', () => {
  it('a media file that fails its hash after another new one was stored', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    const store = new SpyStore(db);
    // One file per transaction, so that media/badge.png is really written before media/shield.png fails…
    await expect(importInto(db, qpack('media-hash-mismatch'), { mediaBatchBytes: 1 }, store)).rejects.toBeInstanceOf(PackError);
    expect(store.written).toHaveLength(1);
    expect(store.written[0]).not.toBe(SHIELD_SHA);
    // …and is gone again: no orphan blob.
    expect(await dump(db)).toEqual(before);
  });

  it('a full disk when the pack is committed, into an empty library', async () => {
    const db = freshDb();
    const store = new FullDiskOnCommit(db);
    const error = await importInto(db, folder('good'), {}, store).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(store.written).toEqual([SHIELD_SHA]);
    expect(await dump(db)).toEqual(await dump(freshDb()));
  });

  it('a full disk when a newer version is committed', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    const error = await importInto(db, qpack('good-v2'), {}, new FullDiskOnCommit(db)).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await dump(db)).toEqual(before);
  });

  it('a full disk while the first media file is stored', async () => {
    const db = freshDb();
    await importInto(db, qpack('hostile-markdown'));
    const before = await dump(db);
    class FullDiskOnPut extends DexiePackStore {
      override async putMedia(): Promise<string[]> {
        throw quotaError();
      }
    }
    const error = await importInto(db, qpack('good'), {}, new FullDiskOnPut(db)).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await dump(db)).toEqual(before);
  });

  it('a full disk half-way through the commit transaction rolls all of it back', async () => {
    const db = freshDb();
    await importInto(db, folder('good'));
    const before = await dump(db);
    // Lessons and their content are already replaced when the media references fail.
    const creating = vi.fn(() => {
      throw quotaError();
    });
    db.packMedia.hook('creating', creating);
    const error = await importInto(db, qpack('good-v2')).catch((e: unknown) => e);
    db.packMedia.hook('creating').unsubscribe(creating);
    expect(creating).toHaveBeenCalled();
    expect(isQuotaError(error)).toBe(true);
    expect(await dump(db)).toEqual(before);
  });
});

describe('two imports at once', () => {
  it('a failed import does not delete the media of an import still in progress', async () => {
    const db = freshDb();
    // The first import has written its media and waits to commit, like a slow
    // built-in import on first run while the user imports a pack by hand.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    class SlowCommit extends DexiePackStore {
      override async commit(pack: LoadedPack, origin: { builtin: boolean }): Promise<void> {
        reachedCommit();
        await gate;
        await super.commit(pack, origin);
      }
    }
    const first = importInto(db, qpack('good'), { builtin: true }, new SlowCommit(db));
    await atCommit;
    // A second import that fails. It may run now or wait for the first (both are fine), so give
    // it time to fail and clean up before the first commits, without waiting on it forever.
    const second = importInto(db, qpack('media-hash-mismatch'));
    await Promise.race([second.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
    release();
    await expect(first).resolves.toMatchObject({ status: 'imported' });
    await expect(second).rejects.toBeInstanceOf(PackError);

    const rows = await dump(db);
    expect(rows.packMedia).toEqual([{ packId: 'fixture-good', path: 'media/shield.png', sha256: SHIELD_SHA }]);
    // Every image a pack refers to must still be stored.
    expect(rows.media.map((m) => m.sha256)).toEqual([SHIELD_SHA]);
  });
});
