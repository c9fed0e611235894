import type { z } from 'zod';
import type { QorgauDb } from './database';

/**
 * Settings, read and written one way: every value goes through its zod schema
 * on the way in, so a value edited by hand, left by an older version or cut
 * short by a full disk falls back to the default instead of reaching a screen.
 */

/** A small preference kept in the browser's storage (localStorage or sessionStorage), synchronous. */
export interface Persisted<T> {
  get(): T;
  set(value: T): void;
  clear(): void;
}

/** Where a preference lives; `undefined` (no storage, or storage refused) keeps it for this page only. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function persisted<S extends z.ZodType>(storage: KeyValueStorage | undefined, key: string, schema: S, fallback: z.infer<S>): Persisted<z.infer<S>> {
  let memory: z.infer<S> = fallback;
  const read = (): string | null => {
    try {
      return storage ? storage.getItem(key) : null;
    } catch {
      return null;
    }
  };
  return {
    get() {
      const raw = read();
      if (raw === null) return memory;
      let value: unknown = raw;
      try {
        value = JSON.parse(raw);
      } catch {
        // A plain string, as earlier versions stored the language and the station flag.
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const plain = schema.safeParse(raw);
      return plain.success ? plain.data : fallback;
    },
    set(value) {
      memory = value;
      try {
        storage?.setItem(key, JSON.stringify(value));
      } catch {
        // A full or refused storage keeps the value for this page only.
      }
    },
    clear() {
      memory = fallback;
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing stored to clear.
      }
    },
  };
}

/** A value kept in the database's settings table, asynchronous and transactional with the rest of the data. */
export interface StoredSetting<T> {
  readonly key: string;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  clear(): Promise<void>;
}

/** A stored setting that is there but does not pass its schema, for settings that must never silently fall back. */
export class DamagedSettingError extends Error {
  constructor(readonly key: string) {
    super(`The stored setting “${key}” is damaged.`);
  }
}

/**
 * `strict`: a value that is there but invalid throws DamagedSettingError instead
 * of reading as the default (the teacher's record: damage must never look like a first start).
 */
export function storedSetting<S extends z.ZodType>(
  db: QorgauDb,
  key: string,
  schema: S,
  fallback: z.infer<S>,
  options: { strict?: boolean } = {},
): StoredSetting<z.infer<S>> {
  return {
    key,
    async get() {
      const row = await db.settings.get(key);
      if (!row) return fallback;
      const parsed = schema.safeParse(row.value);
      if (parsed.success) return parsed.data;
      if (options.strict) throw new DamagedSettingError(key);
      return fallback;
    },
    async set(value) {
      await db.settings.put({ key, value: schema.parse(value) });
    },
    async clear() {
      await db.settings.delete(key);
    },
  };
}

/** A random ID stored once under `key` and kept for the life of this PC's database. */
export async function storedId(db: QorgauDb, key: string, make: () => string): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get(key))?.value;
    if (typeof stored === 'string' && stored) return stored;
    const id = make();
    await db.settings.put({ key, value: id });
    return id;
  });
}
