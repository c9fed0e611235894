import { platform } from '#platform';
import { problem, type Problem } from '../../core/base/problems';
import type { KeeperStatus, UnlockResult } from '../../core/classroom/keeper';
import { checkAdminCode, hashAdminCode, normaliseAdminCode } from '../../core/classroom/pin';
import type { SchoolSeal } from '../../core/classroom/results';
import { preferences } from '../lib/preferences';
import { classroom } from './data';
import { session } from './session.svelte';

export type { UnlockResult } from '../../core/classroom/keeper';

/**
 * The teacher on this PC. The secrets are the keeper's (the main process in
 * the desktop app): this service asks it, follows its answers and keeps the
 * session in step; it never sees a PIN record.
 */
class Teacher {
  /** undefined while loading; then whether a teacher is set up and whether this is a pupils' station. */
  status = $state.raw<KeeperStatus | undefined>(undefined);
  /** Why the keeper could not be read (a damaged record): shown instead of the PIN entry. */
  problem = $state.raw<Problem | null>(null);
  /** Set-up on a PC that already holds classes or results asks for the administrator's code. */
  needsAdminCode = $state(false);

  async load(): Promise<void> {
    try {
      await this.adoptEarlierRecord();
      await this.refresh();
      this.needsAdminCode = !this.status?.setUp && (await classroom.hasData());
      this.problem = null;
    } catch {
      this.problem = problem('teacher.damaged');
    }
  }

  private async refresh(): Promise<void> {
    const status = await platform.teacherStatus();
    this.status = status;
    session.pupilStation = status.station;
    if (status.station) session.teacherUnlocked = false;
  }

  /** Versions before this one kept the record in the page's database and the station flag in local storage: hand both to the keeper once. */
  private async adoptEarlierRecord(): Promise<void> {
    const earlier = await classroom.legacyTeacher.get();
    if (!earlier) return;
    const station = preferences.station.get() === 'pupils';
    const taken = await platform.teacherAdopt({ pin: earlier.pin, adminCode: earlier.adminCode, failures: earlier.failures, station });
    if (taken || (await platform.teacherStatus()).setUp) {
      await classroom.adminCheck.set(earlier.adminCode);
      await classroom.legacyTeacher.clear();
      preferences.station.clear();
    }
  }

  /**
   * Sets up the teacher with a PIN. Returns the administrator's code to show
   * once and print (only hashes are kept). A lab PC is set up with the
   * school's administrator's code instead, which it keeps: PCs that share the
   * code share the school's seal on results files and backups. On a PC that
   * already holds classes or results, its administrator's code is required.
   */
  async setUp(pin: string, adminCode?: string): Promise<{ adminCode?: string } | { problem: Problem }> {
    if (adminCode) {
      const normal = normaliseAdminCode(adminCode);
      if ('problem' in normal) return { problem: normal.problem };
    }
    if (await classroom.hasData()) {
      const copy = await classroom.adminCheck.get();
      if (!adminCode || !copy) return { problem: problem('teacher.existingData') };
      const wrong = await checkAdminCode(adminCode, copy);
      if (wrong) return { problem: wrong };
    }
    const result = await platform.teacherSetUp(pin, adminCode);
    if (!result.ok) return { problem: result.problem };
    await classroom.adminCheck.set(await hashAdminCode(result.adminCode ?? adminCode ?? ''));
    await this.refresh();
    this.needsAdminCode = false;
    return result.adminCode ? { adminCode: result.adminCode } : {};
  }

  /** Checks the PIN; the keeper counts wrong tries and makes each try after the fifth wait longer. */
  async unlock(pin: string): Promise<UnlockResult> {
    return this.opened(await platform.teacherUnlock(pin));
  }

  /** A forgotten PIN: the administrator's code sets a new one. Classes, pupils and results stay. */
  async reset(adminCode: string, newPin: string): Promise<UnlockResult> {
    return this.opened(await platform.teacherReset(adminCode, newPin));
  }

  private async opened(result: UnlockResult): Promise<UnlockResult> {
    if (result.ok) {
      if (session.pupilStation) session.signOut();
      session.pupilStation = false;
      session.teacherUnlocked = true;
      await this.refresh();
    }
    return result;
  }

  /** Checks the administrator's code for an administrator's action (switching statistics on). */
  checkAdministrator(adminCode: string): Promise<UnlockResult> {
    return platform.teacherCheckAdministrator(adminCode);
  }

  /** Hands the PC to pupils: the teacher's screens lock until the PIN is entered. */
  async startPupilStation(): Promise<void> {
    session.teacherUnlocked = false;
    await platform.teacherStartStation();
    await this.refresh();
  }

  lock(): void {
    session.teacherUnlocked = false;
  }
}

export const teacher = new Teacher();

/** The school's seal on files, kept by the keeper: this PC seals what it exports and checks what it takes in. */
export const schoolSeal: SchoolSeal = {
  seal: (text) => platform.schoolSeal(text),
  check: (text, seal) => platform.schoolCheckSeal(text, seal),
};
