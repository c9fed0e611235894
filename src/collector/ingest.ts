import type { z } from 'zod';
import { BATCH_LIMITS, batchSchema, type StatsAck, statsFileSchema } from '../core/stats/schema';
import type { School, Storage } from './storage';

/** Why a payload was refused: the HTTP status and the JSON body the collector answers with. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }

  body(): { error: string; message: string; path?: string } {
    return this.path === undefined ? { error: this.code, message: this.message } : { error: this.code, message: this.message, path: this.path };
  }
}

function firstIssue(error: z.ZodError, what: string): Refusal {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return new Refusal(400, `invalid-${what}`, `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}${more}`, path || undefined);
}

function tooManyCounts(value: unknown): boolean {
  const counts = (value as { counts?: unknown } | null)?.counts;
  return Array.isArray(counts) && counts.length > BATCH_LIMITS.counts;
}

/** Validates one batch as received (already parsed from JSON) and stores it. */
export async function ingestBatch(storage: Storage, school: School, value: unknown): Promise<StatsAck> {
  if (tooManyCounts(value)) throw new Refusal(413, 'too-many-counts', `A batch may hold at most ${BATCH_LIMITS.counts} counts`, 'counts');
  const parsed = batchSchema.safeParse(value);
  if (!parsed.success) throw firstIssue(parsed.error, 'batch');
  return { key: parsed.data.key, status: await storage.storeBatch(school, parsed.data) };
}

export interface FileResult {
  results: StatsAck[];
  stored: number;
  duplicate: number;
}

/**
 * Validates a statistics file whole (nothing is stored if any batch is
 * invalid), then stores its batches one transaction each, so an import that
 * stops halfway and is run again stores the rest and counts nothing twice.
 */
export async function ingestFile(storage: Storage, school: School, value: unknown): Promise<FileResult> {
  const parsed = statsFileSchema.safeParse(value);
  if (!parsed.success) throw firstIssue(parsed.error, 'file');
  parsed.data.batches.forEach((batch, i) => {
    if (Buffer.byteLength(JSON.stringify(batch)) > BATCH_LIMITS.bytes) {
      throw new Refusal(413, 'batch-too-large', `batches.${i}: a batch may be at most ${BATCH_LIMITS.bytes} bytes`, `batches.${i}`);
    }
  });
  const results: StatsAck[] = [];
  for (const batch of parsed.data.batches) results.push({ key: batch.key, status: await storage.storeBatch(school, batch) });
  const stored = results.filter((r) => r.status === 'stored').length;
  return { results, stored, duplicate: results.length - stored };
}

/** Parses JSON text, refusing with 400 when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, 'malformed-json', 'The body is not valid JSON');
  }
}
