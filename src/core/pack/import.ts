import { loadPack, type LoadedPack, type MediaSink, type PackFiles } from './load';
import { compareVersions, type PackMeta } from './schema';

export interface InstalledPackInfo {
  id: string;
  version: string;
}

/** What the importer needs from storage. The renderer implements it with Dexie; tests with fake-indexeddb. */
export interface PackStore extends MediaSink {
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

async function importNow(files: PackFiles, store: PackStore, options: ImportOptions): Promise<ImportResult> {
  let previousVersion: string | undefined;
  const written: string[] = [];
  const media = {
    put: async (sha256: string, bytes: Uint8Array, type: string) => {
      const isNew = await store.put(sha256, bytes, type);
      if (isNew) written.push(sha256);
      return isNew;
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
    await store.commit(pack, { builtin: options.builtin ?? false });
    return { status: 'imported', meta: pack.meta, previousVersion, lessons: new Set(pack.lessons.map((l) => l.lessonId)).size };
  } catch (e) {
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
