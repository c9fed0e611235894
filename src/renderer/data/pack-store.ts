import type { MediaItem, PackStore } from '../../core/pack/import';
import type { LoadedPack } from '../../core/pack/load';
import { itemKey, lessonKey, scenarioKey, worksheetKey, type LessonContentRow, type LessonRow, type MediaRow, type QorgauDb } from './database';

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
    const lessons: LessonRow[] = [];
    const content: LessonContentRow[] = [];
    for (const l of pack.lessons) {
      const key = lessonKey(id, l.lessonId, l.lang);
      lessons.push({
        key,
        packId: id,
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
      });
      const words = [l.meta.summary ?? '', ...l.meta.objectives, ...l.meta.vocabulary.flatMap((v) => [v.term, v.definition]), l.text];
      content.push({ key, packId: id, body: l.body, text: words.join(' ') });
    }
    const scenarios = pack.scenarios.map(({ scenarioId, scenario }) => ({
      key: scenarioKey(id, scenarioId),
      packId: id,
      scenarioId,
      skin: scenario.skin,
      topic: scenario.topic,
      ageBands: scenario.ageBands,
      minutes: scenario.minutes,
      scenario,
    }));
    const worksheets = pack.worksheets.map(({ worksheetId, lang, worksheet }) => ({
      key: worksheetKey(id, worksheetId, lang),
      packId: id,
      worksheetId,
      lesson: worksheet.lesson,
      kind: worksheet.kind,
      lang,
      title: worksheet.title,
      worksheet,
    }));
    const quizzes = pack.quizzes.map(({ quizId, quiz }) => ({ key: itemKey(id, quizId), packId: id, quizId, lesson: quiz.lesson, quiz }));
    const db = this.db;
    await db.transaction('rw', [db.packs, db.lessons, db.lessonContent, db.packMedia, db.scenarios, db.worksheets, db.quizzes], async () => {
      await db.lessons.where('packId').equals(id).delete();
      await db.scenarios.where('packId').equals(id).delete();
      await db.worksheets.where('packId').equals(id).delete();
      await db.quizzes.where('packId').equals(id).delete();
      await db.lessonContent.where('packId').equals(id).delete();
      await db.packMedia.where('packId').equals(id).delete();
      await db.lessons.bulkAdd(lessons);
      await db.lessonContent.bulkAdd(content);
      await db.scenarios.bulkAdd(scenarios);
      await db.worksheets.bulkAdd(worksheets);
      await db.quizzes.bulkAdd(quizzes);
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
