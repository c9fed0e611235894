import type { OutboxRecord } from '../../src/core/stats/outbox';
import type { OutboxStore } from '../../src/core/stats/sync';

/** An outbox store in memory, for tests. Copies in and out, as a database would. */
export class MemoryOutboxStore implements OutboxStore {
  readonly records = new Map<string, OutboxRecord>();
  async load(): Promise<OutboxRecord[]> {
    return [...this.records.values()].map((r) => structuredClone(r));
  }
  async save(records: readonly OutboxRecord[]): Promise<void> {
    for (const r of records) this.records.set(r.key, structuredClone(r));
  }
}
