import { z } from 'zod';
import { LANGUAGES, type Lang } from '../base/languages';
import { problem, type Problem } from '../base/problems';
import { ID_PATTERN } from '../base/vocabulary';
import type { QuizAnswer } from '../quiz/score';
import { OUTCOMES, type Outcome } from '../scenario/schema';
import { compareText } from '../base/order';
import { RANDOM_ID, sha256, toHex } from '../base/bytes';
import { CLASS_CODE, classOfPupil, gradeOf, PUPIL_CODE } from './codes';
import { secretRecordSchema, type SecretRecord } from './pin';

/**
 * What the classroom keeps, and the two files it writes (docs/classroom.md):
 * a results file that carries a PC's results to the teacher's PC on a USB
 * stick, and a backup of all classroom data. Pure functions from data to
 * text and back; where and how the data is stored is the storage layer's.
 */

/** A moment, as `Date.prototype.toISOString` writes it: UTC, milliseconds, so that times sort as text. */
export type Timestamp = string;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A class: its code (`7B`, see codes.ts), the name the teacher gave it, its grade and the language it is taught in. */
export interface ClassInfo {
  code: string;
  name: string;
  grade: number;
  language: Lang;
  /** When the teacher last changed it: of two versions of a class, the later one is kept. */
  updatedAt: Timestamp;
}

/** A pupil: a code such as `7B-14`. The display name stays on the PC where it was typed: it is in backups, never in results files. */
export interface Pupil {
  code: string;
  displayName?: string;
  /** When the display name was last changed. */
  updatedAt?: Timestamp;
}

/** One go at a quiz, recorded when the pupil finishes it. */
export interface QuizAttempt {
  /** Random (randomId), made on the PC where the attempt happened: the same attempt imported twice is one attempt. */
  id: string;
  pupil: string;
  /** The pupil's class, `7B` for `7B-14`. */
  class: string;
  /** `packId/quizId`: a pack update keeps the key. */
  quiz: string;
  /** Version of the pack the quiz was taken from. */
  packVersion: string;
  lang: Lang;
  /** By question ID. */
  answers: Record<string, QuizAnswer>;
  /** The score when the attempt was finished (quiz/score.ts): points of max, whole percent, passed when the quiz has a pass mark. */
  points: number;
  max: number;
  percent: number;
  passed?: boolean;
  startedAt: Timestamp;
  finishedAt: Timestamp;
}

/** How far a pupil got with a lesson: started, and completed once completedAt is there. */
export interface LessonProgress {
  pupil: string;
  /** `packId/lessonId`. */
  lesson: string;
  startedAt: Timestamp;
  completedAt?: Timestamp;
}

/** A pupil's play of a scenario, in short: how it ended, not what was typed or chosen. */
export interface ScenarioPlay {
  id: string;
  pupil: string;
  /** `packId/scenarioId`. */
  scenario: string;
  lang: Lang;
  startedAt: Timestamp;
  /** Present once the play reached an ending. */
  finishedAt?: Timestamp;
  /** The ending node's ID and its outcome. */
  ending?: string;
  outcome?: Outcome;
  /** How many choices the pupil made. */
  decisions: number;
  /** Final skill scores, once finished: numbers the scenario defines, nothing the pupil typed. */
  skills?: Record<string, number>;
}

/** Everything the classroom keeps on one PC. */
export interface ClassroomData {
  classes: ClassInfo[];
  pupils: Pupil[];
  attempts: QuizAttempt[];
  lessons: LessonProgress[];
  scenarios: ScenarioPlay[];
}

export function emptyClassroom(): ClassroomData {
  return { classes: [], pupils: [], attempts: [], lessons: [], scenarios: [] };
}

// ---------------------------------------------------------------------------
// Schemas: what a file may contain. Anything else is refused, so a results
// file cannot smuggle a display name or a field nobody knows about.

export const LIMITS = { classes: 500, pupils: 20_000, attempts: 500_000, lessons: 500_000, scenarios: 500_000, answers: 100, fileBytes: 64 * 1024 * 1024 } as const;

const timestamp = z.string().regex(TIMESTAMP);
const randomIdSchema = z.string().regex(RANDOM_ID);
const pupilCode = z.string().regex(PUPIL_CODE);
const partId = z.string().regex(ID_PATTERN).max(64);
const itemKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/).max(129);

const answerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), option: partId }),
  z.strictObject({ kind: z.literal('multiple'), options: z.array(partId).max(20) }),
  z.strictObject({ kind: z.literal('truefalse'), value: z.boolean() }),
  z.strictObject({ kind: z.literal('order'), items: z.array(partId).max(20) }),
  z.strictObject({ kind: z.literal('match'), pairs: z.record(partId, partId) }),
]);

const classSchema = z
  .strictObject({
    code: z.string().regex(CLASS_CODE),
    name: z.string().trim().min(1).max(60),
    grade: z.number().int().min(1).max(12),
    language: z.enum(LANGUAGES),
    updatedAt: timestamp,
  })
  .refine((c) => gradeOf(c.code) === c.grade, { message: 'the grade differs from the class code', path: ['grade'] });

const attemptSchema = z
  .strictObject({
    id: randomIdSchema,
    pupil: pupilCode,
    class: z.string().regex(CLASS_CODE),
    quiz: itemKey,
    packVersion: z.string().min(1).max(50),
    lang: z.enum(LANGUAGES),
    answers: z.record(partId, answerSchema).refine((a) => Object.keys(a).length <= LIMITS.answers),
    points: z.number().min(0).max(1000),
    max: z.number().int().min(1).max(1000),
    percent: z.number().int().min(0).max(100),
    passed: z.boolean().optional(),
    startedAt: timestamp,
    finishedAt: timestamp,
  })
  .refine((a) => a.class === classOfPupil(a.pupil), { message: 'the class differs from the pupil code', path: ['class'] })
  .refine((a) => a.points <= a.max, { message: 'more points than the maximum', path: ['points'] });

const lessonSchema = z.strictObject({ pupil: pupilCode, lesson: itemKey, startedAt: timestamp, completedAt: timestamp.optional() });

const playSchema = z.strictObject({
  id: randomIdSchema,
  pupil: pupilCode,
  scenario: itemKey,
  lang: z.enum(LANGUAGES),
  startedAt: timestamp,
  finishedAt: timestamp.optional(),
  ending: partId.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  decisions: z.number().int().min(0).max(10_000),
  skills: z.record(partId, z.number().int().min(-1000).max(1000)).refine((o) => Object.keys(o).length <= 12).optional(),
});

const contentSchema = (pupil: z.ZodType<Pupil>) =>
  z.strictObject({
    classes: z.array(classSchema).max(LIMITS.classes),
    pupils: z.array(pupil).max(LIMITS.pupils),
    attempts: z.array(attemptSchema).max(LIMITS.attempts),
    lessons: z.array(lessonSchema).max(LIMITS.lessons),
    scenarios: z.array(playSchema).max(LIMITS.scenarios),
  });

/** In a results file a pupil is a code and nothing else. */
const resultsContentSchema = contentSchema(z.strictObject({ code: pupilCode }));
/** In a backup, with the display name. */
const classroomDataSchema = contentSchema(
  z.strictObject({ code: pupilCode, displayName: z.string().trim().min(1).max(100).optional(), updatedAt: timestamp.optional() }),
);

const backupContentSchema = z.strictObject({
  data: classroomDataSchema,
  /** Backups before the keeper carried the PIN's and the administrator's code's hashes; read, never restored. */
  pin: secretRecordSchema.optional(),
  adminCode: secretRecordSchema.optional(),
});
export interface BackupContent {
  data: ClassroomData;
  pin?: SecretRecord;
  adminCode?: SecretRecord;
}

// ---------------------------------------------------------------------------
// The envelope both files share

const RESULTS_FORMAT = 'qorgau-results';
const BACKUP_FORMAT = 'qorgau-backup';
const FILE_VERSION = 1;
type Format = typeof RESULTS_FORMAT | typeof BACKUP_FORMAT;

/** Who wrote a file and when: the exporting PC's random install ID and the export time. */
export interface FileInfo {
  install: string;
  exportedAt: Timestamp;
}

/**
 * JSON with its keys sorted at every level and no spaces: the text the
 * checksum is taken over, so re-indenting a file does not break it but
 * changing any value does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => compareText(a, b)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function checksum(fields: { format: string; version: number; install: string; exportedAt: string; content: unknown }): Promise<string> {
  return toHex(await sha256(new TextEncoder().encode(canonicalJson(fields))));
}

/**
 * The school's seal (docs/classroom.md): an HMAC under a key only the
 * school's PCs hold, kept by the keeper (the main process on the desktop).
 * `seal` answers null on a PC without a school key; `check` answers null too,
 * and then files are taken on their checksum alone, as before seals existed.
 */
export interface SchoolSeal {
  seal(text: string): Promise<string | null>;
  check(text: string, seal: string): Promise<boolean | null>;
}

