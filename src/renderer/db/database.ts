import Dexie, { type EntityTable } from 'dexie';
import type { Lang } from '../../core/languages';
import type { LessonSummary } from '../../core/library/filter';
import type { AgeBand, PackMeta, Topic } from '../../core/pack/schema';
import type { Scenario, Skin } from '../../core/scenario/schema';

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

export const DB_NAME = 'qorgau';

/**
 * The one database of the app. Every schema change is a new version with a
 * declared upgrade, tested from a fixture of the version before it.
 */
export class QorgauDb extends Dexie {
  packs!: EntityTable<PackRow, 'id'>;
  lessons!: EntityTable<LessonRow, 'key'>;
  lessonContent!: EntityTable<LessonContentRow, 'key'>;
  media!: EntityTable<MediaRow, 'sha256'>;
  packMedia!: Dexie.Table<PackMediaRow, [string, string]>;
  scenarios!: EntityTable<ScenarioRow, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;

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
  }
}

export function scenarioKey(packId: string, scenarioId: string): string {
  return `${packId}/${scenarioId}`;
}

export function lessonKey(packId: string, lessonId: string, lang: Lang): string {
  return `${packId}/${lessonId}/${lang}`;
}
