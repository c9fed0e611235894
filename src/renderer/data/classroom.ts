import { z } from 'zod';
import { randomId } from '../../core/base/bytes';
import { secretRecordSchema } from '../../core/classroom/pin';
import { emptyClassroom, type ClassInfo, type ClassroomData, type FileInfo, type LessonProgress, type QuizAttempt, type ScenarioPlay } from '../../core/classroom/results';
import { classOfPupil } from '../../core/classroom/codes';
import type { AssignmentRow, PupilRow, QorgauDb } from './database';
import { storedId, storedSetting } from './settings';

/**
 * The teacher's secrets as versions before database 7 kept them here, in the
 * settings table. Today the keeper holds them (core/classroom/keeper.ts, in
 * the main process on the desktop); this record is read once, handed to the
 * keeper and removed.
 */
const legacyTeacherSchema = z.object({
  pin: secretRecordSchema,
  adminCode: secretRecordSchema,
  failures: z.number().int().min(0),
  waitUntil: z.number(),
});
export type LegacyTeacherRecord = z.infer<typeof legacyTeacherSchema>;

/** A pupil's or a class's results, as the dashboard's cells read them. */
export interface PupilResults {
  lessons: LessonProgress[];
  attempts: QuizAttempt[];
  scenarios: ScenarioPlay[];
}

const byGrade = (a: ClassInfo, b: ClassInfo) => a.grade - b.grade || a.code.localeCompare(b.code);
const byPlan = (x: AssignmentRow, y: AssignmentRow) => (x.week ?? 1e6) - (y.week ?? 1e6) || x.order - y.order;

