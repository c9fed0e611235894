import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ingestFile, parseJson, Refusal } from './ingest';
import { openStorage } from './open';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
import { buildServer } from './server';
import { hashToken, type Storage, StorageError } from './storage';

const USAGE = `Usage:
  npm run collector                                   start the server
  npm run collector -- add-region <code> <name>
  npm run collector -- add-school <region> <code> <name>
  npm run collector -- add-token <school>             prints a new token for the school, once
  npm run collector -- import <file.json> --token <token>

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; without it SQLite at
COLLECTOR_SQLITE or ./collector-data/collector.sqlite), COLLECTOR_RATE (requests per minute per
token, ${DEFAULT_RATE_LIMIT.perMinute}; 0 turns the limit off), COLLECTOR_BURST (${DEFAULT_RATE_LIMIT.burst}),
COLLECTOR_VIEWER_PASSWORD (asks for it on the dashboard and CSV export).

Exit codes: 0 done, 1 refused (unknown region or school, code taken, invalid file, unknown token),
2 wrong usage, 3 the collector itself failed (for example the database cannot be reached).`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command =
  | { name: 'serve' }
  | { name: 'add-region'; code: string; label: string }
  | { name: 'add-school'; region: string; code: string; label: string }
  | { name: 'add-token'; school: string }
  | { name: 'import'; file: string; token: string };

function parse(argv: string[]): Command | undefined {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'serve') return rest.length === 0 ? { name: 'serve' } : undefined;
  if (name === 'add-region' && rest.length === 2) return { name, code: rest[0]!, label: rest[1]! };
  if (name === 'add-school' && rest.length === 3) return { name, region: rest[0]!, code: rest[1]!, label: rest[2]! };
  if (name === 'add-token' && rest.length === 1) return { name, school: rest[0]! };
  if (name === 'import') {
    const at = rest.indexOf('--token');
    const token = at === -1 ? undefined : rest[at + 1];
    const files = rest.filter((_, i) => at === -1 || (i !== at && i !== at + 1));
    if (token && files.length === 1) return { name, file: files[0]!, token };
  }
  return undefined;
}

function rateLimit(env: NodeJS.ProcessEnv): RateLimit | false {
  const perMinute = env.COLLECTOR_RATE ? Number(env.COLLECTOR_RATE) : DEFAULT_RATE_LIMIT.perMinute;
  const burst = env.COLLECTOR_BURST ? Number(env.COLLECTOR_BURST) : DEFAULT_RATE_LIMIT.burst;
  if (!(perMinute >= 0) || !(burst >= 1)) throw new StorageError('COLLECTOR_RATE must be a number ≥ 0 and COLLECTOR_BURST ≥ 1');
  return perMinute === 0 ? false : { perMinute, burst };
}

/**
 * Runs an admin command and returns its exit code, or starts the server and
 * resolves with it once it listens (`serve`).
 */
export async function run(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number | FastifyInstance> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.out(USAGE);
    return 0;
  }
  const command = parse(argv);
  if (!command) {
    io.err(USAGE);
    return 2;
  }
  let storage: Storage | undefined;
  try {
    if (command.name === 'serve') {
      const limit = rateLimit(env);
      storage = await openStorage(env);
      const app = buildServer({ storage, rateLimit: limit, viewerPassword: env.COLLECTOR_VIEWER_PASSWORD || undefined, logger: { level: 'warn' } });
      const opened = storage;
      app.addHook('onClose', async () => opened.close());
      storage = undefined; // closed with the server from now on
      const port = env.PORT ? Number(env.PORT) : 8787;
      await app.listen({ port, host: env.HOST || '127.0.0.1' });
      io.out(`Collector (${opened.kind}) listening on ${app.listeningOrigin}`);
      return app;
    }
    storage = await openStorage(env);
    switch (command.name) {
      case 'add-region':
        await storage.addRegion(command.code, command.label);
        io.out(`Added region ${command.code}`);
        return 0;
      case 'add-school':
        await storage.addSchool(command.region, command.code, command.label);
        io.out(`Added school ${command.code} in region ${command.region}`);
        return 0;
      case 'add-token': {
        const token = await storage.addToken(command.school);
        io.out(token);
        io.err(`This is the only time the token of ${command.school} is shown: the collector keeps only its SHA-256. Put it in the school's app settings.`);
        return 0;
      }
      case 'import': {
        const school = await storage.schoolForToken(hashToken(command.token));
        if (!school) {
          io.err('Unknown school token');
          return 1;
        }
        const text = await readFile(resolve(env.INIT_CWD ?? '.', command.file), 'utf8').catch(() => undefined);
        if (text === undefined) {
          io.err(`${command.file}: cannot read the file`);
          return 2;
        }
        const result = await ingestFile(storage, school, parseJson(text));
        io.out(`${command.file}: ${result.results.length} batches for school ${school.code}: ${result.stored} stored, ${result.duplicate} already stored`);
        return 0;
      }
      default:
        return 2;
    }
  } catch (e) {
    if (e instanceof StorageError || e instanceof Refusal) {
      io.err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await storage?.close();
  }
}
