import { createHash, randomBytes } from 'node:crypto';
import { cellKey, type Metric, type StatsBatch, type StatsCount } from '../core/stats/schema';

/**
 * Where the collector keeps what schools sent: regions, schools, hashed
 * tokens, the keys of the batches it has stored, and the counts summed per
 * school, day, pack version, metric, item and language. Nothing else from a
 * batch is kept (not the install ID).
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  addRegion(code: string, name: string): Promise<void>;
  addSchool(region: string, code: string, name: string): Promise<void>;
  /** Stores the SHA-256 of a new random token for the school and returns the token itself: it is never stored. */
  addToken(school: string): Promise<string>;
  /** The school an active token hash belongs to, or undefined for an unknown or revoked token. */
  schoolForToken(hash: string): Promise<School | undefined>;
  /** Every region with its number of schools, by code. */
  listRegions(): Promise<RegionInfo[]>;
  /** Every school, or those of one region (StorageError if there is no such region), by region then code. */
  listSchools(region?: string): Promise<SchoolInfo[]>;
  /** The tokens of a school (StorageError if there is no such school), oldest first: fingerprints only. */
  listTokens(school: string): Promise<TokenInfo[]>;
  /**
   * Marks one token revoked, found by its hash or by its fingerprint (the first
   * {@link FINGERPRINT_LENGTH} hex characters of the hash). StorageError when no
   * token matches, or when a fingerprint matches more than one (nothing revoked).
   * A token revoked before stays revoked at its first date (`already`).
   */
  revokeToken(match: { hash: string } | { fingerprint: string }): Promise<Revoked>;
  /** Marks every active token of a school revoked (StorageError if there is no such school); returns how many. */
  revokeSchoolTokens(school: string): Promise<number>;
  /**
   * Stores a batch and adds its counts, in one transaction: 'duplicate' (and
   * nothing added) when the school already sent this key.
   */
  storeBatch(school: School, batch: StatsBatch): Promise<'stored' | 'duplicate'>;
  /** Sums of counts per group and metric; `day` is folded into ISO weeks by {@link totals}. */
  sums(by: 'region' | 'school' | 'item' | 'day'): Promise<SumRow[]>;
  summary(): Promise<Summary>;
  close(): Promise<void>;
}

export interface School {
  id: number;
  code: string;
  name: string;
  region: string;
}

export interface RegionInfo {
  code: string;
  name: string;
  schools: number;
}

export interface SchoolInfo {
  code: string;
  region: string;
  name: string;
  /** Tokens not revoked. */
  activeTokens: number;
  /** Batches stored (a revoked token's batches included). */
  batches: number;
  /** When the last batch arrived (ISO 8601, UTC); undefined if none did. */
  lastBatchAt?: string;
}

export interface TokenInfo {
  /** The first {@link FINGERPRINT_LENGTH} hex characters of the token's SHA-256. */
  fingerprint: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC; undefined while the token is active. */
  revokedAt?: string;
}

export interface Revoked {
  school: string;
  fingerprint: string;
  revokedAt: string;
  /** It was revoked before this call (`revokedAt` is that first date). */
  already: boolean;
}

export interface SumRow {
  group: string[];
  metric: Metric;
  count: number;
}

export interface Summary {
  regions: number;
  schools: number;
  /** Schools that sent at least one batch. */
  reportingSchools: number;
  batches: number;
  /** The sum of every count. */
  total: number;
}

/** An admin mistake (unknown region, code already taken): the CLI reports it with exit code 1. */
export class StorageError extends Error {}

export const GROUPINGS = ['region', 'school', 'item', 'week'] as const;
export type GroupBy = (typeof GROUPINGS)[number];

/** Column names of a group, per grouping (CSV headers and dashboard labels). */
export const GROUP_COLUMNS: Record<GroupBy, string[]> = {
  region: ['region', 'region_name'],
  school: ['region', 'school', 'school_name'],
  item: ['pack', 'item'],
  week: ['week'],
};

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkCode(what: string, code: string): void {
  if (!CODE.test(code)) throw new StorageError(`${what} code "${code}" must be 1–64 letters, digits, dots, dashes or underscores`);
}

export function checkName(what: string, name: string): void {
  if (!name.trim() || name.length > 200) throw new StorageError(`${what} name must be 1–200 characters`);
}

/** A new school token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Hex characters of a token's SHA-256 shown as its fingerprint: enough to tell a school's tokens apart, useless for guessing one. */
export const FINGERPRINT_LENGTH = 8;

const FINGERPRINT = new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`);

/** The fingerprint of a token hash. */
export function fingerprint(hash: string): string {
  return hash.slice(0, FINGERPRINT_LENGTH);
}

/** A fingerprint as typed (any case), in lower case; undefined if it is not {@link FINGERPRINT_LENGTH} hex characters. */
export function normalizeFingerprint(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  return FINGERPRINT.test(lower) ? lower : undefined;
}

/** A timestamp from either database (ISO text from SQLite, a Date from PostgreSQL) as ISO 8601 UTC. */
export function isoTime(value: string | Date | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The one token a revocation matched, or a StorageError naming what went wrong. */
export function oneToken<T extends { hash: string; school: string }>(
  rows: T[],
  match: { hash: string } | { fingerprint: string },
): T {
  if ('hash' in match) {
    if (!rows[0]) throw new StorageError('Unknown token: this collector never issued it (nothing revoked)');
    return rows[0];
  }
  if (!rows[0]) throw new StorageError(`No token has the fingerprint ${match.fingerprint} (nothing revoked)`);
  if (rows.length > 1) {
    const schools = [...new Set(rows.map((r) => r.school))].sort(compare).join(', ');
    throw new StorageError(
      `The fingerprint ${match.fingerprint} matches ${rows.length} tokens (schools ${schools}): nothing revoked. Revoke the school's tokens with revoke-tokens and make new ones.`,
    );
  }
  return rows[0];
}

