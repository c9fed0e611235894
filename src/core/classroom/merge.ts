import { compareText } from '../base/order';
import { canonicalJson, referencedPupils, sortClassroom, type ClassInfo, type ClassroomData, type LessonProgress, type Pupil, type QuizAttempt, type ScenarioPlay } from './results';

/**
 * Combining the results of several PCs on the teacher's PC (docs/classroom.md,
 * "Merging"). Nothing is ever overwritten by less: every rule keeps the union
 * of what both sides know, so merging is
 *
 * - idempotent: importing the same file twice changes nothing;
 * - commutative: files imported in any order give the same data, except
 *   where one attempt ID arrives with two contents (a conflict): then what
 *   is stored stays until the teacher chooses;
 * - lossless: every attempt and play of either side is in the result.
 *
 * Quiz attempts and scenario plays are keyed by their random IDs, made on
 * the PC where they happened; lesson progress by pupil and lesson; pupils by
 * code; classes by code.
 */

export interface MergeReport {
  /** New attempts; attempts that were already there; IDs that came with other content (kept: see mergeResults). */
  attempts: { added: number; alreadyThere: number; conflicts: number };
  /** Lesson progress: new pupil-and-lesson pairs; pairs that moved on (started earlier, or completed); pairs already as far. */
  lessons: { added: number; updated: number; alreadyThere: number };
  /** Scenario plays: new; plays that got further (finished, or more decisions); already there. */
  scenarios: { added: number; updated: number; alreadyThere: number };
  /** Pupil codes this PC did not know. */
  pupils: { added: number };
  /** Classes this PC did not know; classes with a newer name or language. */
  classes: { added: number; updated: number };
}

/** One attempt ID with two contents: what this PC has (kept until the teacher chooses) and what the file says. */
export interface AttemptConflict {
  stored: QuizAttempt;
  incoming: QuizAttempt;
}

export interface MergeResult {
  data: ClassroomData;
  report: MergeReport;
  /** Attempts that differ between this PC and the file: never replaced silently, listed for the teacher. */
  conflicts: AttemptConflict[];
  /** False when the data is exactly as it was: the file brought nothing new. */
  changed: boolean;
}

function emptyReport(): MergeReport {
  return {
    attempts: { added: 0, alreadyThere: 0, conflicts: 0 },
    lessons: { added: 0, updated: 0, alreadyThere: 0 },
    scenarios: { added: 0, updated: 0, alreadyThere: 0 },
    pupils: { added: 0 },
    classes: { added: 0, updated: 0 },
  };
}

/**
 * Merges data from another PC (a results file) or a backup into this PC's data.
 *
 * - Attempts: the union. The same ID twice is one attempt. Should one ID ever
 *   arrive with other content, what is stored stays, and both versions are
 *   listed as a conflict for the teacher to choose from: an attempt is never
 *   replaced without the teacher seeing it.
 * - Lesson progress: the earliest start, and the earliest completion if
 *   either side completed the lesson: completed is never undone.
 * - Scenario plays: the union; of two versions of one play, the one that got
 *   further: finished before unfinished, then more decisions.
 * - Pupils: the union of codes. A display name never arrives in a results
 *   file; from a backup, the more recently changed name is kept, and no name
 *   never replaces a name.
 * - Classes: the union of codes; of two versions, the one changed last.
 */
export function mergeResults(existing: ClassroomData, incoming: ClassroomData): MergeResult {
  const report = emptyReport();
  const before = sortClassroom({ ...existing, pupils: referencedPupils(existing) });

  const conflicts: AttemptConflict[] = [];
  const attempts = unite(before.attempts, incoming.attempts, (a) => a.id, (stored, other) => {
    conflicts.push({ stored, incoming: other });
    return stored;
  });
  report.attempts = { added: attempts.added, alreadyThere: attempts.same, conflicts: conflicts.length };
  const lessons = unite(before.lessons, incoming.lessons, (l) => `${l.pupil} ${l.lesson}`, furthestLesson);
  report.lessons = { added: lessons.added, updated: lessons.changed, alreadyThere: lessons.same + lessons.kept };
  const scenarios = unite(before.scenarios, incoming.scenarios, (s) => s.id, furthestPlay);
  report.scenarios = { added: scenarios.added, updated: scenarios.changed, alreadyThere: scenarios.same + scenarios.kept };
  const classes = unite(before.classes, incoming.classes, (c) => c.code, latestClass);
  report.classes = { added: classes.added, updated: classes.changed };

  const pupils = unite(before.pupils, referencedPupils(incoming), (p) => p.code, namedPupil);
  report.pupils = { added: pupils.added };

  const data = sortClassroom({ classes: classes.list, pupils: pupils.list, attempts: attempts.list, lessons: lessons.list, scenarios: scenarios.list });
  return { data, report, conflicts, changed: canonicalJson(data) !== canonicalJson(before) };
}

