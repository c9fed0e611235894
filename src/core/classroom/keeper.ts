import { z } from 'zod';
import { fromBase64, hmacSha256Hex, toBase64 } from '../base/bytes';
import { problem, type Problem } from '../base/problems';
import {
  checkAdminCode,
  checkPin,
  checkTeacherPin,
  generateAdminCode,
  hashAdminCode,
  hashPin,
  needsRehash,
  retryDelay,
  schoolKeyOf,
  secretRecordSchema,
  type HashOptions,
} from './pin';

/**
 * The keeper of the teacher's secrets (docs/security.md): the PIN, the
 * administrator's code, the count of wrong tries and whether this PC is a
 * pupils' station. The desktop app runs it in the main process with the
 * record encrypted in the user-data folder and a monotonic clock, so the page
 * can ask "is this the PIN?" and "is this a pupils' station?" but never read
 * or change the record. The browser version runs the same keeper in the page
 * with the record in IndexedDB, which a browser profile cannot protect.
 */

/** What the keeper stores: hashes only, never a PIN or a code. */
export const keptSecretsSchema = z.strictObject({
  pin: secretRecordSchema,
  adminCode: secretRecordSchema,
  /** Wrong PINs or administrator's codes in a row. */
  failures: z.number().int().min(0).max(1_000_000),
  /** This PC is a pupils' station until a teacher enters the PIN. */
  station: z.boolean(),
  /** The school's key for sealing files (base64), derived from the administrator's code whenever it is typed; records made before it have none yet. */
  schoolKey: z.string().min(40).max(60).optional(),
});
export type KeptSecrets = z.infer<typeof keptSecretsSchema>;

/** Where the record lives: a file of the main process, or the browser's database. */
export interface SecretsStore {
  /** The record, null when none was ever written; throws when it is there but damaged (never read as a fresh start). */
  read(): Promise<KeptSecrets | null>;
  write(secrets: KeptSecrets): Promise<void>;
}

/** Milliseconds that only ever go forward while the keeper runs (a clock the page cannot set, where the shell has one). */
export interface KeeperClock {
  now(): number;
}

export interface KeeperStatus {
  /** A teacher has been set up on this PC. */
  setUp: boolean;
  /** The PC is a pupils' station. */
  station: boolean;
}

export type UnlockResult = { ok: true } | { ok: false; problem: Problem } | { ok: false; waitSeconds: number };
export type SetUpResult = { ok: true; adminCode?: string } | { ok: false; problem: Problem };

export interface SecretsKeeper {
  status(): Promise<KeeperStatus>;
  /**
   * Sets up the teacher with a PIN. Without `adminCode` a new administrator's
   * code is made and returned once, to print; with one (a PC whose earlier
   * record was lost, checked by the caller), that code is kept. Refused when
   * a teacher is set up already.
   */
  setUp(pin: string, adminCode?: string): Promise<SetUpResult>;
  /** Checks the PIN, counting wrong tries; the right PIN ends a pupils' station. */
  unlock(pin: string): Promise<UnlockResult>;
  /** A forgotten PIN: the administrator's code sets a new one and ends a pupils' station. */
  reset(adminCode: string, newPin: string): Promise<UnlockResult>;
  /** Checks the administrator's code for an administrator's action; a wrong code counts as a wrong try. */
  checkAdministrator(adminCode: string): Promise<UnlockResult>;
  /** Hands the PC to pupils until a teacher enters the PIN. */
  startStation(): Promise<void>;
  /** Takes over an earlier version's record, only when there is none; anything that fails the schema is refused. */
  adopt(secrets: unknown): Promise<boolean>;
  /** The school's seal of a file's text; null while this PC has no school key. */
  seal(text: string): Promise<string | null>;
  /** Whether a seal is the school's for this text; null while this PC has no school key. */
  checkSeal(text: string, seal: string): Promise<boolean | null>;
}

/**
 * Waits after wrong tries are measured on the keeper's clock from the last
 * wrong try; a keeper that starts with five or more wrong tries on record
 * makes the next try wait from its start, so closing the app or reloading the
 * page never skips a wait.
 */
