import Dexie, { type EntityTable } from 'dexie';
import type { Lang } from '../../core/base/languages';
import type { LessonSummary } from '../../core/library/filter';
import type { AgeBand, Topic } from '../../core/base/vocabulary';
import type { PackMeta } from '../../core/pack/schema';
import type { Outcome, Scenario, Skin } from '../../core/scenario/schema';
import type { Worksheet } from '../../core/worksheet/model';
import type { ClassInfo, LessonProgress, Pupil, QuizAttempt, ScenarioPlay } from '../../core/classroom/results';
import type { Quiz } from '../../core/quiz/schema';
import type { RawCount, UsageEvent } from '../../core/stats/events';
import type { OutboxRecord } from '../../core/stats/outbox';
import type { WorksheetKind } from '../../core/worksheet/schema';

export interface PackRow {
  id: string;
  version: string;
  meta: PackMeta;
  builtin: boolean;
  importedAt: number;
}

/** What the library shows of a lesson in one language. */
export interface LessonRow extends LessonSummary {
  objectives: string[];
  vocabulary: { term: string; definition: string }[];
}

/** The body of a lesson, loaded when it is opened or indexed for search. */
export interface LessonContentRow {
  key: string;
  packId: string;
  body: string;
  text: string;
}

/** A scenario of a pack: the whole graph, with text in every language of the pack. */
export interface ScenarioRow {
  /** `packId/scenarioId` */
  key: string;
  packId: string;
  scenarioId: string;
  skin: Skin;
  topic: Topic;
  ageBands: AgeBand[];
  minutes: number;
  scenario: Scenario;
}

/** A worksheet or family letter of a pack, in one language, ready to print. */
export interface WorksheetRow {
  /** `packId/worksheetId/lang` */
  key: string;
  packId: string;
  worksheetId: string;
  /** The lesson it belongs to. */
  lesson: string;
  kind: WorksheetKind;
  lang: Lang;
  title: string;
  worksheet: Worksheet;
}

/** A quiz of a pack: the whole quiz, with text in every language of the pack. */
export interface QuizRow {
  /** `packId/quizId` */
  key: string;
  packId: string;
  quizId: string;
  /** Absent for a before/after check, which belongs to no lesson. */
  lesson?: string;
  quiz: Quiz;
}

/** A pupil of a class on this PC. The display name never leaves the PC (docs/classroom.md). */
export interface PupilRow extends Pupil {
  class: string;
}

/** Work a teacher gives a class: a lesson, a scenario or a quiz, with an optional due date and week of the term plan. */
export interface AssignmentRow {
  id: string;
  class: string;
  kind: 'lesson' | 'scenario' | 'quiz';
  /** `packId/itemId` */
  item: string;
  /** `YYYY-MM-DD`, optional. */
  due?: string;
  /** Week of the term plan, 1-based, optional; the plan orders by week, then by `order`. */
  week?: number;
  order: number;
  createdAt: number;
}

/** A usage event waiting for its day to end before it is counted (docs/usage-statistics.md). Nothing about a pupil. */
export type UsageEventRow = UsageEvent & { id?: number };

/** A count held back by suppression until it can leave the PC merged with later ones; `cell` is core's cellKey. */
export type HeldCountRow = RawCount & { cell: string };

/** Who played: a signed-in pupil, or an anonymous session of this PC until pupils can sign in. */
export type Player = { kind: 'anonymous'; session: string } | { kind: 'pupil'; pupil: string };

/** One play of a scenario, alone or as a class. A replay from a decision is a new play that points to the old one. */
export interface PlayRow {
  id: string;
  /** `packId/scenarioId` */
  scenarioKey: string;
  packId: string;
  packVersion: string;
  scenarioId: string;
  lang: Lang;
  mode: 'pupil' | 'class';
  player: Player;
  /** ISO 8601, like every time a classroom record keeps. */
  startedAt: string;
  /** Set when the play reached an ending. */
  endedAt?: string;
  endingNode?: string;
  outcome?: Outcome;
  skills?: Record<string, number>;
  /** The play this one replays, and the decision (0-based) it starts again from. */
  replayOf?: { playId: string; step: number };
}

/** One decision: at `nodeId` the pupil (or class) picked `choiceId` after `ms` milliseconds. */
export interface DecisionRow {
  seq?: number;
  playId: string;
  scenarioKey: string;
  /** Position in the play's path, 0-based (a replay keeps the steps it inherited). */
  step: number;
  nodeId: string;
  choiceId: string;
  /** ISO 8601. */
  decidedAt: string;
  ms: number;
  /** Class mode: how many pupils chose each option. */
  votes?: Record<string, number>;
}

