import {
  checkAdminCode,
  checkPin,
  checkTeacherPin,
  generateAdminCode,
  hashAdminCode,
  hashPin,
  needsRehash,
  resetPin,
  retryDelay,
} from '../../core/classroom/pin';
import { problem, type Problem } from '../../core/base/problems';
import { session } from './session.svelte';
import type { TeacherRecord } from '../data/classroom';
import { classroom } from './data';

export type UnlockResult = { ok: true } | { ok: false; problem: Problem } | { ok: false; waitSeconds: number };

/** The teacher's profile: set up once with a PIN and the administrator's code, then unlocked by the PIN. */
class Teacher {
  /** undefined while loading; null when no teacher has been set up on this PC. */
  record = $state.raw<TeacherRecord | null | undefined>(undefined);

  async load(): Promise<void> {
    this.record = (await classroom.teacherRecord()) ?? null;
  }

  /**
   * Sets up the profile with a PIN. Returns the administrator's code to show
   * once and print: only its hash is kept.
   */
  async setUp(pin: string): Promise<{ adminCode: string } | { problem: Problem }> {
    const refused = checkPin(pin);
    if (refused) return { problem: refused };
    const adminCode = generateAdminCode();
    const record: TeacherRecord = { pin: await hashPin(pin), adminCode: await hashAdminCode(adminCode), failures: 0, waitUntil: 0 };
    await classroom.saveTeacherRecord(record);
    this.record = record;
    return { adminCode };
  }

  /** Checks the PIN, counting wrong tries: after five, each try waits longer (core's retryDelay). */
  async unlock(pin: string): Promise<UnlockResult> {
    const record = (await classroom.teacherRecord()) ?? null;
    this.record = record;
    if (!record) return { ok: false, problem: problem('pin.wrong') };
    const now = Date.now();
    if (record.waitUntil > now) return { ok: false, waitSeconds: Math.ceil((record.waitUntil - now) / 1000) };
    const wrong = await checkTeacherPin(pin, record.pin);
    if (wrong) {
      const failures = record.failures + 1;
      const next = { ...record, failures, waitUntil: now + retryDelay(failures) * 1000 };
      await classroom.saveTeacherRecord(next);
      this.record = next;
      return { ok: false, problem: wrong };
    }
    const next = { ...record, failures: 0, waitUntil: 0, ...(needsRehash(record.pin) ? { pin: await hashPin(pin) } : {}) };
    await classroom.saveTeacherRecord(next);
    this.record = next;
    if (session.pupilStation) session.endPupilStation();
    else session.teacherUnlocked = true;
    return { ok: true };
  }

  /** A forgotten PIN: the administrator's code sets a new one. Classes, pupils and results stay. */
  async reset(adminCode: string, newPin: string): Promise<UnlockResult> {
    const record = (await classroom.teacherRecord()) ?? null;
    if (!record) return { ok: false, problem: problem('adminCode.wrong') };
    const now = Date.now();
    if (record.waitUntil > now) return { ok: false, waitSeconds: Math.ceil((record.waitUntil - now) / 1000) };
    const result = await resetPin({ adminCode, adminRecord: record.adminCode, newPin });
    if ('problem' in result) {
      // A wrong administrator's code counts as a wrong try; a refused new PIN does not.
      if (result.problem.code.startsWith('adminCode.')) {
        const failures = record.failures + 1;
        await classroom.saveTeacherRecord({ ...record, failures, waitUntil: now + retryDelay(failures) * 1000 });
      }
      return { ok: false, problem: result.problem };
    }
    const next = { ...record, pin: result.pin, failures: 0, waitUntil: 0 };
    await classroom.saveTeacherRecord(next);
    this.record = next;
    if (session.pupilStation) session.endPupilStation();
    else session.teacherUnlocked = true;
    return { ok: true };
  }

  /**
   * Checks the administrator's code for an administrator's action (switching
   * statistics on). A wrong code counts as a wrong try, as for the PIN.
   */
  async checkAdministrator(adminCode: string): Promise<UnlockResult> {
    const record = (await classroom.teacherRecord()) ?? null;
    if (!record) return { ok: false, problem: problem('adminCode.wrong') };
    const now = Date.now();
    if (record.waitUntil > now) return { ok: false, waitSeconds: Math.ceil((record.waitUntil - now) / 1000) };
    const wrong = await checkAdminCode(adminCode, record.adminCode);
    if (wrong) {
      if (wrong.code === 'adminCode.wrong') {
        const failures = record.failures + 1;
        await classroom.saveTeacherRecord({ ...record, failures, waitUntil: now + retryDelay(failures) * 1000 });
      }
      return { ok: false, problem: wrong };
    }
    if (record.failures) await classroom.saveTeacherRecord({ ...record, failures: 0, waitUntil: 0 });
    return { ok: true };
  }

  lock(): void {
    session.teacherUnlocked = false;
  }
}

export const teacher = new Teacher();
