import { loadPack, type LoadedPack, type PackFiles } from './load';
import { compareVersions, type PackMeta } from './schema';

export interface InstalledPackInfo {
  id: string;
  version: string;
}

/** What the importer needs from storage. The renderer implements it with Dexie; tests with fake-indexeddb. */
export interface MediaItem {
  sha256: string;
  bytes: Uint8Array;
  type: string;
}

export interface PackStore {
  /** Stores media under their hashes in one transaction; returns the hashes that were not stored before. */
  putMedia(items: MediaItem[]): Promise<string[]>;
  installedVersion(packId: string): Promise<string | undefined>;
  /** Writes the pack, its lessons and media references in one transaction, replacing an earlier version. */
  commit(pack: LoadedPack, origin: { builtin: boolean }): Promise<void>;
  /** Deletes those of the given media that no pack references. */
  discardUnreferenced(sha256s: string[]): Promise<number>;
  /** Deletes every medium no pack references (left by an import that was cut off, say by a power cut). */
  collectGarbage(): Promise<number>;
}

export interface ImportOptions {
  builtin?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Bytes of media written per transaction (default 16 MiB). */
  mediaBatchBytes?: number;
  /** Asked when the library already has a newer version of this pack. */
  confirmOlder?: (installed: string, incoming: PackMeta) => Promise<boolean>;
}

export type ImportResult =
  | { status: 'imported'; meta: PackMeta; previousVersion?: string; lessons: number }
  | { status: 'cancelled'; meta: PackMeta; installedVersion: string };

class Cancelled extends Error {
  constructor(
    readonly meta: PackMeta,
    readonly installed: string,
  ) {
    super('cancelled');
  }
}

/**
 * Imports a pack all-or-nothing: text is validated first, media are written
 * content-addressed (invisible until referenced), then one short transaction
 * makes the pack appear. On any error the library is as it was.
 */
export function importPack(files: PackFiles, store: PackStore, options: ImportOptions = {}): Promise<ImportResult> {
  // One import at a time per library: the built-in pack on first run and a
  // pack the user picks never interleave.
  const previous = queues.get(store) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => importNow(files, store, options));
  queues.set(store, next);
  return next;
}

const queues = new WeakMap<PackStore, Promise<unknown>>();
const MEDIA_BATCH_BYTES = 16 * 1024 * 1024;

async function importNow(files: PackFiles, store: PackStore, options: ImportOptions): Promise<ImportResult> {
  let previousVersion: string | undefined;
  // Media are written in batches of a few MiB, one transaction each, while
  // the next batch is being read: much faster than a transaction per file,
  // and memory stays bounded by two batches.
  const written: string[] = [];
  let batch: MediaItem[] = [];
  let batchBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    batchBytes = 0;
    writing = store.putMedia(items).then((fresh) => void written.push(...fresh));
    writing.catch(() => undefined); // awaited later; never left unhandled
  };
  const media = {
    put: async (sha256: string, bytes: Uint8Array, type: string) => {
      batch.push({ sha256, bytes, type });
      batchBytes += bytes.length;
      if (batchBytes >= (options.mediaBatchBytes ?? MEDIA_BATCH_BYTES)) await flush();
    },
  };
  try {
    const pack = await loadPack(files, {
      media,
      onProgress: options.onProgress,
      beforeMedia: async (meta) => {
        previousVersion = await store.installedVersion(meta.id);
        if (previousVersion !== undefined && compareVersions(meta.version, previousVersion) < 0) {
          const ok = (await options.confirmOlder?.(previousVersion, meta)) ?? false;
          if (!ok) throw new Cancelled(meta, previousVersion);
        }
      },
    });
    await flush();
    await writing;
    await store.commit(pack, { builtin: options.builtin ?? false });
    return { status: 'imported', meta: pack.meta, previousVersion, lessons: new Set(pack.lessons.map((l) => l.lessonId)).size };
  } catch (e) {
    await writing.catch(() => undefined);
    // Media this import stored and nothing uses: remove them, touch nothing else.
    await store.discardUnreferenced(written).catch(() => 0);
    if (e instanceof Cancelled) return { status: 'cancelled', meta: e.meta, installedVersion: e.installed };
    throw e;
  }
}

/** True when the app ships a pack that is not installed yet or is newer than the installed one. */
export function shouldImportBuiltin(shipped: InstalledPackInfo, installedVersion: string | undefined): boolean {
  return installedVersion === undefined || compareVersions(shipped.version, installedVersion) > 0;
}