export interface MediaRow {
  sha256: string;
  blob: Blob;
  type: string;
  size: number;
}

export interface PackMediaRow {
  packId: string;
  path: string;
  sha256: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

const DB_NAME = 'qorgau';

/**
 * The one database of the app. Every schema change is a new version with a
 * declared upgrade. The version it leaves behind gets a fixture,
 * test/fixtures/db/v<N>.json (its stores and a row of every table), which
 * test/unit/database-upgrades.test.ts writes with that version's schema and
 * opens with this one.
 */
export class QorgauDb extends Dexie {
  packs!: EntityTable<PackRow, 'id'>;
  lessons!: EntityTable<LessonRow, 'key'>;
  lessonContent!: EntityTable<LessonContentRow, 'key'>;
  media!: EntityTable<MediaRow, 'sha256'>;
  packMedia!: Dexie.Table<PackMediaRow, [string, string]>;
  scenarios!: EntityTable<ScenarioRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;
  plays!: EntityTable<PlayRow, 'id'>;
  decisions!: EntityTable<DecisionRow, 'seq'>;
  worksheets!: EntityTable<WorksheetRow, 'key'>;
  quizzes!: EntityTable<QuizRow, 'key'>;
  classes!: EntityTable<ClassInfo, 'code'>;
  pupils!: EntityTable<PupilRow, 'code'>;
  assignments!: EntityTable<AssignmentRow, 'id'>;
  attempts!: EntityTable<QuizAttempt, 'id'>;
  lessonProgress!: Dexie.Table<LessonProgress, [string, string]>;
  scenarioResults!: EntityTable<ScenarioPlay, 'id'>;
  usageEvents!: EntityTable<UsageEventRow, 'id'>;
  statsHeld!: EntityTable<HeldCountRow, 'cell'>;
  statsOutbox!: EntityTable<OutboxRecord, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      packs: 'id',
      lessons: 'key, packId, [packId+lessonId], lang, topic, *ageBands',
      lessonContent: 'key, packId',
      media: 'sha256',
      packMedia: '[packId+path], packId, sha256',
      settings: 'key',
    });
    // 2: scenarios arrive with packs. A new table only: nothing to move.
    this.version(2).stores({
      scenarios: 'key, packId, skin, topic',
    });
    // 3: pupils' plays of scenarios and every decision in them. New tables only.
    this.version(3).stores({
      plays: 'id, scenarioKey, startedAt',
      decisions: '++seq, playId, scenarioKey',
    });
    // 4: worksheets and family letters arrive with packs. A new table only.
    this.version(4).stores({
      worksheets: 'key, packId, [packId+lesson], lang',
    });
    // 5: the classroom (classes, pupils, assignments, quiz attempts, lesson
    // progress, scenario results) and quizzes from packs. New tables only.
    this.version(5).stores({
      quizzes: 'key, packId, [packId+lesson]',
      classes: 'code',
      pupils: 'code, class',
      assignments: 'id, class',
      attempts: 'id, pupil, class, quiz',
      lessonProgress: '[pupil+lesson], pupil',
      scenarioResults: 'id, pupil, scenario',
    });
    // 6: usage statistics, kept locally: events of days not yet counted, counts
    // held back by suppression, and the outbox of batches. New tables only.
    this.version(6).stores({
      usageEvents: '++id, day',
      statsHeld: 'cell',
      statsOutbox: 'key, state',
    });
    // 7: plays and decisions keep ISO 8601 times, as the classroom's results
    // do, instead of epoch milliseconds. Indexes unchanged; rows rewritten.
    this.version(7)
      .stores({ plays: 'id, scenarioKey, startedAt' })
      .upgrade(async (tx) => {
        await tx
          .table('plays')
          .toCollection()
          .modify((play: Record<string, unknown>) => {
            for (const field of ['startedAt', 'endedAt']) if (typeof play[field] === 'number') play[field] = isoTime(play[field]);
          });
        await tx
          .table('decisions')
          .toCollection()
          .modify((decision: Record<string, unknown>) => {
            if (typeof decision.decidedAt === 'number') decision.decidedAt = isoTime(decision.decidedAt);
          });
      });
  }
}

/** An epoch-milliseconds time from an earlier version, as ISO 8601. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The key of anything a pack holds once (a scenario, a quiz), and of assignments and results: `packId/itemId`. */
export function itemKey(packId: string, itemId: string): string {
  return `${packId}/${itemId}`;
}

export const scenarioKey = itemKey;

export function worksheetKey(packId: string, worksheetId: string, lang: Lang): string {
  return `${packId}/${worksheetId}/${lang}`;
}

export function lessonKey(packId: string, lessonId: string, lang: Lang): string {
  return `${packId}/${lessonId}/${lang}`;
}
