import { randomId } from '../../../core/classroom/bytes';
import type { SecretRecord } from '../../../core/classroom/pin';
import { emptyClassroom, type ClassInfo, type ClassroomData, type FileInfo, type ScenarioPlay } from '../../../core/classroom/results';
import { classOfPupil } from '../../../core/classroom/codes';
import type { AssignmentRow, PupilRow } from '../../db/database';
import { db } from '../../lib/db';

/** The teacher's secrets and the count of wrong tries, kept in the settings table. */
export interface TeacherRecord {
  pin: SecretRecord;
  adminCode: SecretRecord;
  failures: number;
  /** Epoch ms before which no PIN is checked (after repeated wrong tries). */
  waitUntil: number;
}

const TEACHER = 'teacher';
const INSTALL = 'install';

export async function teacherRecord(): Promise<TeacherRecord | undefined> {
  return (await db.settings.get(TEACHER))?.value as TeacherRecord | undefined;
}

export async function saveTeacherRecord(record: TeacherRecord): Promise<void> {
  await db.settings.put({ key: TEACHER, value: record });
}

/** This PC's random install ID: names it in results files, nothing else. */
export async function installId(): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get(INSTALL))?.value;
    if (typeof stored === 'string') return stored;
    const id = randomId();
    await db.settings.put({ key: INSTALL, value: id });
    return id;
  });
}

export async function fileInfo(): Promise<FileInfo> {
  return { install: await installId(), exportedAt: new Date().toISOString() };
}

const classroomTables = () => [db.classes, db.pupils, db.attempts, db.lessonProgress, db.scenarioResults];

/** Everything the classroom keeps on this PC, as core's ClassroomData. */
export async function readClassroom(): Promise<ClassroomData> {
  return db.transaction('r', classroomTables(), async () => {
    const [classes, pupils, attempts, lessons, scenarios] = await Promise.all([
      db.classes.toArray(),
      db.pupils.toArray(),
      db.attempts.toArray(),
      db.lessonProgress.toArray(),
      db.scenarioResults.toArray(),
    ]);
    return { ...emptyClassroom(), classes, pupils: pupils.map(({ class: _class, ...pupil }) => pupil), attempts, lessons, scenarios };
  });
}

/**
 * Replaces the classroom with `data` in one transaction: a merge or a restore
 * either lands whole or not at all. Assignments are the teacher's plan, not
 * results: they stay unless `assignments` is given.
 */
export async function writeClassroom(data: ClassroomData, assignments?: AssignmentRow[]): Promise<void> {
  const tables = assignments ? [...classroomTables(), db.assignments] : classroomTables();
  await db.transaction('rw', tables, async () => {
    await Promise.all(classroomTables().map((t) => t.clear()));
    await db.classes.bulkAdd(data.classes);
    await db.pupils.bulkAdd(data.pupils.map((p): PupilRow => ({ ...p, class: classOfPupil(p.code) })));
    await db.attempts.bulkAdd(data.attempts);
    await db.lessonProgress.bulkAdd(data.lessons);
    await db.scenarioResults.bulkAdd(data.scenarios);
    if (assignments) {
      await db.assignments.clear();
      await db.assignments.bulkAdd(assignments);
    }
  });
}

export async function saveClass(info: Omit<ClassInfo, 'updatedAt'>): Promise<void> {
  await db.classes.put({ ...info, updatedAt: new Date().toISOString() });
}

/** Adds pupils by code; codes already there keep their display names. Returns how many were new. */
export async function addPupils(classCode: string, pupils: { code: string; displayName?: string }[]): Promise<number> {
  return db.transaction('rw', db.pupils, async () => {
    const existing = new Set(await db.pupils.where('class').equals(classCode).primaryKeys());
    const fresh = pupils.filter((p) => !existing.has(p.code));
    const now = new Date().toISOString();
    await db.pupils.bulkAdd(
      fresh.map((p) => (p.displayName ? { code: p.code, class: classCode, displayName: p.displayName, updatedAt: now } : { code: p.code, class: classCode })),
    );
    return fresh.length;
  });
}

export async function addAssignment(row: Omit<AssignmentRow, 'id' | 'createdAt' | 'order'>): Promise<void> {
  await db.transaction('rw', db.assignments, async () => {
    const count = await db.assignments.where('class').equals(row.class).count();
    await db.assignments.add({ ...row, id: randomId(), createdAt: Date.now(), order: count });
  });
}

/** A signed-in pupil opened a lesson: it counts as started (the first time only). */
export async function lessonStarted(pupil: string, lesson: string): Promise<void> {
  await db.transaction('rw', db.lessonProgress, async () => {
    if (!(await db.lessonProgress.get([pupil, lesson]))) {
      await db.lessonProgress.add({ pupil, lesson, startedAt: new Date().toISOString() });
    }
  });
}

/** The pupil says they finished the lesson: completed at the first such moment. */
export async function lessonCompleted(pupil: string, lesson: string): Promise<void> {
  await db.transaction('rw', db.lessonProgress, async () => {
    const now = new Date().toISOString();
    const row = await db.lessonProgress.get([pupil, lesson]);
    if (!row) await db.lessonProgress.add({ pupil, lesson, startedAt: now, completedAt: now });
    else if (!row.completedAt) await db.lessonProgress.put({ ...row, completedAt: now });
  });
}

/** A signed-in pupil's play of a scenario, as the classroom keeps it: how far it went and how it ended. */
export async function scenarioPlayed(play: ScenarioPlay): Promise<void> {
  await db.scenarioResults.put(play);
}
