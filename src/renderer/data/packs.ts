import type { Lang } from '../../core/base/languages';
import { itemKey, lessonKey, type LessonContentRow, type LessonRow, type PackRow, type QorgauDb, type QuizRow, type ScenarioRow, type WorksheetRow } from './database';

/**
 * A pack's media opened for one screen: each picture as an object URL, by its
 * path in the pack. `close` revokes them all; a screen closes what it opened
 * when it leaves, so no blob outlives the page that shows it.
 */
export interface PackMedia {
  /** The object URL of a pack path, or null when the pack has no such file. */
  url(path: string): string | null;
  /** Every URL opened, for the sanitizer's list of allowed image sources. */
  readonly urls: ReadonlySet<string>;
  close(): void;
}

/** An item of a pack together with the pack it came from. */
export interface WithPack<T> {
  row: T;
  pack: PackRow;
}

/** What a lesson needs when it opens in one language. */
export interface LessonRecord {
  row: LessonRow;
  content: LessonContentRow;
  /** The lesson in every language the pack has it in. */
  versions: LessonRow[];
  /** Its worksheets and letters, in every language. */
  worksheets: WorksheetRow[];
}

/** Packs and what they hold: lessons, scenarios, quizzes, worksheets and media. Read-only: imports go through DexiePackStore. */
export function packsRepository(db: QorgauDb) {
  const withPack = async <T>(row: T | undefined, packId: string): Promise<WithPack<T> | null> => {
    const pack = row ? await db.packs.get(packId) : undefined;
    return row && pack ? { row, pack } : null;
  };

  return {
    pack: (packId: string) => db.packs.get(packId),
    packs: () => db.packs.toArray(),

    /** Every pack and every lesson row, for the library. */
    async library(): Promise<{ packs: PackRow[]; lessons: LessonRow[] }> {
      const [packs, lessons] = await Promise.all([db.packs.toArray(), db.lessons.toArray()]);
      return { packs, lessons };
    },
    /** Every lesson's text, for the search index. */
    lessonTexts: () => db.lessonContent.toArray(),

    async lesson(packId: string, lessonId: string, lang: Lang): Promise<LessonRecord | undefined> {
      const key = lessonKey(packId, lessonId, lang);
      const [row, content, versions, worksheets] = await Promise.all([
        db.lessons.get(key),
        db.lessonContent.get(key),
        db.lessons.where('[packId+lessonId]').equals([packId, lessonId]).toArray(),
        db.worksheets.where('[packId+lesson]').equals([packId, lessonId]).toArray(),
      ]);
      return row && content ? { row, content, versions, worksheets } : undefined;
    },
    lessonRow: (packId: string, lessonId: string, lang: Lang) => db.lessons.get(lessonKey(packId, lessonId, lang)),
    lessonsIn: (lang: Lang) => db.lessons.where('lang').equals(lang).toArray(),
    worksheetsOfLesson: (packId: string, lessonId: string) => db.worksheets.where('[packId+lesson]').equals([packId, lessonId]).toArray(),
    quizzesOfLesson: (packId: string, lessonId: string): Promise<QuizRow[]> => db.quizzes.where('[packId+lesson]').equals([packId, lessonId]).toArray(),

    quiz: async (packId: string, quizId: string) => withPack(await db.quizzes.get(itemKey(packId, quizId)), packId),
    quizzes: () => db.quizzes.toArray(),

    scenario: async (packId: string, scenarioId: string) => withPack(await db.scenarios.get(itemKey(packId, scenarioId)), packId),
    /** Every scenario with its pack; scenarios of a pack no longer there are left out. */
    async scenarios(): Promise<WithPack<ScenarioRow>[]> {
      const [rows, packs] = await Promise.all([db.scenarios.toArray(), db.packs.toArray()]);
      const byId = new Map(packs.map((p) => [p.id, p]));
      return rows.flatMap((row) => {
        const pack = byId.get(row.packId);
        return pack ? [{ row, pack }] : [];
      });
    },

    /** Opens the pictures at `paths` of a pack (paths it lacks are left out). */
    async openPackMedia(packId: string, paths: Iterable<string>): Promise<PackMedia> {
      const wanted = [...new Set(paths)];
      const refs = wanted.length ? await db.packMedia.where('[packId+path]').anyOf(wanted.map((p) => [packId, p])).toArray() : [];
      const blobs = await db.media.bulkGet(refs.map((r) => r.sha256));
      const byPath = new Map<string, string>();
      refs.forEach((ref, i) => {
        const blob = blobs[i]?.blob;
        if (blob) byPath.set(ref.path, URL.createObjectURL(blob));
      });
      const urls = new Set(byPath.values());
      return {
        url: (path) => byPath.get(path) ?? null,
        urls,
        close: () => {
          for (const url of urls) URL.revokeObjectURL(url);
          byPath.clear();
          urls.clear();
        },
      };
    },
  };
}