/** The classroom's data on this PC: the teacher's record, classes, pupils, assignments and results. */
export function classroomRepository(db: QorgauDb) {
  const legacyTeacher = storedSetting(db, 'teacher', legacyTeacherSchema.nullable(), null, { strict: true });
  /**
   * A copy of the administrator's code's hash, kept with the classroom data:
   * when the keeper's record is lost but classes and results are here, a new
   * teacher is set up only with this PC's administrator's code.
   */
  const adminCheck = storedSetting(db, 'adminCheck', secretRecordSchema.nullable(), null);

  /** True when this PC holds classes or results: a new teacher then needs the administrator's code. */
  async function hasData(): Promise<boolean> {
    const counts = await Promise.all(classroomTables().map((t) => t.count()));
    return counts.some((n) => n > 0);
  }

  /** This PC's random install ID: names it in results files, nothing else. */
  async function installId(): Promise<string> {
    return storedId(db, 'install', randomId);
  }

  async function fileInfo(): Promise<FileInfo> {
    return { install: await installId(), exportedAt: new Date().toISOString() };
  }

  const classroomTables = () => [db.classes, db.pupils, db.attempts, db.lessonProgress, db.scenarioResults];

  /** Everything the classroom keeps on this PC, as core's ClassroomData. */
  async function readClassroom(): Promise<ClassroomData> {
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
  async function writeClassroom(data: ClassroomData, assignments?: AssignmentRow[]): Promise<void> {
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

  async function saveClass(info: Omit<ClassInfo, 'updatedAt'>): Promise<void> {
    await db.classes.put({ ...info, updatedAt: new Date().toISOString() });
  }

  /** Adds pupils by code; codes already there keep their display names. Returns how many were new. */
  async function addPupils(classCode: string, pupils: { code: string; displayName?: string }[]): Promise<number> {
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

  async function addAssignment(row: Omit<AssignmentRow, 'id' | 'createdAt' | 'order'>): Promise<void> {
    await db.transaction('rw', db.assignments, async () => {
      const count = await db.assignments.where('class').equals(row.class).count();
      await db.assignments.add({ ...row, id: randomId(), createdAt: Date.now(), order: count });
    });
  }

  /** Several assignments at once (a year plan): all of them or none. */
  async function addAssignments(rows: Omit<AssignmentRow, 'id' | 'createdAt' | 'order'>[]): Promise<void> {
    await db.transaction('rw', db.assignments, async () => {
      for (const row of rows) {
        const count = await db.assignments.where('class').equals(row.class).count();
        await db.assignments.add({ ...row, id: randomId(), createdAt: Date.now(), order: count });
      }
    });
  }

  /** Takes an assignment off the class's plan. Results already recorded stay: they belong to the pupils and the item, not to the assignment. */
  async function removeAssignment(id: string): Promise<void> {
    await db.assignments.delete(id);
  }

  /** A signed-in pupil opened a lesson: it counts as started (the first time only). */
  async function lessonStarted(pupil: string, lesson: string): Promise<void> {
    await db.transaction('rw', db.lessonProgress, async () => {
      if (!(await db.lessonProgress.get([pupil, lesson]))) {
        await db.lessonProgress.add({ pupil, lesson, startedAt: new Date().toISOString() });
      }
    });
  }

  /** The pupil says they finished the lesson: completed at the first such moment. */
  async function lessonCompleted(pupil: string, lesson: string): Promise<void> {
    await db.transaction('rw', db.lessonProgress, async () => {
      const now = new Date().toISOString();
      const row = await db.lessonProgress.get([pupil, lesson]);
      if (!row) await db.lessonProgress.add({ pupil, lesson, startedAt: now, completedAt: now });
      else if (!row.completedAt) await db.lessonProgress.put({ ...row, completedAt: now });
    });
  }


  /** Classes by grade, then code. */
  async function classes(): Promise<ClassInfo[]> {
    return (await db.classes.toArray()).sort(byGrade);
  }

  /** Classes by grade, each with how many pupils it has. */
  async function classesWithCounts(): Promise<(ClassInfo & { pupils: number })[]> {
    const [list, pupils] = await Promise.all([db.classes.toArray(), db.pupils.toArray()]);
    return list.map((c) => ({ ...c, pupils: pupils.filter((p) => p.class === c.code).length })).sort(byGrade);
  }

  /** The pupils of a class, by code as a person counts (7B-2 before 7B-10). */
  async function pupilsOf(classCode: string): Promise<PupilRow[]> {
    return (await db.pupils.where('class').equals(classCode).toArray()).sort((x, y) => x.code.localeCompare(y.code, undefined, { numeric: true }));
  }

  /** A class with its pupils and its assignments in term-plan order; undefined when there is no such class. */
  async function classWithWork(code: string): Promise<{ info: ClassInfo | undefined; pupils: PupilRow[]; assignments: AssignmentRow[] }> {
    const [info, pupils, assignments] = await Promise.all([db.classes.get(code), pupilsOf(code), assignmentsOf(code)]);
    return { info, pupils, assignments };
  }

  /** A class's assignments, by week of the term plan, then in the order they were given. */
  async function assignmentsOf(classCode: string): Promise<AssignmentRow[]> {
    return (await db.assignments.where('class').equals(classCode).toArray()).sort(byPlan);
  }

  async function allAssignments(): Promise<AssignmentRow[]> {
    return db.assignments.toArray();
  }

  /** What one pupil has done: lessons, quiz attempts and scenario plays. */
  async function resultsOfPupil(pupil: string): Promise<PupilResults> {
    const [lessons, attempts, scenarios] = await Promise.all([
      db.lessonProgress.where('pupil').equals(pupil).toArray(),
      db.attempts.where('pupil').equals(pupil).toArray(),
      db.scenarioResults.where('pupil').equals(pupil).toArray(),
    ]);
    return { lessons, attempts, scenarios };
  }

  /** What the pupils of a class have done, for its dashboard. */
  async function resultsOfClass(classCode: string, pupils: readonly string[]): Promise<PupilResults> {
    const [lessons, attempts, scenarios] = await Promise.all([
      db.lessonProgress.where('pupil').anyOf([...pupils]).toArray(),
      db.attempts.where('class').equals(classCode).toArray(),
      db.scenarioResults.where('pupil').anyOf([...pupils]).toArray(),
    ]);
    return { lessons, attempts, scenarios };
  }

  /** A finished quiz attempt of a signed-in pupil. */
  async function addAttempt(attempt: QuizAttempt): Promise<void> {
    await db.attempts.add(attempt);
  }

  /** The teacher chose the file's version of an attempt over the stored one (a merge conflict). */
  async function replaceAttempt(attempt: QuizAttempt): Promise<void> {
    await db.attempts.put(attempt);
  }

  return { classes, classesWithCounts, pupilsOf, classWithWork, assignmentsOf, allAssignments, resultsOfPupil, resultsOfClass, addAttempt, replaceAttempt, legacyTeacher, adminCheck, hasData, installId, fileInfo, readClassroom, writeClassroom, saveClass, addPupils, addAssignment, addAssignments, removeAssignment, lessonStarted, lessonCompleted };
}

