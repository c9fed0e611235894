/**
 * The teacher's PIN and the administrator's code (docs/classroom.md): only
 * slow salted hashes are stored, and a forgotten PIN is reset with the
 * administrator's code, changing nothing but the PIN.
 */
import { pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator, formatProblem } from '../../src/core/i18n';
import type { Lang } from '../../src/core/base/languages';
import type { Problem } from '../../src/core/base/problems';
import { BASE32, fromBase64, toBase64 } from '../../src/core/base/bytes';
import {
  checkAdminCode,
  checkPin,
  checkTeacherPin,
  generateAdminCode,
  hashAdminCode,
  hashPin,
  needsRehash,
  normaliseAdminCode,
  PBKDF2_ITERATIONS,
  resetPin,
  retryDelay,
  verifyPin,
  type SecretRecord,
} from '../../src/core/classroom/pin';

const say = (p: Problem | undefined, lang: Lang = 'en') => (p ? formatProblem(createTranslator(lang), p) : 'fine');
/** Fast hashes for tests that are about something else than the cost. */
const FAST = { iterations: 1000 };
const SALT = new Uint8Array([...Array(16).keys()]);
/** A valid code: 15 symbols and the check. */
const CODE = '7M4N-Q2XD-9HB3-RT6F';

describe('the PIN is stored as a PBKDF2-SHA-256 hash', () => {
  it('with a 16-byte random salt and 600,000 iterations, as base64', async () => {
    const record = await hashPin('583920');
    expect(record).toEqual({ algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: expect.any(String), hash: expect.any(String) });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    expect(fromBase64(record.salt)).toHaveLength(16);
    expect(fromBase64(record.hash)).toHaveLength(32);
    expect(JSON.stringify(record)).not.toContain('583920');
    // Another salt each time: the same PIN on two PCs gives two different records.
    expect((await hashPin('583920')).salt).not.toBe(record.salt);
    expect(await verifyPin('583920', record)).toBe(true);
    expect(needsRehash(record)).toBe(false);
  });

  it('the hash is the standard PBKDF2-HMAC-SHA256 of the PIN, as Node computes it', async () => {
    const record = await hashPin('583920', { ...FAST, salt: SALT });
    expect(record).toEqual({
      algorithm: 'PBKDF2-SHA-256',
      iterations: 1000,
      salt: 'AAECAwQFBgcICQoLDA0ODw==',
      hash: pbkdf2Sync('583920', Buffer.from(SALT), 1000, 32, 'sha256').toString('base64'),
    });
    expect(needsRehash(record)).toBe(true);
  });

  it('only the right PIN verifies; a damaged record never does', async () => {
    const record = await hashPin('583920', FAST);
    for (const wrong of ['583921', '58392', '5839200', '', ' 583920', '583920 ']) expect(await verifyPin(wrong, record), wrong).toBe(false);
    const damaged: SecretRecord[] = [
      { ...record, hash: record.hash.slice(0, -4) },
      { ...record, salt: 'not base64!' },
      { ...record, iterations: 0 },
      // A forged record that would make each try take minutes is damaged, and refused at once.
      { ...record, iterations: 100_000_000 },
      { ...record, iterations: 2_000_001 },
      { ...record, algorithm: 'MD5' as 'PBKDF2-SHA-256' },
      { ...record, hash: toBase64(new Uint8Array(32)) },
    ];
    for (const r of damaged) expect(await verifyPin('583920', r)).toBe(false);
    expect(say(await checkTeacherPin('583921', record))).toBe('wrong PIN. Try again; if you have forgotten it, the school administrator can reset it.');
    expect(await checkTeacherPin('583920', record)).toBeUndefined();
  });
});