/** Merges several files one after the other, adding up what each brought. */
export function mergeAll(existing: ClassroomData, incoming: readonly ClassroomData[]): MergeResult {
  let data = sortClassroom({ ...existing, pupils: referencedPupils(existing) });
  const total = emptyReport();
  const conflicts: AttemptConflict[] = [];
  let changed = false;
  for (const file of incoming) {
    const result = mergeResults(data, file);
    data = result.data;
    changed ||= result.changed;
    conflicts.push(...result.conflicts);
    for (const [group, counts] of Object.entries(result.report) as [keyof MergeReport, Record<string, number>][]) {
      const sum = total[group] as Record<string, number>;
      for (const [k, n] of Object.entries(counts)) sum[k] = (sum[k] ?? 0) + n;
    }
  }
  return { data, report: total, conflicts, changed };
}

/**
 * Puts `incoming` into `existing` by key. `join` picks or builds the one
 * record two versions become; it must not depend on which side is which.
 * Counts: new keys; keys whose record is unchanged by the other side's
 * (`same` when both are identical, `kept` when the existing one wins);
 * keys whose record changed.
 */
function unite<T>(existing: readonly T[], incoming: readonly T[], key: (x: T) => string, join: (a: T, b: T) => T) {
  const map = new Map(existing.map((x) => [key(x), x]));
  let added = 0;
  let same = 0;
  let kept = 0;
  let changed = 0;
  for (const x of incoming) {
    const k = key(x);
    const old = map.get(k);
    if (old === undefined) {
      map.set(k, x);
      added++;
      continue;
    }
    const oldJson = canonicalJson(old);
    if (oldJson === canonicalJson(x)) {
      same++;
      continue;
    }
    const joined = join(old, x);
    if (canonicalJson(joined) === oldJson) kept++;
    else {
      map.set(k, joined);
      changed++;
    }
  }
  return { list: [...map.values()], added, same, kept, changed };
}


const earliest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : compareText(a, b) <= 0 ? a : b);

/** A tie-break that does not depend on which side is which: the greater canonical JSON. */
function greaterJson<T>(a: T, b: T): T {
  return compareText(canonicalJson(a), canonicalJson(b)) >= 0 ? a : b;
}

function furthestLesson(a: LessonProgress, b: LessonProgress): LessonProgress {
  const completedAt = earliest(a.completedAt, b.completedAt);
  return { pupil: a.pupil, lesson: a.lesson, startedAt: earliest(a.startedAt, b.startedAt) as string, ...(completedAt ? { completedAt } : {}) };
}

function furthestPlay(a: ScenarioPlay, b: ScenarioPlay): ScenarioPlay {
  const finished = Number(a.finishedAt !== undefined) - Number(b.finishedAt !== undefined);
  if (finished) return finished > 0 ? a : b;
  if (a.decisions !== b.decisions) return a.decisions > b.decisions ? a : b;
  return greaterJson(a, b);
}

function latestClass(a: ClassInfo, b: ClassInfo): ClassInfo {
  const d = compareText(a.updatedAt, b.updatedAt);
  return d ? (d > 0 ? a : b) : greaterJson(a, b);
}

function namedPupil(a: Pupil, b: Pupil): Pupil {
  const rank = (p: Pupil) => [p.displayName === undefined ? '0' : '1', p.updatedAt ?? '', p.displayName ?? ''];
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) {
    const d = compareText(x[i] as string, y[i] as string);
    if (d) return d > 0 ? a : b;
  }
  return a;
}

/** How many results a file brought, for the sentence the teacher reads after an import. */
export function addedCount(report: MergeReport): { added: number; alreadyThere: number } {
  return {
    added: report.attempts.added + report.lessons.added + report.lessons.updated + report.scenarios.added + report.scenarios.updated,
    alreadyThere: report.attempts.alreadyThere + report.lessons.alreadyThere + report.scenarios.alreadyThere,
  };
}