async function writeEnvelope(format: Format, info: FileInfo, content: unknown, school?: SchoolSeal): Promise<string> {
  const fields = { format, version: FILE_VERSION, install: info.install, exportedAt: info.exportedAt, content };
  const seal = school ? await school.seal(canonicalJson(fields)) : null;
  const file = { format, version: FILE_VERSION, install: info.install, exportedAt: info.exportedAt, sha256: await checksum(fields), ...(seal ? { seal } : {}), content };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const envelopeSchema = z.strictObject({
  format: z.string(),
  version: z.number(),
  install: randomIdSchema,
  exportedAt: timestamp,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The school's HMAC-SHA-256 over the same text as the checksum; absent from files of PCs without a school key. */
  seal: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  content: z.unknown(),
});

export type ReadResult<T> = { ok: true; info: FileInfo; content: T } | { ok: false; problem: Problem };

/**
 * Reads a results file or a backup and refuses, with one problem naming
 * the file, anything that is not exactly what this app wrote: not ours at all
 * (`results.foreign`), the other kind of file (`results.wrongKind`), cut
 * short or garbled (`results.damaged`), changed after export
 * (`results.checksum`), from a newer app (`results.futureVersion`), or well
 * formed but not following the format (`results.invalid`).
 */
async function readEnvelope<T>(input: string | Uint8Array, fileName: string, format: Format, schema: z.ZodType<T>, school?: SchoolSeal): Promise<ReadResult<T>> {
  const refuse = (code: Problem['code'], params?: Record<string, string | number>): ReadResult<T> => ({ ok: false, problem: problem(code, { file: fileName, ...(params ? { params } : {}) }) });
  const size = typeof input === 'string' ? input.length : input.length;
  if (size > LIMITS.fileBytes) return refuse('results.tooLarge', { limit: LIMITS.fileBytes / 1024 / 1024 });
  const text = (typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)).replace(/^\uFEFF/, '');

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Cut short or garbled on the way: say "damaged" when it was one of ours, "not a results file" otherwise.
    return /"format"\s*:\s*"qorgau-(results|backup)"/.test(text) ? refuse('results.damaged') : refuse('results.foreign', { expected: kindOf(format) });
  }
  const found = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).format : undefined;
  if (found !== RESULTS_FORMAT && found !== BACKUP_FORMAT) return refuse('results.foreign', { expected: kindOf(format) });
  if (found !== format) return refuse('results.wrongKind', { found: kindOf(found), expected: kindOf(format) });
  const version = (data as Record<string, unknown>).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > FILE_VERSION) return refuse('results.futureVersion', { version, supported: FILE_VERSION });

  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return refuse('results.invalid', { field: fieldOf(envelope.error) });
  const { version: v, install, exportedAt, sha256: sum, seal, content } = envelope.data;
  if (v !== FILE_VERSION) return refuse('results.invalid', { field: 'version' });
  if ((await checksum({ format, version: v, install, exportedAt, content })) !== sum) return refuse('results.checksum');
  // A PC with a school key takes only files sealed with it: another school's, or one changed and resealed by hand, is refused.
  if (school) {
    const text = canonicalJson({ format, version: v, install, exportedAt, content });
    const good = seal ? await school.check(text, seal) : await school.check(text, '');
    if (good === false) return refuse(seal ? 'results.otherSchool' : 'results.unsealed');
  }

  const parsed = schema.safeParse(content);
  if (!parsed.success) return refuse('results.invalid', { field: `content.${fieldOf(parsed.error)}` });
  const duplicate = duplicateOf(parsed.data as unknown as Partial<ClassroomData> | { data: ClassroomData });
  if (duplicate) return refuse('results.invalid', { field: `content.${duplicate}` });
  return { ok: true, info: { install, exportedAt }, content: parsed.data };
}

/** `results` or `backup`: what the messages call the two kinds of file. */
function kindOf(format: Format): string {
  return format === RESULTS_FORMAT ? 'results' : 'backup';
}

function fieldOf(error: z.ZodError): string {
  return error.issues[0]?.path.map(String).join('.') ?? '';
}

