import { describe, expect, it } from 'vitest';
import { hashToken, isoWeek, type School, type Storage, StorageError, totals } from '../../src/collector/storage';
import { backends, makeBatch, makeCounts } from '../support/collector';

// One suite for every storage backend: SQLite always, PostgreSQL when DATABASE_URL is set
// (without it, the PostgreSQL entry is simply not in the list, and this title says so).
const list = backends();
const title = process.env.DATABASE_URL ? 'collector storage (SQLite and PostgreSQL)' : 'collector storage (SQLite only: set DATABASE_URL to also run PostgreSQL)';

async function withSchool(storage: Storage): Promise<{ school: School; token: string }> {
  await storage.addRegion('ALM', 'Almaty');
  await storage.addSchool('ALM', 'ALM-001', 'School 1');
  const token = await storage.addToken('ALM-001');
  const school = await storage.schoolForToken(hashToken(token));
  if (!school) throw new Error('no school for the new token');
  return { school, token };
}

describe(title, () => {
  describe.each(list)('$name', ({ open }) => {
    const use = async (work: (storage: Storage) => Promise<void>) => {
      const storage = await open();
      try {
        await work(storage);
      } finally {
        await storage.close();
      }
    };

    it('keeps regions, schools and only the hash of a token shown once', () =>
      use(async (storage) => {
        const { school, token } = await withSchool(storage);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(school).toMatchObject({ code: 'ALM-001', name: 'School 1', region: 'ALM' });
        expect(await storage.schoolForToken(token)).toBeUndefined();
        expect(await storage.schoolForToken(hashToken('not a token'))).toBeUndefined();
        const second = await storage.addToken('ALM-001');
        expect(second).not.toBe(token);
        expect((await storage.schoolForToken(hashToken(second)))?.code).toBe('ALM-001');
      }));

    it('refuses unknown regions and schools, taken codes and odd codes', () =>
      use(async (storage) => {
        await withSchool(storage);
        await expect(storage.addRegion('ALM', 'Again')).rejects.toThrow(StorageError);
        await expect(storage.addSchool('NOPE', 'S-2', 'x')).rejects.toThrow(/No region NOPE/);
        await expect(storage.addSchool('ALM', 'ALM-001', 'x')).rejects.toThrow(/exists already/);
        await expect(storage.addSchool('ALM', 'bad code', 'x')).rejects.toThrow(StorageError);
        await expect(storage.addToken('NOPE')).rejects.toThrow(/No school NOPE/);
      }));

    it('stores a batch once: the same key again is a duplicate and adds nothing', () =>
      use(async (storage) => {
        const { school } = await withSchool(storage);
        const batch = makeBatch(makeCounts(30));
        expect(await storage.storeBatch(school, batch)).toBe('stored');
        expect(await storage.storeBatch(school, batch)).toBe('duplicate');
        const sum = batch.counts.reduce((n, c) => n + c.count, 0);
        expect(await storage.summary()).toEqual({ regions: 1, schools: 1, reportingSchools: 1, batches: 1, total: sum });
      }));

    it('sums counts across batches and within one batch', () =>
      use(async (storage) => {
        const { school } = await withSchool(storage);
        const c = { day: '2025-03-10', packId: 'qorgau-core', packVersion: '1.0.0', metric: 'lesson.opened', item: 'strangers-online', lang: 'kk' } as const;
        await storage.storeBatch(school, makeBatch([{ ...c, count: 5 }, { ...c, count: 6 }]));
        await storage.storeBatch(school, makeBatch([{ ...c, count: 7 }, { ...c, day: '2025-03-17', count: 9 }]));
        expect(await totals(storage, 'item')).toEqual([{ group: ['qorgau-core', 'strangers-online'], metric: 'lesson.opened', count: 27 }]);
        expect(await totals(storage, 'week')).toEqual([
          { group: ['2025-W11'], metric: 'lesson.opened', count: 18 },
          { group: ['2025-W12'], metric: 'lesson.opened', count: 9 },
        ]);
        expect(await totals(storage, 'school')).toEqual([{ group: ['ALM', 'ALM-001', 'School 1'], metric: 'lesson.opened', count: 27 }]);
        expect(await totals(storage, 'region')).toEqual([{ group: ['ALM', 'Almaty'], metric: 'lesson.opened', count: 27 }]);
      }));

    it('the same key from two schools is two batches', () =>
      use(async (storage) => {
        const { school } = await withSchool(storage);
        await storage.addSchool('ALM', 'ALM-002', 'School 2');
        const other = (await storage.schoolForToken(hashToken(await storage.addToken('ALM-002'))))!;
        const batch = makeBatch(makeCounts(3));
        expect(await storage.storeBatch(school, batch)).toBe('stored');
        expect(await storage.storeBatch(other, batch)).toBe('stored');
        expect((await storage.summary()).reportingSchools).toBe(2);
      }));

    it('concurrent stores of one key count once', () =>
      use(async (storage) => {
        const { school } = await withSchool(storage);
        const batch = makeBatch(makeCounts(40));
        const results = await Promise.all(Array.from({ length: 10 }, () => storage.storeBatch(school, batch)));
        expect(results.filter((r) => r === 'stored')).toHaveLength(1);
        expect((await storage.summary()).total).toBe(batch.counts.reduce((n, c) => n + c.count, 0));
      }));
  });
});

describe('ISO weeks', () => {
  it('follow ISO 8601 at year ends', () => {
    expect(isoWeek('2025-03-10')).toBe('2025-W11');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });
});
