/**
 * The renderer's repositories (src/renderer/data), against fake-indexeddb:
 * what a screen gets back, what lands together in one transaction, and
 * settings that never let a damaged value reach a screen.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashAdminCode, hashPin } from '../../src/core/classroom/pin';
import type { ScenarioPlay } from '../../src/core/classroom/results';
import { classroomRepository } from '../../src/renderer/data/classroom';
import { QorgauDb, type PlayRow } from '../../src/renderer/data/database';
import { packsRepository } from '../../src/renderer/data/packs';
import { playsRepository } from '../../src/renderer/data/plays';
import { DamagedSettingError, persisted, storedSetting, type KeyValueStorage } from '../../src/renderer/data/settings';

let n = 0;
const freshDb = () => new QorgauDb(`repositories-${++n}`, { indexedDB, IDBKeyRange });

/** A storage like localStorage, in memory. */
function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('preferences in the browser’s storage', () => {
  const lang = z.enum(['kk', 'ru', 'en']);

  it('a saved choice comes back; a value edited by hand reads as the default', () => {
    const storage = memoryStorage();
    const language = persisted(storage, 'qorgau.lang', lang, 'kk');
    expect(language.get()).toBe('kk');
    language.set('ru');
    expect(persisted(storage, 'qorgau.lang', lang, 'kk').get()).toBe('ru');
    storage.data.set('qorgau.lang', '"fr"');
    expect(language.get()).toBe('kk');
    storage.data.set('qorgau.lang', '{not json');
    expect(language.get()).toBe('kk');
  });

  it('a choice an earlier version stored as a plain string is kept', () => {
    const storage = memoryStorage({ 'qorgau.lang': 'ru', 'qorgau.station': 'pupils' });
    expect(persisted(storage, 'qorgau.lang', lang, 'kk').get()).toBe('ru');
    expect(persisted(storage, 'qorgau.station', z.literal('pupils').nullable(), null).get()).toBe('pupils');
  });

  it('a storage that refuses to write (full, or blocked) keeps the choice for this page', () => {
    const refusing: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const language = persisted(refusing, 'qorgau.lang', lang, 'kk');
    language.set('en');
    expect(language.get()).toBe('en');
  });
});

describe('settings in the database', () => {
  it('an earlier version’s teacher record, damaged, is an error, never a first start that would let anyone set a new PIN', async () => {
    const db = freshDb();
    const classroom = classroomRepository(db);
    expect(await classroom.legacyTeacher.get()).toBeNull();
    const record = { pin: await hashPin('583920', { iterations: 1000 }), adminCode: await hashAdminCode('7M4N-Q2XD-9HB3-RT6F', { iterations: 1000 }), failures: 0, waitUntil: 0 };
    await db.settings.put({ key: 'teacher', value: record });
    expect(await classroom.legacyTeacher.get()).toEqual(record);
    await db.settings.put({ key: 'teacher', value: { pin: 'edited by hand' } });
    await expect(classroom.legacyTeacher.get()).rejects.toBeInstanceOf(DamagedSettingError);
    db.close();
  });

  it('knows whether the PC holds classroom data, which a new teacher’s set-up then needs the administrator’s code for', async () => {
    const db = freshDb();
    const classroom = classroomRepository(db);
    expect(await classroom.hasData()).toBe(false);
    await classroom.saveClass({ code: '7B', name: '7B', grade: 7, language: 'kk' });
    expect(await classroom.hasData()).toBe(true);
    db.close();
  });

  it('an ordinary setting that does not pass its schema reads as its default, and a bad value is never written', async () => {
    const db = freshDb();
    const size = storedSetting(db, 'size', z.number().int().min(1), 3);
    expect(await size.get()).toBe(3);
    await size.set(5);
    expect(await size.get()).toBe(5);
    await db.settings.put({ key: 'size', value: 'five' });
    expect(await size.get()).toBe(3);
    await expect(size.set(-1)).rejects.toThrow();
    expect((await db.settings.get('size'))?.value).toBe('five');
    db.close();
  });

  it('the install ID is made once and kept', async () => {
    const db = freshDb();
    const classroom = classroomRepository(db);
    const first = await classroom.installId();
    expect(first).toMatch(/^[0-9a-z]{26}$/);
    expect(await classroom.installId()).toBe(first);
    db.close();
  });
});

