import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ingestFile, parseJson, Refusal } from './ingest';
import { openStorage } from './open';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
import { buildServer } from './server';
import { fingerprint, hashToken, normalizeFingerprint, type Storage, StorageError } from './storage';

const USAGE = `Usage:
  npm run collector                                   start the server
  npm run collector -- add-region <code> <name>
  npm run collector -- add-school <region> <code> <name>
  npm run collector -- add-token <school>             prints a new token for the school, once, and its fingerprint
  npm run collector -- import <file.json> --token <token>
  npm run collector -- list-regions
  npm run collector -- list-schools [<region>]        tokens, batches and last batch of each school
  npm run collector -- list-tokens <school>           fingerprint, date and status of each token of the school
  npm run collector -- revoke-token <token>           the token is refused from now on; its batches stay counted
  npm run collector -- revoke-token --fingerprint <fingerprint>
  npm run collector -- revoke-tokens <school>         revokes every token of the school (a stolen PC)

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; without it SQLite at
COLLECTOR_SQLITE or ./collector-data/collector.sqlite), COLLECTOR_RATE (requests per minute per
school, all its tokens together, ${DEFAULT_RATE_LIMIT.perMinute}; 0 turns the limit off), COLLECTOR_BURST (${DEFAULT_RATE_LIMIT.burst}),
COLLECTOR_VIEWER_PASSWORD (asks for it on the dashboard and CSV export).

Exit codes: 0 done, 1 refused (unknown region, school or token, code taken, invalid file),
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
  | { name: 'import'; file: string; token: string }
  | { name: 'list-regions' }
  | { name: 'list-schools'; region?: string }
  | { name: 'list-tokens'; school: string }
  | { name: 'revoke-token'; match: { token: string } | { fingerprint: string } }
  | { name: 'revoke-tokens'; school: string }
  /** Wrong usage with a more precise message than the usage text. */
  | { name: 'usage'; message: string };

const BAD_FINGERPRINT = 'A fingerprint is 8 hex characters (0-9, a-f), as list-tokens and add-token show it';

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
  if (name === 'list-regions' && rest.length === 0) return { name };
  if (name === 'list-schools' && rest.length <= 1) return rest[0] === undefined ? { name } : { name, region: rest[0] };
  if (name === 'list-tokens' && rest.length === 1) return { name, school: rest[0]! };
  if (name === 'revoke-token') {
    if (rest.length === 1 && rest[0] !== '--fingerprint') return { name, match: { token: rest[0]! } };
    if (rest.length === 2 && rest[0] === '--fingerprint') {
      const fp = normalizeFingerprint(rest[1]!);
      return fp ? { name, match: { fingerprint: fp } } : { name: 'usage', message: BAD_FINGERPRINT };
    }
  }
  if (name === 'revoke-tokens' && rest.length === 1) return { name, school: rest[0]! };
  return undefined;
}

function rateLimit(env: NodeJS.ProcessEnv): RateLimit | false {
  const perMinute = env.COLLECTOR_RATE ? Number(env.COLLECTOR_RATE) : DEFAULT_RATE_LIMIT.perMinute;
  const burst = env.COLLECTOR_BURST ? Number(env.COLLECTOR_BURST) : DEFAULT_RATE_LIMIT.burst;
  if (!(perMinute >= 0) || !(burst >= 1)) throw new StorageError('COLLECTOR_RATE must be a number ≥ 0 and COLLECTOR_BURST ≥ 1');
  return perMinute === 0 ? false : { perMinute, burst };
}

/** A date and time from the storage (ISO 8601, UTC) as people read it: 2025-03-10 14:02. */
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Free text (a name) on one line, without control characters a terminal would act on. */
const oneLine = (text: string) => text.replace(/\p{Cc}/gu, ' ');

/**
 * Plain aligned columns for people: two spaces between columns, numbers
 * right-aligned, the last column not padded (so no trailing spaces).
 */
export function table(header: string[], rows: (string | number)[][]): string[] {
  const width = (text: string) => [...text].length;
  const cells = [header, ...rows.map((row) => row.map((c) => (typeof c === 'number' ? String(c) : oneLine(c))))];
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => width(row[i] ?? ''))));
  return cells.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return numeric[i] ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
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
  if (command.name === 'usage') {
    io.err(command.message);
    return 2;
  }
  let storage: Storage | undefined;
  try {
    if (command.name === 'serve') {
      const host = env.HOST || '127.0.0.1';
      // The dashboard and CSV show every school's counts: on an address others can reach, only behind the viewer password.
      if (!isLoopbackHost(host) && !env.COLLECTOR_VIEWER_PASSWORD) {
        io.err(`Refusing to listen on ${host} without COLLECTOR_VIEWER_PASSWORD: the dashboard and the CSV export would be open to anyone on the network. Set a viewer password, or listen on 127.0.0.1.`);
        return 1;
      }
      const limit = rateLimit(env);
      storage = await openStorage(env);
      const app = buildServer({ storage, rateLimit: limit, viewerPassword: env.COLLECTOR_VIEWER_PASSWORD || undefined, logger: { level: 'warn' } });
      const opened = storage;
      app.addHook('onClose', async () => opened.close());
      storage = undefined; // closed with the server from now on
      const port = env.PORT ? Number(env.PORT) : 8787;
      await app.listen({ port, host });
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
        const fp = fingerprint(hashToken(token));
        io.out(token);
        io.err(`Fingerprint ${fp}: list-tokens ${command.school} shows it, and revoke-token --fingerprint ${fp} revokes this token.`);
        io.err(`This is the only time the token of ${command.school} is shown: the collector keeps only its SHA-256. Put it in the school's app settings.`);
        return 0;
      }
      case 'list-regions': {
        const regions = await storage.listRegions();
        if (regions.length === 0) {
          io.out('No regions yet: add one with add-region <code> <name>');
          return 0;
        }
        for (const line of table(['REGION', 'SCHOOLS', 'NAME'], regions.map((r) => [r.code, r.schools, r.name]))) io.out(line);
        return 0;
      }
      case 'list-schools': {
        const schools = await storage.listSchools(command.region);
        if (schools.length === 0) {
          io.out(command.region === undefined ? 'No schools yet: add one with add-school <region> <code> <name>' : `No schools in region ${command.region} yet`);
          return 0;
        }
        const rows = schools.map((s) => [s.code, s.region, s.activeTokens, s.batches, s.lastBatchAt ? minute(s.lastBatchAt) : 'never', s.name]);
        for (const line of table(['SCHOOL', 'REGION', 'TOKENS', 'BATCHES', 'LAST BATCH (UTC)', 'NAME'], rows)) io.out(line);
        return 0;
      }
      case 'list-tokens': {
        const tokens = await storage.listTokens(command.school);
        if (tokens.length === 0) {
          io.out(`School ${command.school} has no tokens: make one with add-token ${command.school}`);
          return 0;
        }
        const rows = tokens.map((t) => [t.fingerprint, minute(t.createdAt), t.revokedAt ? 'revoked' : 'active', t.revokedAt ? minute(t.revokedAt) : '']);
        for (const line of table(['FINGERPRINT', 'CREATED (UTC)', 'STATUS', 'REVOKED (UTC)'], rows)) io.out(line);
        return 0;
      }
      case 'revoke-token': {
        const { match } = command;
        const revoked = await storage
          .revokeToken('token' in match ? { hash: hashToken(match.token) } : match)
          .catch((e: unknown) => {
            // A fingerprint typed without --fingerprint is looked up as a token, and is not one.
            if (e instanceof StorageError && 'token' in match && normalizeFingerprint(match.token) === match.token) {
              throw new StorageError(`${e.message}. For a fingerprint: revoke-token --fingerprint ${match.token}`);
            }
            throw e;
          });
        io.out(
          revoked.already
            ? `Token ${revoked.fingerprint} of school ${revoked.school} was already revoked on ${minute(revoked.revokedAt)} UTC`
            : `Revoked token ${revoked.fingerprint} of school ${revoked.school}: it is refused from now on; the batches it sent stay counted`,
        );
        return 0;
      }
      case 'revoke-tokens': {
        const n = await storage.revokeSchoolTokens(command.school);
        io.out(
          n === 0
            ? `School ${command.school} had no active tokens: nothing revoked`
            : `Revoked ${plural(n, 'token')} of school ${command.school}: refused from now on; the batches they sent stay counted. Make a new one with add-token ${command.school}`,
        );
        return 0;
      }
      case 'import': {
        const school = await storage.schoolForToken(hashToken(command.token));
        if (!school) {
          io.err('Unknown or revoked school token');
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

/** An address only this computer can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