/** Byte order, the same from both databases (PostgreSQL sorts text by locale). */
export function byCodes<T>(key: (item: T) => string[]): (a: T, b: T) => number {
  return (a, b) => compare(key(a).join('\u0000'), key(b).join('\u0000'));
}

/**
 * The counts of a batch with equal keys summed, sorted by key: one row per
 * aggregate, written in the same order by every transaction (no deadlocks
 * between two batches of one school on PostgreSQL).
 */
export function mergeCounts(counts: readonly StatsCount[]): StatsCount[] {
  const merged = new Map<string, StatsCount>();
  for (const c of counts) {
    const k = cellKey(c);
    const seen = merged.get(k);
    if (seen) seen.count += c.count;
    else merged.set(k, { ...c });
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** ISO 8601 week of a YYYY-MM-DD day, as 2025-W03. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of the week decides its year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Sums per group and metric, sorted by group then metric. */
export async function totals(storage: Storage, by: GroupBy): Promise<SumRow[]> {
  if (by !== 'week') return sortRows(await storage.sums(by));
  const weeks = new Map<string, SumRow>();
  for (const row of await storage.sums('day')) {
    const week = isoWeek(row.group[0] ?? '');
    const k = `${week}\u0000${row.metric}`;
    const seen = weeks.get(k);
    if (seen) seen.count += row.count;
    else weeks.set(k, { group: [week], metric: row.metric, count: row.count });
  }
  return sortRows([...weeks.values()]);
}

/** The same order from both databases (PostgreSQL sorts text by locale, SQLite by bytes). */
function sortRows(rows: SumRow[]): SumRow[] {
  const key = (r: SumRow) => [...r.group, r.metric].join('\u0000');
  return rows.sort((a, b) => compare(key(a), key(b)));
}

function compare(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The SQL that groups counts, the same for both databases. */
export const SUM_SQL: Record<'region' | 'school' | 'item' | 'day', string> = {
  region: `SELECT r.code AS g1, r.name AS g2, c.metric AS metric, SUM(c.count) AS count
    FROM counts c JOIN schools s ON s.id = c.school_id JOIN regions r ON r.id = s.region_id
    GROUP BY r.code, r.name, c.metric ORDER BY r.code, c.metric`,
  school: `SELECT r.code AS g1, s.code AS g2, s.name AS g3, c.metric AS metric, SUM(c.count) AS count
    FROM counts c JOIN schools s ON s.id = c.school_id JOIN regions r ON r.id = s.region_id
    GROUP BY r.code, s.code, s.name, c.metric ORDER BY r.code, s.code, c.metric`,
  item: `SELECT c.pack_id AS g1, c.item AS g2, c.metric AS metric, SUM(c.count) AS count
    FROM counts c GROUP BY c.pack_id, c.item, c.metric ORDER BY c.pack_id, c.item, c.metric`,
  day: `SELECT c.day AS g1, c.metric AS metric, SUM(c.count) AS count
    FROM counts c GROUP BY c.day, c.metric ORDER BY c.day, c.metric`,
};

export const SUMMARY_SQL = `SELECT
  (SELECT COUNT(*) FROM regions) AS regions,
  (SELECT COUNT(*) FROM schools) AS schools,
  (SELECT COUNT(DISTINCT school_id) FROM batches) AS reporting,
  (SELECT COUNT(*) FROM batches) AS batches,
  (SELECT COALESCE(SUM(count), 0) FROM counts) AS total`;

export interface SumSqlRow {
  g1: string;
  g2?: string;
  g3?: string;
  metric: Metric;
  count: number | string | bigint;
}

export function toSumRow(r: SumSqlRow): SumRow {
  const group = [r.g1, r.g2, r.g3].filter((g): g is string => g !== undefined && g !== null);
  return { group, metric: r.metric, count: Number(r.count) };
}

/** Every school with its region, active tokens, batch count and last arrival; both dialects add `WHERE r.code = ?` or `$1` for one region. */
export const SCHOOLS_SQL = `SELECT s.code AS code, r.code AS region, s.name AS name,
    (SELECT COUNT(*) FROM tokens t WHERE t.school_id = s.id AND t.revoked_at IS NULL) AS tokens,
    (SELECT COUNT(*) FROM batches b WHERE b.school_id = s.id) AS batches,
    (SELECT MAX(b.received_at) FROM batches b WHERE b.school_id = s.id) AS last
  FROM schools s JOIN regions r ON r.id = s.region_id`;

/** A row of SCHOOLS_SQL as either driver returns it (PostgreSQL gives counts as strings and times as dates). */
export interface SchoolSqlRow {
  code: string;
  region: string;
  name: string;
  tokens: number | string;
  batches: number | string;
  last: string | Date | null;
}

/** The schools of SCHOOLS_SQL as `list-schools` shows them, by region, then code. */
export function toSchoolList(rows: readonly SchoolSqlRow[]): SchoolInfo[] {
  return rows
    .map((r) => ({ code: r.code, region: r.region, name: r.name, activeTokens: Number(r.tokens), batches: Number(r.batches), lastBatchAt: isoTime(r.last) }))
    .sort(byCodes((s) => [s.region, s.code]));
}
