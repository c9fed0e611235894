import { z } from 'zod';
import { problem, type Problem } from '../base/problems';
import { BASE32, fromBase64, randomBytes, sameBytes, toBase64 } from '../base/bytes';

/**
 * The teacher's PIN and the school administrator's code (docs/classroom.md).
 * Neither is ever stored: only a slow, salted hash, PBKDF2 with SHA-256
 * through WebCrypto, so a copied database does not give the PIN away cheaply.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about 0.2 s in Node on a laptop, under a second on an old lab PC. */
export const PBKDF2_ITERATIONS = 600_000;
/**
 * The iterations a stored record may declare. Below the floor only tests hash;
 * above the ceiling a forged record would make every try of the PIN take
 * minutes and lock the teacher out, so it is refused as damaged.
 */
export const PBKDF2_RANGE = { min: 1_000, max: 2_000_000 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** What is stored for a PIN or an administrator's code. */
export const secretRecordSchema = z.strictObject({
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(PBKDF2_RANGE.min).max(PBKDF2_RANGE.max),
  /** 16 random bytes, base64. */
  salt: z.string().min(1).max(200),
  /** 32 bytes, base64. */
  hash: z.string().min(1).max(200),
});
export type SecretRecord = z.infer<typeof secretRecordSchema>;

export interface HashOptions {
  /** Only for tests and migrations; PBKDF2_ITERATIONS otherwise. */
  iterations?: number;
  /** Only for tests; 16 random bytes otherwise. */
  salt?: Uint8Array;
}

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

async function hashSecret(secret: string, options: HashOptions): Promise<SecretRecord> {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(await derive(secret, salt, iterations)) };
}

/** Recomputes the hash with the record's own salt and iterations and compares every byte. A damaged record never matches. */
async function verifySecret(secret: string, record: SecretRecord): Promise<boolean> {
  const parsed = secretRecordSchema.safeParse(record);
  if (!parsed.success) return false;
  const salt = fromBase64(parsed.data.salt);
  const expected = fromBase64(parsed.data.hash);
  if (!salt || !expected || expected.length !== HASH_BYTES) return false;
  return sameBytes(await derive(secret, salt, parsed.data.iterations), expected);
}

/** True when a record was made with fewer iterations than today's: hash the PIN again after the next successful check. */
export function needsRehash(record: SecretRecord): boolean {
  return record.iterations < PBKDF2_ITERATIONS;
}

// ---------------------------------------------------------------------------
// The teacher's PIN

/** 6 to 12 digits: a 4-digit PIN is guessed from over a shoulder, or by trying, too easily in a room of 30 pupils. */
const PIN_LENGTH = { min: 6, max: 12 } as const;

/**
 * Why a new PIN is refused, or undefined when it is fine: only the digits
 * 0–9, 6 to 12 of them, and not a pattern everyone tries first: one digit
 * repeated (111111), a short group repeated (121212, 123123), or a straight
 * run up or down (123456, 987654).
 */
export function checkPin(pin: string): Problem | undefined {
  if (!/^[0-9]*$/.test(pin)) return problem('pin.digits');
  if (pin.length < PIN_LENGTH.min || pin.length > PIN_LENGTH.max) return problem('pin.length', { params: { min: PIN_LENGTH.min, max: PIN_LENGTH.max } });
  if (tooSimple(pin)) return problem('pin.tooSimple');
  return undefined;
}

