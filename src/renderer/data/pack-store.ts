import type { MediaItem, PackStore } from '../../core/pack/import';
import type { Table } from 'dexie';
import { CONTENT_KINDS, type ItemsByKind, type KindKey } from '../../core/pack/kinds';
import type { LoadedPack } from '../../core/pack/load';
import { itemKey, lessonKey, scenarioKey, worksheetKey, type LessonContentRow, type LessonRow, type MediaRow, type QorgauDb, type QuizRow, type ScenarioRow, type WorksheetRow } from './database';

/** Rows for one table, all belonging to one pack (every content table is indexed by packId). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's rows are typed where they are made; the commit only adds and deletes them.
type Write = { table: Table<any, any>; rows: object[] };
type Stored<K extends KindKey> = (db: QorgauDb, packId: string, items: ItemsByKind[K]) => Write[];
/** Rows checked against the row type their table holds, named at each call (Dexie's own inference recurses on a quiz). */
const write = <Row extends object>(table: Write['table'], rows: NoInfer<Row>[]): Write => ({ table, rows });

/**
 * Where each kind of content is stored. Typed by the registry's keys, so a
 * new kind in core/pack/kinds does not compile until it has its tables here.
 */
const STORED: { [K in KindKey]: Stored<K> } = {
  lessons: (db, packId, lessons) => [
    write<LessonRow>(
      db.lessons,
      lessons.map((l) => ({
        key: lessonKey(packId, l.lessonId, l.lang),
        packId,
        lessonId: l.lessonId,
        lang: l.lang,
        title: l.meta.title,
        summary: l.meta.summary,
        topic: l.meta.topic,
        ageBands: l.meta.ageBands,
        minutes: l.meta.minutes,
        order: l.meta.order ?? 1e6,
        objectives: l.meta.objectives,
        vocabulary: l.meta.vocabulary,
      })),
    ),
    write<LessonContentRow>(
      db.lessonContent,
      lessons.map((l) => {
        const words = [l.meta.summary ?? '', ...l.meta.objectives, ...l.meta.vocabulary.flatMap((v) => [v.term, v.definition]), l.text];
        return { key: lessonKey(packId, l.lessonId, l.lang), packId, body: l.body, text: words.join(' ') };
      }),
    ),
  ],
  scenarios: (db, packId, scenarios) => [
    write<ScenarioRow>(
      db.scenarios,
      scenarios.map(({ scenarioId, scenario }) => ({
        key: scenarioKey(packId, scenarioId),
        packId,
        scenarioId,
        skin: scenario.skin,
        topic: scenario.topic,
        ageBands: scenario.ageBands,
        minutes: scenario.minutes,
        scenario,
      })),
    ),
  ],
  worksheets: (db, packId, worksheets) => [
    write<WorksheetRow>(
      db.worksheets,
      worksheets.map(({ worksheetId, lang, worksheet }) => ({
        key: worksheetKey(packId, worksheetId, lang),
        packId,
        worksheetId,
        lesson: worksheet.lesson,
        kind: worksheet.kind,
        lang,
        title: worksheet.title,
        worksheet,
      })),
    ),
  ],
  quizzes: (db, packId, quizzes) => [write<QuizRow>(db.quizzes, quizzes.map(({ quizId, quiz }) => ({ key: itemKey(packId, quizId), packId, quizId, ...(quiz.lesson ? { lesson: quiz.lesson } : {}), quiz })))],
};

/** The importer's storage, in IndexedDB: media content-addressed first, then one transaction for the pack. */
export class DexiePackStore implements PackStore {
  constructor(private readonly db: QorgauDb) {}

  async putMedia(items: MediaItem[]): Promise<string[]> {
    const db = this.db;
    return db.transaction('rw', db.media, async () => {
      const stored = new Set(await db.media.where('sha256').anyOf(items.map((i) => i.sha256)).primaryKeys());
      const fresh = new Map<string, MediaRow>();
      for (const { sha256, bytes, type } of items) {
        if (stored.has(sha256) || fresh.has(sha256)) continue;
        fresh.set(sha256, { sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), type, size: bytes.length });
      }
      await db.media.bulkAdd([...fresh.values()]);
      return [...fresh.keys()];
    });
  }

  async installedVersion(packId: string): Promise<string | undefined> {
    return (await this.db.packs.get(packId))?.version;
  }

  async commit(pack: LoadedPack, origin: { builtin: boolean }): Promise<void> {
    const id = pack.meta.id;
    const db = this.db;
    const writes = CONTENT_KINDS.flatMap((kind) => (STORED[kind.key] as Stored<KindKey>)(db, id, pack[kind.key]));
    const tables = [...new Set(writes.map((w) => w.table))];
    await db.transaction('rw', [db.packs, db.packMedia, ...tables], async () => {
      for (const table of [...tables, db.packMedia]) await table.where('packId').equals(id).delete();
      for (const { table, rows } of writes) await table.bulkAdd(rows);
      await db.packMedia.bulkAdd(pack.media.map((m) => ({ packId: id, path: m.path, sha256: m.sha256 })));
      await db.packs.put({ id, version: pack.meta.version, meta: pack.meta, builtin: origin.builtin, importedAt: Date.now() });
    });
  }

  async discardUnreferenced(sha256s: string[]): Promise<number> {
    if (sha256s.length === 0) return 0;
    const db = this.db;
    return db.transaction('rw', [db.media, db.packMedia], async () => {
      const used = new Set(await db.packMedia.where('sha256').anyOf(sha256s).keys());
      const unused = sha256s.filter((sha) => !used.has(sha));
      await db.media.bulkDelete(unused);
      return unused.length;
    });
  }

  async collectGarbage(): Promise<number> {
    const db = this.db;
    return db.transaction('rw', [db.media, db.packMedia], async () => {
      const used = new Set(await db.packMedia.orderBy('sha256').uniqueKeys());
      const stored = await db.media.toCollection().primaryKeys();
      const unused = stored.filter((sha) => !used.has(sha));
      await db.media.bulkDelete(unused);
      return unused.length;
    });
  }
}
