import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/collector/server';
import type { Storage } from '../../src/collector/storage';
import { makeBatch, makeCounts } from '../support/collector';
import { openSqlite } from '../../src/collector/sqlite';
import { collectorAddress, postBatch, probeCollector, retryAfterMs, schoolToken, transportOf } from '../../src/core/stats/http';
import { StatsSendError } from '../../src/core/stats/sync';

describe('the collector address an administrator types', () => {
  it('accepts https and normalises the trailing slash', () => {
    expect(collectorAddress(' https://stats.example.kz/ ')).toEqual({ url: 'https://stats.example.kz' });
    expect(collectorAddress('https://example.kz/qorgau/')).toEqual({ url: 'https://example.kz/qorgau' });
    expect(collectorAddress('HTTPS://Stats.Example.KZ:8443')).toEqual({ url: 'https://stats.example.kz:8443' });
  });

  it('allows plain http only on this computer', () => {
    expect(collectorAddress('http://127.0.0.1:8787')).toEqual({ url: 'http://127.0.0.1:8787' });
    expect(collectorAddress('http://localhost:8787/')).toEqual({ url: 'http://localhost:8787' });
    expect(collectorAddress('http://stats.example.kz')).toEqual({ problem: { code: 'stats.url.needsTls' } });
    expect(collectorAddress('http://192.168.1.10:8787')).toEqual({ problem: { code: 'stats.url.needsTls' } });
    expect(collectorAddress('http://localhost.example.kz')).toEqual({ problem: { code: 'stats.url.needsTls' } });
  });

  it('refuses what is not a plain web address', () => {
    for (const bad of ['', 'stats.example.kz', 'ftp://example.kz', 'javascript:alert(1)', 'file:///etc/passwd', 'https://']) {
      expect(collectorAddress(bad)).toEqual({ problem: { code: 'stats.url.invalid' } });
    }
    for (const extra of ['https://user:pw@example.kz', 'https://example.kz/?token=1', 'https://example.kz/#x']) {
      expect(collectorAddress(extra)).toEqual({ problem: { code: 'stats.url.extra' } });
    }
  });

  it('takes a school token exactly as add-token prints it', () => {
    const token = '6wAeJj0E76VDuJ87vks-selM86waStsNYg7zYSyym0A';
    expect(schoolToken(` ${token}\n`)).toEqual({ token });
    expect(schoolToken(token.slice(1))).toEqual({ problem: { code: 'stats.token.format' } });
    expect(schoolToken(token.slice(1) + '=')).toEqual({ problem: { code: 'stats.token.format' } });
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

/** A server that answers every request the same way, for the answers a real collector never gives. */
async function fakeServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('one batch over real HTTP to the real collector', () => {
  let storage: Storage;
  let app: ReturnType<typeof buildServer>;
  let url: string;
  let token: string;

  beforeAll(async () => {
    storage = openSqlite(':memory:');
    await storage.addRegion('ALM', 'Almaty');
    await storage.addSchool('ALM', 'ALM-001', 'School 1');
    token = String(await storage.addToken('ALM-001'));
    app = buildServer({ storage, rateLimit: { perMinute: 60, burst: 3 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = app.listeningOrigin;
  });
  afterAll(async () => {
    await app.close();
    await storage.close();
  });

  it('is stored once: a second send of the same key is a duplicate', async () => {
    const batch = makeBatch(makeCounts(20));
    expect(await postBatch(fetch, url, token, batch)).toEqual({ ok: true, ack: { key: batch.key, status: 'stored' } });
    expect(await postBatch(fetch, url, token, batch)).toEqual({ ok: true, ack: { key: batch.key, status: 'duplicate' } });
    expect(await probeCollector(fetch, url)).toBe(true);
  });

  it('reports an unknown token as the collector’s refusal, which is not worth retrying', async () => {
    const result = await postBatch(fetch, url, 'x'.repeat(43), makeBatch(makeCounts(3)));
    expect(result).toEqual({ ok: false, failure: { kind: 'http', status: 401, reason: 'unauthorized' } });
  });

  it('passes the rate limit’s Retry-After on', async () => {
    let last;
    for (let i = 0; i < 6; i++) last = await postBatch(fetch, url, token, makeBatch(makeCounts(2)));
    expect(last).toMatchObject({ ok: false, failure: { kind: 'http', status: 429, reason: 'rate-limited' } });
    expect(last?.ok === false && last.failure.kind === 'http' && last.failure.retryAfterMs).toBeGreaterThan(0);
  });

  it('says the network failed when nothing listens, and the probe says unreachable', async () => {
    const { url: gone, server } = await fakeServer(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const result = await postBatch(fetch, gone, token, makeBatch(makeCounts(2)));
    expect(result.ok === false && result.failure.kind).toBe('network');
    expect(await probeCollector(fetch, gone)).toBe(false);
  });

  it('gives up on a collector that does not answer in time', async () => {
    const { url: slow, server } = await fakeServer(() => undefined); // reads the request, never answers
    const result = await postBatch(fetch, slow, token, makeBatch(makeCounts(2)), { timeoutMs: 200 });
    expect(result).toEqual({ ok: false, failure: { kind: 'timeout' } });
    server.closeAllConnections();
    server.close();
  });

  it('does not take a 200 that is not an acknowledgement of this key, nor follow a redirect', async () => {
    const { url: odd, server } = await fakeServer((req, res) => {
      if (req.url === '/api/v1/batches') res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome to the hotel Wi-Fi</h1>');
      else res.writeHead(302, { location: 'https://example.kz/' }).end();
    });
    const batch = makeBatch(makeCounts(2));
    expect(await postBatch(fetch, odd, token, batch)).toEqual({ ok: false, failure: { kind: 'bad-ack' } });
    expect(await probeCollector(fetch, odd)).toBe(false);
    server.close();
  });

  it('becomes a transport for the sync: failures are StatsSendErrors with the failure', async () => {
    const transport = transportOf(async () => ({ ok: false, failure: { kind: 'http', status: 500, reason: 'server-error' } }));
    await expect(transport(makeBatch(makeCounts(1)))).rejects.toEqual(new StatsSendError({ kind: 'http', status: 500, reason: 'server-error' }));
    const batch = makeBatch(makeCounts(5));
    await storage.addSchool('ALM', 'ALM-002', 'School 2'); // the first school has used up its rate
    const fresh = String(await storage.addToken('ALM-002'));
    expect(await transportOf((b) => postBatch(fetch, url, fresh, b))(batch)).toEqual({ key: batch.key, status: 'stored' });
  });
});

describe('the collector’s API from a web page', () => {
  it('answers the browser’s preflight and lets the app read its answers, but not the dashboard', async () => {
    const storage = openSqlite(':memory:');
    const app = buildServer({ storage, rateLimit: false });
    try {
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/batches',
        headers: { origin: 'http://localhost:4173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);
      const refused = await app.inject({ method: 'POST', url: '/api/v1/batches', headers: { origin: 'http://localhost:4173' }, payload: {} });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['access-control-allow-origin']).toBe('*');
      expect(String(refused.headers['access-control-expose-headers'])).toMatch(/retry-after/);
      const health = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'http://localhost:4173' } });
      expect(health.headers['access-control-allow-origin']).toBe('*');
      const dashboard = await app.inject({ method: 'GET', url: '/', headers: { origin: 'http://localhost:4173' } });
      expect(dashboard.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
