import Dexie, { type EntityTable } from 'dexie';
import type { Lang } from '../../core/languages';
import type { LessonSummary } from '../../core/library/filter';
import type { PackMeta } from '../../core/pack/schema';

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
  }
}

export function lessonKey(packId: string, lessonId: string, lang: Lang): string {
  return `${packId}/${lessonId}/${lang}`;
}