describe('the classroom repository', () => {
  it('classes come by grade with their pupil counts; pupils by code as a person counts; the plan by week', async () => {
    const db = freshDb();
    const classroom = classroomRepository(db);
    await classroom.saveClass({ code: '7B', name: '7B', grade: 7, language: 'kk' });
    await classroom.saveClass({ code: '5A', name: '5A', grade: 5, language: 'ru' });
    await classroom.addPupils('7B', [{ code: '7B-10' }, { code: '7B-2' }, { code: '7B-1', displayName: 'Aru' }]);
    expect(await classroom.addPupils('7B', [{ code: '7B-2' }, { code: '7B-3' }])).toBe(1);
    expect((await classroom.classesWithCounts()).map((c) => [c.code, c.pupils])).toEqual([
      ['5A', 0],
      ['7B', 4],
    ]);
    expect((await classroom.pupilsOf('7B')).map((p) => p.code)).toEqual(['7B-1', '7B-2', '7B-3', '7B-10']);
    await classroom.addAssignment({ class: '7B', kind: 'lesson', item: 'p/a', week: 3 });
    await classroom.addAssignment({ class: '7B', kind: 'quiz', item: 'p/b', week: 1 });
    await classroom.addAssignment({ class: '7B', kind: 'scenario', item: 'p/c' });
    const { info, assignments } = await classroom.classWithWork('7B');
    expect(info?.grade).toBe(7);
    expect(assignments.map((a) => a.item)).toEqual(['p/b', 'p/a', 'p/c']);
    db.close();
  });
});

describe('the plays repository', () => {
  const play = (id: string): PlayRow => ({
    id,
    scenarioKey: 'p/s',
    packId: 'p',
    packVersion: '1.0.0',
    scenarioId: 's',
    lang: 'kk',
    mode: 'pupil',
    player: { kind: 'pupil', pupil: '7B-1' },
    startedAt: '2026-01-01T00:00:00.000Z',
  });
  const result = (id: string): ScenarioPlay => ({ id, pupil: '7B-1', scenario: 'p/s', lang: 'kk', startedAt: '2026-01-01T00:00:00.000Z', decisions: 0 });

  it('a pupil’s play and their classroom result are written together at every step', async () => {
    const db = freshDb();
    const plays = playsRepository(db);
    await plays.start(play('a'), result('a'));
    await plays.decide({ playId: 'a', scenarioKey: 'p/s', step: 0, nodeId: 'start', choiceId: 'tell', decidedAt: '2026-01-01T00:00:02.000Z', ms: 900 }, { ...result('a'), decisions: 1 });
    await plays.finish('a', { endedAt: '2026-01-01T00:00:03.000Z', endingNode: 'safe-end', outcome: 'safe', skills: { help: 1 } }, { ...result('a'), decisions: 1, ending: 'safe-end', outcome: 'safe' });
    const stored = await plays.get('a');
    expect(stored?.play).toMatchObject({ endedAt: '2026-01-01T00:00:03.000Z', endingNode: 'safe-end', outcome: 'safe' });
    expect(stored?.decisions.map((d) => d.choiceId)).toEqual(['tell']);
    expect(await db.scenarioResults.get('a')).toMatchObject({ decisions: 1, ending: 'safe-end', outcome: 'safe' });
    db.close();
  });

  it('when the result cannot be written, the play is not written either', async () => {
    const db = freshDb();
    const plays = playsRepository(db);
    // A value IndexedDB cannot store makes the second write fail inside the transaction.
    const broken = { ...result('b'), skills: { help: () => 1 } } as unknown as ScenarioPlay;
    await expect(plays.start(play('b'), broken)).rejects.toThrow();
    expect(await db.plays.get('b')).toBeUndefined();
    expect(await db.scenarioResults.get('b')).toBeUndefined();
    db.close();
  });
});

describe('a pack’s pictures opened for a screen', () => {
  it('each path gives an object URL of its stored picture, a missing one gives null, and closing revokes them', async () => {
    const db = freshDb();
    const sha = 'a'.repeat(64);
    await db.media.add({ sha256: sha, blob: new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }), type: 'image/svg+xml', size: 40 });
    await db.packMedia.add({ packId: 'p', path: 'media/a.svg', sha256: sha });
    const media = await packsRepository(db).openPackMedia('p', ['media/a.svg', 'media/missing.png', 'media/a.svg']);
    const url = media.url('media/a.svg');
    expect(url).toMatch(/^blob:/);
    expect(media.url('media/missing.png')).toBeNull();
    expect([...media.urls]).toEqual([url]);
    expect(await (await fetch(url as string)).text()).toContain('<svg');
    media.close();
    expect(media.url('media/a.svg')).toBeNull();
    await expect(fetch(url as string)).rejects.toThrow();
    db.close();
  });
});
