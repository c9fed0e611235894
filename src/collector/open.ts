import { openPostgres } from './postgres';
import { openSqlite, SQLITE_DEFAULT_PATH } from './sqlite';
import type { Storage } from './storage';

/** PostgreSQL when DATABASE_URL is set, else SQLite at COLLECTOR_SQLITE or ./collector-data/collector.sqlite. */
export async function openStorage(env: NodeJS.ProcessEnv = process.env): Promise<Storage> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openSqlite(env.COLLECTOR_SQLITE || SQLITE_DEFAULT_PATH);
}