/** The first thing a file lists twice that this app never writes twice: a class, a pupil, an attempt, a lesson of a pupil, a play. */
function duplicateOf(content: Partial<ClassroomData> | { data: ClassroomData }): string | undefined {
  const data = 'data' in content ? content.data : (content as ClassroomData);
  const lists: [string, readonly unknown[], (x: never) => string][] = [
    ['classes', data.classes, (c: ClassInfo) => c.code],
    ['pupils', data.pupils, (p: Pupil) => p.code],
    ['attempts', data.attempts, (a: QuizAttempt) => a.id],
    ['lessons', data.lessons, (l: LessonProgress) => `${l.pupil} ${l.lesson}`],
    ['scenarios', data.scenarios, (s: ScenarioPlay) => s.id],
  ];
  const prefix = 'data' in content ? 'data.' : '';
  for (const [name, list, key] of lists) {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const k = key(list[i] as never);
      if (seen.has(k)) return `${prefix}${name}.${i}`;
      seen.add(k);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Results files: from each PC to the teacher's

/**
 * The results file of this PC: every class, pupil code, quiz attempt, lesson
 * progress and scenario play, or those of the given classes only. Display
 * names are left out: they never leave the PC.
 */
export async function exportResults(data: ClassroomData, info: FileInfo, options: { classes?: readonly string[]; school?: SchoolSeal } = {}): Promise<string> {
  const keep = options.classes ? new Set(options.classes) : undefined;
  const ofClass = (pupil: string) => !keep || keep.has(classOfPupil(pupil));
  const content: ClassroomData = sortClassroom({
    classes: data.classes.filter((c) => !keep || keep.has(c.code)),
    pupils: referencedPupils(data).filter((p) => ofClass(p.code)).map((p) => ({ code: p.code })),
    attempts: data.attempts.filter((a) => ofClass(a.pupil)),
    lessons: data.lessons.filter((l) => ofClass(l.pupil)),
    scenarios: data.scenarios.filter((s) => ofClass(s.pupil)),
  });
  return writeEnvelope(RESULTS_FORMAT, info, content, options.school);
}

/** Reads a results file from a USB stick; see readEnvelope for what is refused. Nothing is changed by reading. */
export function parseResultsFile(input: string | Uint8Array, fileName: string, school?: SchoolSeal): Promise<ReadResult<ClassroomData>> {
  return readEnvelope<ClassroomData>(input, fileName, RESULTS_FORMAT, resultsContentSchema, school);
}

/** A name for a results file that says where and when it was made: `qorgau-results-2025-03-14-k3m9qz.json`. */
export function resultsFileName(info: FileInfo): string {
  return `${RESULTS_FORMAT}-${info.exportedAt.slice(0, 10)}-${info.install.slice(0, 6)}.json`;
}

// ---------------------------------------------------------------------------
// Backups: all classroom data of this PC, display names included

export function writeBackup(content: BackupContent, info: FileInfo, school?: SchoolSeal): Promise<string> {
  return writeEnvelope(BACKUP_FORMAT, info, { ...content, data: sortClassroom({ ...content.data, pupils: referencedPupils(content.data) }) }, school);
}

export function parseBackupFile(input: string | Uint8Array, fileName: string, school?: SchoolSeal): Promise<ReadResult<BackupContent>> {
  return readEnvelope<BackupContent>(input, fileName, BACKUP_FORMAT, backupContentSchema, school);
}

export function backupFileName(info: FileInfo): string {
  return `${BACKUP_FORMAT}-${info.exportedAt.slice(0, 10)}-${info.install.slice(0, 6)}.json`;
}

// ---------------------------------------------------------------------------

/** Every pupil record, plus a bare record for each code that results mention but no record has. */
export function referencedPupils(data: ClassroomData): Pupil[] {
  const byCode = new Map(data.pupils.map((p) => [p.code, p]));
  for (const x of [...data.attempts, ...data.lessons, ...data.scenarios]) if (!byCode.has(x.pupil)) byCode.set(x.pupil, { code: x.pupil });
  return [...byCode.values()];
}

/** One order for everything, so two PCs that hold the same data hold it identically. */
export function sortClassroom(data: ClassroomData): ClassroomData {
  const by = <T>(...keys: ((x: T) => string)[]) => (a: T, b: T) => {
    for (const k of keys) {
      const d = compareText(k(a), k(b));
      if (d) return d;
    }
    return 0;
  };
  return {
    classes: [...data.classes].sort(by((c) => c.code)),
    pupils: [...data.pupils].sort(by((p) => p.code)),
    attempts: [...data.attempts].sort(by((a) => a.pupil, (a) => a.finishedAt, (a) => a.id)),
    lessons: [...data.lessons].sort(by((l) => l.pupil, (l) => l.lesson)),
    scenarios: [...data.scenarios].sort(by((s) => s.pupil, (s) => s.startedAt, (s) => s.id)),
  };
}