describe('PIN rules', () => {
  it.each([
    ['12345', 'the PIN must have 6 to 12 digits.'],
    ['1234567890123', 'the PIN must have 6 to 12 digits.'],
    ['58 39 20', 'the PIN may contain only the digits 0–9.'],
    ['５８３９２０', 'the PIN may contain only the digits 0–9.'],
    ['abcdef', 'the PIN may contain only the digits 0–9.'],
    ['000000', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['121212', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['123123', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['123456', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['987654', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['890123', 'this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.'],
    ['583920', 'fine'],
    ['246802', 'fine'],
    ['112233', 'fine'],
    ['900417356281', 'fine'],
  ])('%s: %s', (pin, expected) => {
    expect(say(checkPin(pin))).toBe(expected);
  });

  it('in Kazakh and Russian', () => {
    expect(say(checkPin('1234'), 'kk')).toBe('PIN-код 6–12 цифрдан тұруы керек.');
    expect(say(checkPin('1234'), 'ru')).toBe('в PIN-коде должно быть от 6 до 12 цифр.');
  });

  it('a PIN the rules refuse is never hashed', async () => {
    await expect(hashPin('1234')).rejects.toThrow('pin.length');
  });

  it('after 5 wrong tries in a row, a wait that doubles from 30 seconds up to 15 minutes', () => {
    expect([0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 50].map(retryDelay)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

describe('the administrator’s code', () => {
  it('is 16 symbols in 4 groups, from an alphabet without I, L, O and U; each new code is different', () => {
    const a = generateAdminCode();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(generateAdminCode()).not.toBe(a);
    expect(normaliseAdminCode(a)).toEqual({ code: a.replaceAll('-', '') });
    expect(generateAdminCode(() => new Uint8Array([7, 20, 4, 21, 23, 2, 29, 13, 9, 17, 11, 3, 24, 26, 6, 0]))).toBe(CODE);
  });

  it('is read whatever the case, spaces, dashes, O for 0 or a Kazakh or Russian keyboard', () => {
    for (const typed of ['7m4n q2xd 9hb3 rt6f', '7M4NQ2XD9HB3RT6F', ' 7M4N–Q2XD–9HB3–RT6F ', '7М4N-Q2XD-9НВ3-RТ6F', '7M4N-Q2XD-9HB3-RT6F'.replace('X', 'Х')]) {
      expect(normaliseAdminCode(typed), typed).toEqual({ code: '7M4NQ2XD9HB3RT6F' });
    }
    expect(normaliseAdminCode('0000-0000-0000-0000')).toEqual({ code: '0000000000000000' });
    expect(normaliseAdminCode('OOOO-OOOO-OOOO-OOOO')).toEqual({ code: '0000000000000000' });
  });

  it('a code of the wrong shape, and a typo, are told apart from a wrong code', async () => {
    const record = await hashAdminCode(CODE, FAST);
    const lines = async (typed: string) => say(await checkAdminCode(typed, record));
    expect(await lines('7M4N-Q2XD-9HB3')).toBe("an administrator's code has 16 letters and digits in four groups, such as 7M4N-Q2XD-9HB3-RT6F: check the printed code.");
    expect(await lines('7M4N-Q2XD-9HB3-RT6U')).toBe("an administrator's code has 16 letters and digits in four groups, such as 7M4N-Q2XD-9HB3-RT6F: check the printed code.");
    expect(await lines('7M4N-Q2XD-9HB3-RT6G')).toBe('the code has a typing mistake: compare each letter and digit with the printed code.');
    expect(await lines('M74N-Q2XD-9HB3-RT6F')).toBe('the code has a typing mistake: compare each letter and digit with the printed code.');
    expect(await lines('0000-0000-0000-0000')).toBe("this is not the administrator's code of this PC.");
    expect(await checkAdminCode('7m4n q2xd 9hb3 rt6f', record)).toBeUndefined();
    expect(JSON.stringify(record)).not.toMatch(/7M4N|Q2XD/);
  });

  it('any one mistyped symbol, and any two neighbours swapped, is a typo (property test)', () => {
    const code = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => generateAdminCode(() => bytes.map((b) => b % 248)).replaceAll('-', ''));
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 15 }), fc.constantFrom(...BASE32), (c, at, symbol) => {
        fc.pre(c[at] !== symbol);
        const typed = c.slice(0, at) + symbol + c.slice(at + 1);
        expect(normaliseAdminCode(typed)).toEqual({ problem: { code: 'adminCode.typo' } });
      }),
    );
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 13 }), (c, at) => {
        fc.pre(c[at] !== c[at + 1]);
        const typed = c.slice(0, at) + c[at + 1] + c[at] + c.slice(at + 2);
        expect(normaliseAdminCode(typed)).toEqual({ problem: { code: 'adminCode.typo' } });
      }),
    );
  });
});

describe('a forgotten PIN', () => {
  it('is reset with the administrator’s code: a new PIN record, and only that', async () => {
    const adminRecord = await hashAdminCode(CODE, FAST);
    const old = await hashPin('583920', FAST);
    const result = await resetPin({ adminCode: '7m4n-q2xd-9hb3-rt6f', adminRecord, newPin: '731946' }, FAST);
    expect('pin' in result).toBe(true);
    const pin = (result as { pin: SecretRecord }).pin;
    expect(await verifyPin('731946', pin)).toBe(true);
    expect(await verifyPin('583920', pin)).toBe(false);
    expect(pin.salt).not.toBe(old.salt);
  });

  it('is refused with a wrong code, or a new PIN the rules refuse, and nothing is hashed', async () => {
    const adminRecord = await hashAdminCode(CODE, FAST);
    const problemOf = async (adminCode: string, newPin: string) => {
      const result = await resetPin({ adminCode, adminRecord, newPin }, FAST);
      return 'problem' in result ? say(result.problem) : 'reset';
    };
    expect(await problemOf('0000-0000-0000-0000', '731946')).toBe("this is not the administrator's code of this PC.");
    expect(await problemOf(CODE, '111111')).toBe('this PIN is too easy to guess: avoid one digit repeated, a repeated group such as 121212, or a run such as 123456.');
    expect(await problemOf(CODE, '731946')).toBe('reset');
  });
});
