import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportStatsFile, markDeliveredByFile, readStatsFile, statsFileText } from '../../src/core/stats/file';
import { newBatches, settle, startSending, type OutboxRecord } from '../../src/core/stats/outbox';
import { batchSchema, statsFileSchema } from '../../src/core/stats/schema';
import { isSafeVector } from '../../src/core/stats/suppress';

const meta = { install: '0123456789abcdefghjkmnpqrs', appVersion: '0.1.0', uiLanguage: 'ru' } as const;
const T = Date.UTC(2025, 2, 4);
const records = () =>
  newBatches(
    [5, 6, 7].map((n, i) => ({ day: '2025-03-04', packId: 'privacy', packVersion: '1.0.0', metric: 'lesson.opened' as const, item: `l-${i}`, lang: 'kk' as const, count: n })),
    meta,
    T,
    { maxCounts: 1 },
  ) as [OutboxRecord, OutboxRecord, OutboxRecord];

describe('statistics by file, for schools without internet', () => {
  it('the file holds the unsent batches, the same batches with the same keys, and reads back', () => {
    const [a, b, c] = records();
    const sentA = settle(startSending(a, T), { kind: 'ack', ack: { key: a.key, status: 'stored' } }, T, Math.random);
    const file = exportStatsFile([c, sentA, b]);
    expect(file.batches).toEqual([b.batch, c.batch]);
    const text = statsFileText(file);
    expect(statsFileSchema.parse(JSON.parse(text))).toEqual(file);
    expect(readStatsFile(text)).toEqual({ ok: true, file });
  });

  it('exporting marks nothing as sent; confirming delivery marks exactly the file’s batches', () => {
    const [a, b, c] = records();
    const file = exportStatsFile([a, b]);
    expect(exportStatsFile([a, b, c]).batches.map((x) => x.key)).toEqual([a.key, b.key, c.key]);
    const after = markDeliveredByFile([a, b, c], file, T + 5);
    expect(after.map((r) => [r.state, r.delivered])).toEqual([
      ['sent', 'file'],
      ['sent', 'file'],
      ['pending', undefined],
    ]);
    // The next file carries only what is left.
    expect(exportStatsFile(after).batches.map((x) => x.key)).toEqual([c.key]);
  });

  it('anything else is refused', () => {
    expect(readStatsFile('not json')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(readStatsFile('{"format":"qorgau-results","version":1}')).toMatchObject({ ok: false, reason: 'not-a-stats-file' });
    const [a] = records();
    const tampered = { format: 'qorgau-stats-file', version: 1, batches: [{ ...a.batch, counts: [{ ...a.batch.counts[0], count: 2 }] }] };
    expect(readStatsFile(JSON.stringify(tampered))).toMatchObject({ ok: false, reason: 'not-a-stats-file' });
  });
});

describe('docs/usage-statistics.md', () => {
  it('its example batch is a valid batch whose counts pass suppression as they are', () => {
    const doc = readFileSync(new URL('../../docs/usage-statistics.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const batch = batchSchema.parse(JSON.parse(example));
    const quiz = Object.fromEntries(batch.counts.filter((c) => c.item === 'passwords-quiz').map((c) => [c.metric, c.count]));
    expect(isSafeVector(quiz)).toBe(true);
  });
});
