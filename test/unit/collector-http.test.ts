import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_LIMITS, type StatsBatch } from '../../src/core/stats/schema';
import { buildServer, type ServerOptions } from '../../src/collector/server';
import type { Storage } from '../../src/collector/storage';
import { backends, makeBatch, makeCounts, makeFile } from '../support/collector';

// The collector over real HTTP on loopback, against SQLite always and PostgreSQL when DATABASE_URL is set.
const title = process.env.DATABASE_URL ? 'collector over HTTP (SQLite and PostgreSQL)' : 'collector over HTTP (SQLite only: set DATABASE_URL to also run PostgreSQL)';

interface Running {
  url: string;
  storage: Storage;
  tokens: string[];
  app: FastifyInstance;
}

/** What the collector answers in JSON: an ack, a file result or an error. */
interface Answer {
  error?: string;
  message?: string;
  path?: string;
  key?: string;
  status?: string;
  stored?: number;
  duplicate?: number;
  results?: unknown[];
}
const json = (res: Response) => res.json() as Promise<Answer>;

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.app.close();
    await r.storage.close();
  }
});

describe(title, () => {
  describe.each(backends())('$name', ({ open }) => {
    async function start(options: Partial<ServerOptions> = {}): Promise<Running> {
      const storage = await open();
      await storage.addRegion('ALM', 'Almaty');
      await storage.addRegion('AST', 'Astana');
      await storage.addSchool('ALM', 'ALM-001', 'School "1" <Almaty>');
      await storage.addSchool('AST', 'AST-001', '=HYPERLINK("x")');
      const tokens = [await storage.addToken('ALM-001'), await storage.addToken('AST-001')];
      const app = buildServer({ storage, ...options });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const r = { url: app.listeningOrigin, storage, tokens, app };
      running.push(r);
      return r;
    }

    const send = (r: Running, body: unknown, token: string | undefined = r.tokens[0], headers: Record<string, string> = {}) =>
      fetch(`${r.url}/api/v1/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    const sum = (batches: StatsBatch[]) => batches.flatMap((b) => b.counts).reduce((n, c) => n + c.count, 0);

    it('stores a batch and answers a second send of its key as a duplicate, counted once', async () => {
      const r = await start();
      const batch = makeBatch(makeCounts(25));
      const first = await send(r, batch);
      expect(first.status).toBe(200);
      expect(await json(first)).toEqual({ key: batch.key, status: 'stored' });
      const again = await send(r, batch);
      expect(await json(again)).toEqual({ key: batch.key, status: 'duplicate' });
      expect((await r.storage.summary()).total).toBe(sum([batch]));
    });

    it('refuses a missing or unknown token with 401', async () => {
      const r = await start();
      const none = await send(r, makeBatch(makeCounts(1)), '');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await json(none)).error).toBe('unauthorized');
      expect((await send(r, makeBatch(makeCounts(1)), 'x'.repeat(43))).status).toBe(401);
      expect((await r.storage.summary()).batches).toBe(0);
    });

    it('refuses bodies over the byte limit with 413, too many counts with 413, non-JSON with 415', async () => {
      const r = await start();
      const big = await send(r, { ...makeBatch([]), padding: 'x'.repeat(BATCH_LIMITS.bytes) });
      expect(big.status).toBe(413);
      expect((await json(big)).error).toBe('too-large');
      const many = await send(r, makeBatch(makeCounts(BATCH_LIMITS.counts + 1)));
      expect(many.status).toBe(413);
      expect(await json(many)).toMatchObject({ error: 'too-many-counts', path: 'counts' });
      const text = await send(r, 'hello', r.tokens[0], { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect((await json(text)).error).toBe('unsupported-media-type');
    });

    it('refuses malformed JSON and schema failures with 400 and a clear error', async () => {
      const r = await start();
      const broken = await send(r, '{"format":');
      expect(broken.status).toBe(400);
      expect((await json(broken)).error).toBe('malformed-json');
      const batch = makeBatch(makeCounts(3));
      batch.counts[1]!.count = 2; // under the minimum of 5: a school must never send it
      const small = await send(r, batch);
      expect(small.status).toBe(400);
      const body = await json(small);
      expect(body).toMatchObject({ error: 'invalid-batch', path: 'counts.1.count' });
      expect(body.message).toMatch(/counts\.1\.count/);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
      const extra = await send(r, { ...makeBatch([]), pupil: 'Aigerim' });
      expect(extra.status).toBe(400);
      // The same cell twice would multiply its count: the batch is refused, naming the second one.
      const counts = makeCounts(3);
      const repeated = await send(r, makeBatch([...counts, { ...counts[0]!, count: 50 }]));
      expect(repeated.status).toBe(400);
      expect(await json(repeated)).toMatchObject({ error: 'invalid-batch', path: 'counts.3' });
      expect((await r.storage.summary()).batches).toBe(0);
    });

    it('concurrent sends of the same key count once', async () => {
      const r = await start();
      const batch = makeBatch(makeCounts(40));
      const answers = await Promise.all(Array.from({ length: 12 }, () => send(r, batch).then(json)));
      expect(answers.filter((a) => a.status === 'stored')).toHaveLength(1);
      expect(answers.filter((a) => a.status === 'duplicate')).toHaveLength(11);
      expect((await r.storage.summary()).total).toBe(sum([batch]));
    });

    it('a statistics file imported twice counts once, by API and by the upload form', async () => {
      const r = await start();
      const batches = [makeBatch(makeCounts(10, '2025-03-10')), makeBatch(makeCounts(10, '2025-03-11', 2))];
      await send(r, batches[0]); // one of them already arrived online
      const post = () =>
        fetch(`${r.url}/api/v1/files`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${r.tokens[0]}` },
          body: JSON.stringify(makeFile(batches)),
        });
      const first = await json(await post());
      expect(first).toMatchObject({ stored: 1, duplicate: 1 });
      expect(first.results).toEqual([
        { key: batches[0]!.key, status: 'duplicate' },
        { key: batches[1]!.key, status: 'stored' },
      ]);
      expect(await json(await post())).toMatchObject({ stored: 0, duplicate: 2 });

      const form = new FormData();
      form.set('token', r.tokens[0]!);
      form.set('file', new Blob([JSON.stringify(makeFile(batches))], { type: 'application/json' }), 'stats.json');
      const upload = await fetch(`${r.url}/upload`, { method: 'POST', body: form });
      expect(upload.status).toBe(200);
      expect(await upload.text()).toMatch(/0 stored now, 2 already stored/);
      const wrong = new FormData();
      wrong.set('token', 'nope');
      wrong.set('file', new Blob(['{}']), 'stats.json');
      const refused = await fetch(`${r.url}/upload`, { method: 'POST', body: wrong });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/text\/html/);
      expect((await r.storage.summary()).total).toBe(sum(batches));
    });

    it('an invalid file stores nothing', async () => {
      const r = await start();
      const bad = makeBatch(makeCounts(2));
      bad.key = 'NOT-A-KEY';
      const res = await fetch(`${r.url}/api/v1/files`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${r.tokens[0]}` },
        body: JSON.stringify(makeFile([makeBatch(makeCounts(2)), bad])),
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid-file', path: 'batches.1.key' });
      expect((await r.storage.summary()).batches).toBe(0);
    });

    it('aggregates and CSV exports equal the sum of what was sent', async () => {
      const r = await start();
      const sent: StatsBatch[] = [];
      for (let i = 0; i < 6; i++) {
        const batch = makeBatch(makeCounts(30, `2025-03-${String(8 + i).padStart(2, '0')}`, i));
        sent.push(batch);
        expect((await send(r, batch, r.tokens[i % 2])).status).toBe(200);
      }
      await send(r, sent[0]); // a retry: counted once
      const csv = async (by: string) => {
        const res = await fetch(`${r.url}/export.csv?by=${by}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
        const lines = (await res.text()).trimEnd().split('\r\n');
        return { header: lines[0], rows: lines.slice(1).map((l) => l.split(',')) };
      };
      const total = (rows: string[][]) => rows.reduce((n, row) => n + Number(row.at(-1)), 0);
      for (const by of ['region', 'school', 'item', 'week']) expect(total((await csv(by)).rows)).toBe(sum(sent));
      const bySchool = await csv('school');
      expect(bySchool.header).toBe('"region","school","school_name","metric","count"');
      // The school named like a formula is neutralised; quotes are doubled.
      expect(bySchool.rows.some((row) => row[2] === `"'=HYPERLINK(""x"")"`)).toBe(true);
      const opened = (batches: StatsBatch[]) => batches.flatMap((b) => b.counts).filter((c) => c.metric === 'lesson.opened').reduce((n, c) => n + c.count, 0);
      const region = (await csv('region')).rows.filter((row) => row[2] === '"lesson.opened"');
      expect(region.map((row) => [row[0], Number(row[3])])).toEqual([
        ['"ALM"', opened(sent.filter((_, i) => i % 2 === 0))],
        ['"AST"', opened(sent.filter((_, i) => i % 2 === 1))],
      ]);
      expect((await fetch(`${r.url}/export.csv?by=pupil`)).status).toBe(400);
    });

    it('the dashboard is escaped, self-contained and under a strict CSP', async () => {
      const r = await start();
      await send(r, makeBatch(makeCounts(20)));
      const res = await fetch(`${r.url}/`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).not.toMatch(/unsafe-inline/);
      const html = await res.text();
      expect(html).toContain('School &#34;1&#34; &#60;Almaty&#62;');
      expect(html).not.toContain('<Almaty>');
      expect(html).not.toMatch(/<script|https?:\/\//);
      expect(html).toMatch(/By region[\s\S]*By school[\s\S]*By lesson[\s\S]*By week/);
      expect(html).toContain('name="token"');
    });

    it('an address that keeps failing to sign in waits before anything more is checked, even a good token', async () => {
      const r = await start({ failedSignInLimit: { burst: 3, perMinute: 1 }, viewerPassword: 'a viewer password' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(r, makeBatch(makeCounts(1)), `guess-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const good = await send(r, makeBatch(makeCounts(1)));
      expect(good.status).toBe(429);
      expect(Number(good.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await json(good)).error).toBe('rate-limited');
      // The dashboard's password is not open to guessing from that address either.
      const dashboard = await fetch(`${r.url}/`, { headers: { authorization: `Basic ${Buffer.from('x:a viewer password').toString('base64')}` } });
      expect(dashboard.status).toBe(429);
      expect((await r.storage.summary()).batches).toBe(0);
    });

    it('limits requests per token with 429 and Retry-After', async () => {
      const r = await start({ rateLimit: { burst: 3, perMinute: 1 } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await send(r, makeBatch(makeCounts(1)))).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await send(r, makeBatch(makeCounts(1)));
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await json(limited)).error).toBe('rate-limited');
      // Another school's token has its own bucket.
      expect((await send(r, makeBatch(makeCounts(1)), r.tokens[1])).status).toBe(200);
    });

    it('a server error is a 500 without a stack trace, and the batch can be sent again', async () => {
      const r = await start();
      const batch = makeBatch(makeCounts(5));
      const real = r.storage.storeBatch;
      r.storage.storeBatch = async () => {
        throw new Error('disk full at /secret/path.ts:12');
      };
      const failed = await send(r, batch);
      expect(failed.status).toBe(500);
      const text = await failed.text();
      expect(text).not.toMatch(/secret|disk full|\.ts/);
      r.storage.storeBatch = real;
      expect(await json(await send(r, batch))).toEqual({ key: batch.key, status: 'stored' });
      expect((await r.storage.summary()).total).toBe(sum([batch]));
    });

    it('answers /healthz and 404 as JSON', async () => {
      const r = await start();
      expect(await json(await fetch(`${r.url}/healthz`))).toEqual({ status: 'ok' });
      const missing = await fetch(`${r.url}/nope`);
      expect(missing.status).toBe(404);
    });

    it('asks for the viewer password on the dashboard when one is set', async () => {
      const r = await start({ viewerPassword: 'secret' });
      expect((await fetch(`${r.url}/`)).status).toBe(401);
      const auth = { authorization: `Basic ${Buffer.from('ministry:secret').toString('base64')}` };
      expect((await fetch(`${r.url}/export.csv?by=week`, { headers: auth })).status).toBe(200);
    });
  });
});
