// The collector's ingest rate: a day's batches from 7,000 schools (one batch each,
// 20–40 counts) sent over real HTTP on loopback, with some concurrency, into SQLite
// (a file, WAL) and into PostgreSQL when DATABASE_URL is set. Target: under 10 s.
//
//   node bench/collector.mjs [--schools 7000] [--concurrency 32] [--json]
//
// The server and the senders share this one Node process, so the numbers include the
// senders' own work. Prints a line per backend, or with --json one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { buildServer } = await import('../src/collector/server.ts');
const { openSqlite } = await import('../src/collector/sqlite.ts');
const { hashToken } = await import('../src/collector/storage.ts');
const { makeBatch, makeCounts, openPostgresSchema } = await import('../test/support/collector.ts');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SCHOOLS = arg('schools', 7000);
const CONCURRENCY = arg('concurrency', 32);
const JSON_OUT = process.argv.includes('--json');
const log = (line) => (JSON_OUT ? process.stderr : process.stdout).write(`${line}\n`);

async function benchBackend(name, storage) {
  try {
    log(`collector bench (${name}): adding ${SCHOOLS} schools and tokens`);
    const regions = 17;
    for (let r = 0; r < regions; r++) await storage.addRegion(`R${r}`, `Region ${r}`);
    const tokens = [];
    for (let s = 0; s < SCHOOLS; s++) {
      await storage.addSchool(`R${s % regions}`, `S${s}`, `School ${s}`);
      tokens.push(await storage.addToken(`S${s}`));
    }
    // One batch per school, 20–40 counts, made before the clock starts.
    const bodies = tokens.map((token, s) => {
      const batch = makeBatch(makeCounts(20 + (s % 21), '2025-03-10', s));
      return { token, body: JSON.stringify(batch), counts: batch.counts.length };
    });
    const app = buildServer({ storage, rateLimit: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL('/api/v1/batches', app.listeningOrigin);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const b = bodies[next++];
          const { status, body } = await post(url, agent, b.token, b.body);
          if (status !== 200 || JSON.parse(body).status !== 'stored') failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    await app.close();
    const counts = bodies.reduce((n, b) => n + b.counts, 0);
    const summary = await storage.summary();
    if (summary.batches !== SCHOOLS || failed) throw new Error(`${name}: ${failed} batches failed, ${summary.batches} stored of ${SCHOOLS}`);
    // Sanity check that the hash lookup is what authenticates (and not, say, a cache).
    if (!(await storage.schoolForToken(hashToken(tokens[0])))) throw new Error('token lookup failed');
    const result = { backend: name, schools: SCHOOLS, batches: SCHOOLS, counts, concurrency: CONCURRENCY, seconds: round(seconds, 2), batchesPerSecond: round(SCHOOLS / seconds, 0), countsPerSecond: round(counts / seconds, 0) };
    log(`collector bench (${name}): ${SCHOOLS} batches, ${counts} counts in ${result.seconds} s: ${result.batchesPerSecond} batches/s, ${result.countsPerSecond} counts/s (target < 10 s: ${seconds < 10 ? 'yes' : 'NO'})`);
    return result;
  } finally {
    await storage.close();
  }
}

/** One POST with node:http and a keep-alive agent (global fetch costs more per request than the collector itself). */
function post(url, agent, token, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const results = {};
const dir = mkdtempSync(join(tmpdir(), 'qorgau-collector-bench-'));
try {
  results.sqlite = await benchBackend('SQLite', openSqlite(join(dir, 'collector.sqlite')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) results.postgres = await benchBackend('PostgreSQL', await openPostgresSchema(process.env.DATABASE_URL));
if (JSON_OUT) console.log(JSON.stringify(results));