function tooSimple(pin: string): boolean {
  for (let size = 1; size <= 3; size++) {
    if (pin.length % size === 0 && pin === pin.slice(0, size).repeat(pin.length / size)) return true;
  }
  const steps = new Set([...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** Hashes a new PIN. Throws when checkPin refuses it: the UI checks first and shows the problem. */
export async function hashPin(pin: string, options: HashOptions = {}): Promise<SecretRecord> {
  const refused = checkPin(pin);
  if (refused) throw new Error(`hashPin: ${refused.code}`);
  return hashSecret(pin, options);
}

/** True when `pin` is the PIN the record was made from. Takes about as long whatever is typed. */
export function verifyPin(pin: string, record: SecretRecord): Promise<boolean> {
  return verifySecret(pin, record);
}

/** Undefined when `pin` is the teacher's PIN; otherwise the problem to show. */
export async function checkTeacherPin(pin: string, record: SecretRecord): Promise<Problem | undefined> {
  return (await verifySecret(pin, record)) ? undefined : problem('pin.wrong');
}

/**
 * How many seconds to wait before the next try, after `failures` wrong PINs
 * (or administrator's codes) in a row: free for the first 5, then 30 s,
 * doubling up to 15 minutes. A pupil cannot try a thousand PINs in a lesson.
 */
export function retryDelay(failures: number): number {
  if (failures < 5) return 0;
  return Math.min(30 * 2 ** (failures - 5), 15 * 60);
}

// ---------------------------------------------------------------------------
// The administrator's code: resets a forgotten PIN and keeps all data

/**
 * 15 random symbols and 1 check symbol, shown as 4 groups of 4. The random
 * ones are the first 31 symbols of Crockford's base32 (0–9, A–Y without I, L,
 * O, U: 74 bits in all); the check is the sum of each symbol's value times
 * its position, modulo 31. As 31 is prime, any one mistyped symbol and any
 * two neighbours swapped change the check, so they are reported as a typo.
 */
const ADMIN_SYMBOLS = 16;
const ADMIN_RADIX = 31;

function checkSymbol(values: readonly number[]): number {
  return values.reduce((sum, v, i) => sum + (i + 1) * v, 0) % ADMIN_RADIX;
}

/**
 * A new administrator's code, such as `7K4M-Q2XD-9HB3-RT6W`, shown once and
 * printed when the school sets up the app. Its last symbol is a check, so a
 * typing mistake is reported as a typo rather than as a wrong code.
 */
export function generateAdminCode(random: (n: number) => Uint8Array = randomBytes): string {
  const values: number[] = [];
  while (values.length < ADMIN_SYMBOLS - 1) {
    // 248 = 8 × 31: bytes above are skipped, so every symbol is equally likely.
    for (const b of random(ADMIN_SYMBOLS)) if (b < 248 && values.length < ADMIN_SYMBOLS - 1) values.push(b % ADMIN_RADIX);
  }
  const symbols = [...values, checkSymbol(values)].map((v) => BASE32[v] as string).join('');
  return symbols.match(/.{4}/g)?.join('-') ?? symbols;
}

/** Letters that look alike on a Kazakh or Russian keyboard, and Crockford's readings of I, L and O. */
const LOOK_ALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: '0', Р: 'P', С: 'C', Т: 'T', Х: 'X', O: '0', I: '1', L: '1', І: '1',
};

/**
 * The code as typed, made canonical: case, spaces and dashes do not matter,
 * nor Cyrillic look-alike letters; O is read as 0, I and L as 1. Returns the
 * 16 symbols, or the problem to show: not a code at all, or a typo.
 */
export function normaliseAdminCode(input: string): { code: string } | { problem: Problem } {
  const code = [...input.toUpperCase().replace(/[\s\-‐‑‒–—]/g, '')].map((c) => LOOK_ALIKE[c] ?? c).join('');
  if (code.length !== ADMIN_SYMBOLS || [...code].some((c) => !BASE32.includes(c))) return { problem: problem('adminCode.format') };
  const values = [...code].map((c) => BASE32.indexOf(c));
  const random = values.slice(0, -1);
  if (random.some((v) => v >= ADMIN_RADIX) || checkSymbol(random) !== values[ADMIN_SYMBOLS - 1]) return { problem: problem('adminCode.typo') };
  return { code };
}

/** Hashes a new administrator's code (as generated) the same way as a PIN. */
export async function hashAdminCode(code: string, options: HashOptions = {}): Promise<SecretRecord> {
  const normal = normaliseAdminCode(code);
  if ('problem' in normal) throw new Error(`hashAdminCode: ${normal.problem.code}`);
  return hashSecret(normal.code, options);
}

/**
 * The school's key for sealing results files and backups, derived from the
 * administrator's code: every PC set up with the same code (the school's)
 * seals and checks files with the same key, and a PC of another school, or
 * anyone without the code, cannot. The salt is fixed so that PCs agree.
 */
export async function schoolKeyOf(code: string, options: Pick<HashOptions, 'iterations'> = {}): Promise<Uint8Array> {
  const normal = normaliseAdminCode(code);
  if ('problem' in normal) throw new Error(`schoolKeyOf: ${normal.problem.code}`);
  return derive(`school-key:${normal.code}`, new TextEncoder().encode('qorgau-school-key-1'), options.iterations ?? PBKDF2_ITERATIONS);
}

/** Undefined when `input` is the administrator's code; otherwise the problem to show (format, typo, or wrong code). */
export async function checkAdminCode(input: string, record: SecretRecord): Promise<Problem | undefined> {
  const normal = normaliseAdminCode(input);
  if ('problem' in normal) return normal.problem;
  return (await verifySecret(normal.code, record)) ? undefined : problem('adminCode.wrong');
}

/**
 * A forgotten PIN: with the administrator's code, the teacher sets a new
 * PIN. Only the PIN record changes; classes, pupils and results stay as they
 * are. Returns the new PIN record to store, or the problem to show.
 */
export async function resetPin(
  request: { adminCode: string; adminRecord: SecretRecord; newPin: string },
  options: HashOptions = {},
): Promise<{ pin: SecretRecord } | { problem: Problem }> {
  const refused = checkPin(request.newPin);
  if (refused) return { problem: refused };
  const wrong = await checkAdminCode(request.adminCode, request.adminRecord);
  if (wrong) return { problem: wrong };
  return { pin: await hashSecret(request.newPin, options) };
}