export function secretsKeeper(store: SecretsStore, clock: KeeperClock, hashing: HashOptions = {}): SecretsKeeper {
  let waitUntil: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  /** One request at a time: two quick tries never both see the same count. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function current(): Promise<KeptSecrets | null> {
    const record = await store.read();
    if (record && waitUntil === undefined) waitUntil = clock.now() + retryDelay(record.failures) * 1000;
    return record;
  }
  const waiting = (): number => Math.max(0, Math.ceil(((waitUntil ?? 0) - clock.now()) / 1000));
  async function failed(record: KeptSecrets): Promise<void> {
    const failures = record.failures + 1;
    await store.write({ ...record, failures });
    waitUntil = clock.now() + retryDelay(failures) * 1000;
  }
  /** The school key from a typed administrator's code, for a record that has none yet. */
  const keyFor = async (record: KeptSecrets | null, code: string): Promise<Partial<KeptSecrets>> =>
    record?.schoolKey ? {} : { schoolKey: toBase64(await schoolKeyOf(code, hashing)) };
  async function schoolKey(): Promise<Uint8Array | null> {
    const key = (await current())?.schoolKey;
    return key ? (fromBase64(key) ?? null) : null;
  }
  async function succeeded(record: KeptSecrets, changes: Partial<KeptSecrets>): Promise<void> {
    waitUntil = clock.now();
    await store.write({ ...record, ...changes, failures: 0 });
  }

  return {
    status: () =>
      serial(async () => {
        const record = await current();
        return { setUp: record !== null, station: record?.station ?? false };
      }),

    setUp: (pin, adminCode) =>
      serial(async (): Promise<SetUpResult> => {
        if (await current()) return { ok: false, problem: problem('teacher.alreadySetUp') };
        const refused = checkPin(pin);
        if (refused) return { ok: false, problem: refused };
        const code = adminCode ?? generateAdminCode();
        let adminRecord;
        try {
          adminRecord = await hashAdminCode(code, hashing);
        } catch {
          return { ok: false, problem: problem('adminCode.format') };
        }
        await store.write({ pin: await hashPin(pin, hashing), adminCode: adminRecord, failures: 0, station: false, ...(await keyFor(null, code)) });
        waitUntil = clock.now();
        return adminCode ? { ok: true } : { ok: true, adminCode: code };
      }),

    unlock: (pin) =>
      serial(async (): Promise<UnlockResult> => {
        const record = await current();
        if (!record) return { ok: false, problem: problem('pin.wrong') };
        const wait = waiting();
        if (wait > 0) return { ok: false, waitSeconds: wait };
        const wrong = await checkTeacherPin(pin, record.pin);
        if (wrong) {
          await failed(record);
          return { ok: false, problem: wrong };
        }
        await succeeded(record, { station: false, ...(needsRehash(record.pin) ? { pin: await hashPin(pin, hashing) } : {}) });
        return { ok: true };
      }),

    reset: (adminCode, newPin) =>
      serial(async (): Promise<UnlockResult> => {
        const record = await current();
        if (!record) return { ok: false, problem: problem('adminCode.wrong') };
        const wait = waiting();
        if (wait > 0) return { ok: false, waitSeconds: wait };
        const refused = checkPin(newPin);
        if (refused) return { ok: false, problem: refused };
        const wrong = await checkAdminCode(adminCode, record.adminCode);
        if (wrong) {
          // A wrong code counts as a wrong try; a mistyped one (format, check symbol) does not.
          if (wrong.code === 'adminCode.wrong') await failed(record);
          return { ok: false, problem: wrong };
        }
        await succeeded(record, { pin: await hashPin(newPin, hashing), station: false, ...(await keyFor(record, adminCode)) });
        return { ok: true };
      }),

    checkAdministrator: (adminCode) =>
      serial(async (): Promise<UnlockResult> => {
        const record = await current();
        if (!record) return { ok: false, problem: problem('adminCode.wrong') };
        const wait = waiting();
        if (wait > 0) return { ok: false, waitSeconds: wait };
        const wrong = await checkAdminCode(adminCode, record.adminCode);
        if (wrong) {
          if (wrong.code === 'adminCode.wrong') await failed(record);
          return { ok: false, problem: wrong };
        }
        const key = await keyFor(record, adminCode);
        if (record.failures || key.schoolKey) await succeeded(record, key);
        return { ok: true };
      }),

    startStation: () =>
      serial(async () => {
        const record = await current();
        if (record && !record.station) await store.write({ ...record, station: true });
      }),

    adopt: (secrets) =>
      serial(async () => {
        const parsed = keptSecretsSchema.safeParse(secrets);
        if (!parsed.success || (await current())) return false;
        await store.write(parsed.data);
        waitUntil = clock.now() + retryDelay(parsed.data.failures) * 1000;
        return true;
      }),

    seal: (text) =>
      serial(async () => {
        const key = await schoolKey();
        return key ? hmacSha256Hex(key, text) : null;
      }),

    checkSeal: (text, seal) =>
      serial(async () => {
        const key = await schoolKey();
        return key ? (await hmacSha256Hex(key, text)) === seal : null;
      }),
  };
}
