import { MemoryOutboxStore } from '../support/memory-outbox';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/collector/server';
import { isoWeek, totals } from '../../src/collector/storage';
import { backends } from '../support/collector';
import { randomId } from '../../src/core/base/bytes';
import { seededRandom } from '../../src/core/base/random';
import { tally, type RawCount, type UsageEvent } from '../../src/core/stats/events';
import { newBatches, type OutboxRecord } from '../../src/core/stats/outbox';
import { postBatch, transportOf } from '../../src/core/stats/http';
import { MIN_COUNT } from '../../src/core/stats/schema';
import { suppress } from '../../src/core/stats/suppress';
import { StatsSync, type OutboxStore, type Transport } from '../../src/core/stats/sync';

/**
 * Fault injection over real HTTP on loopback: the app's StatsSync, with a
 * fetch transport, sends to the real collector (buildServer) through a small
 * proxy that, request by request and from a seed, passes the request through,
 * resets the connection, takes the whole server down for a moment, is slower
 * than the app's timeout, answers 500 (or 502 after the collector stored the
 * batch), answers 429 with Retry-After, closes the connection after the
 * collector stored the batch, or delivers it twice. The app crashes now and
 * then (its in-flight requests die with it). At the end every batch is sent
 * and the collector's totals equal the outbox's exactly.
 *
 * Time: the HTTP traffic and the send timeout are real (the sync's `sleep` is
 * only its send timeout); the back-off is on a fake clock (`now`), which the
 * test moves to the sync's next wake-up at once, so no one waits minutes.
 */

const title = process.env.DATABASE_URL
  ? 'statistics sync → collector over real HTTP with injected faults (SQLite and PostgreSQL)'
  : 'statistics sync → collector over real HTTP with injected faults (SQLite only: set DATABASE_URL to also run PostgreSQL)';

const START = Date.UTC(2025, 2, 3, 8);
const DAY = 86_400_000;
/** The app's send timeout (real milliseconds): the slow fault is always longer. */
const TIMEOUT_MS = 100;
const TARGET_ATTEMPTS = 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const FAULTS = [
  ['pass', 0.42],
  ['reset', 0.07], // the socket destroyed at once, nothing forwarded
  ['down', 0.04], // the proxy stops listening (and drops every connection) for a moment: connection refused
  ['slow', 0.05], // forwarded only after the app's timeout: stored, but the app gave up
  ['500', 0.1], // answered 500 without forwarding
  ['stored-then-502', 0.04], // forwarded and stored, then answered 502
  ['closed-after-read', 0.1], // forwarded and stored, then the socket destroyed without an answer
  ['429', 0.04], // answered 429 with Retry-After, without forwarding
  ['duplicate', 0.14], // forwarded twice (one after the other, or at once), answered with the second answer
] as const;
type Fault = (typeof FAULTS)[number][0];

function pickFault(r: number): Fault {
  let acc = 0;
  for (const [kind, p] of FAULTS) if (r < (acc += p)) return kind;
  return 'pass';
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client went away')));
  });
}

/** An HTTP proxy on loopback in front of the collector that misbehaves, from a seed. */
class FaultProxy {
  readonly kinds = Object.fromEntries(FAULTS.map(([k]) => [k, 0])) as Record<Fault, number>;
  /** POST /api/v1/batches requests that reached the proxy. */
  attempts = 0;
  /** Requests the collector received from the proxy (a duplicate is two). */
  forwarded = 0;
  private readonly server: Server;
  private readonly random: () => number;
  private readonly work = new Set<Promise<void>>();
  private port = 0;
  private downs = 0;

  constructor(
    private readonly upstream: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.server = createServer((req, res) => {
      const job = this.serve(req, res).catch(() => undefined);
      this.work.add(job);
      void job.finally(() => this.work.delete(job));
    });
    this.server.on('connection', (socket) => socket.on('error', () => undefined));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await this.idle();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Resolves when nothing the proxy started is still going: every forward that will reach the collector has. */
  async idle(): Promise<void> {
    while (this.work.size) await Promise.allSettled([...this.work]);
  }

  private async forward(req: IncomingMessage, body: string): Promise<Answer> {
    this.forwarded += 1;
    const res = await fetch(`${this.upstream}${req.url ?? '/'}`, {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '', authorization: req.headers.authorization ?? '' },
      body,
    });
    const headers: Record<string, string> = { 'content-type': res.headers.get('content-type') ?? 'application/json' };
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    return this.check({ status: res.status, headers, body: await res.text() });
  }

  /** The collector answered something other than an acknowledgement: it should never, here. */
  readonly unexpected: string[] = [];
  private check(answer: Answer): Answer {
    if (answer.status !== 200) this.unexpected.push(`${answer.status} ${answer.body}`);
    return answer;
  }

  private reply(res: ServerResponse, answer: Answer): void {
    if (res.socket?.destroyed ?? true) return; // the app gave up (timeout) or crashed: nobody to answer
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  /** Closes the listening socket and every connection, and listens again on the same port a moment later. */
  private async goDown(): Promise<void> {
    if (!this.server.listening) return;
    this.downs += 1;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await realSleep(10 + Math.floor(this.random() * 40));
    await this.listen();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    this.attempts += 1;
    const kind = pickFault(this.random());
    this.kinds[kind] += 1;
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (kind === 'down') {
      await this.goDown();
      return;
    }
    const body = await readBody(req);
    switch (kind) {
      case 'slow':
        await realSleep(TIMEOUT_MS + 30 + Math.floor(this.random() * 70));
        return this.reply(res, await this.forward(req, body));
      case '500':
        return this.reply(res, { status: 500, headers: { 'content-type': 'application/json' }, body: '{"error":"server-error","message":"injected"}' });
      case '429':
        return this.reply(res, {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(1 + Math.floor(this.random() * 120)) },
          body: '{"error":"rate-limited","message":"injected"}',
        });
      case 'stored-then-502': {
        await this.forward(req, body);
        return this.reply(res, { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' });
      }
      case 'closed-after-read': {
        await this.forward(req, body);
        req.socket.destroy();
        return;
      }
      case 'duplicate': {
        const together = this.random() < 0.5;
        const second = together ? (await Promise.all([this.forward(req, body), this.forward(req, body)]))[1] : (await this.forward(req, body), await this.forward(req, body));
        return this.reply(res, second);
      }
      default:
        return this.reply(res, await this.forward(req, body));
    }
  }
}

/** The app's own transport (core's postBatch, as the desktop app's main process uses it), with Node's fetch; in-flight requests die with the app. */
function httpTransport(url: string, token: string, pc: AppProcess): Transport {
  return transportOf((batch, signal) => postBatch(fetch, url, token, batch, { timeoutMs: TIMEOUT_MS + 100, signal: signal ? AbortSignal.any([pc.signal, signal]) : pc.signal }));
}

/** The app: an outbox store that dies with it, and the connections it has open. */
class AppProcess implements OutboxStore {
  private readonly abort = new AbortController();
  dead = false;
  constructor(private readonly disk: MemoryOutboxStore) {}
  get signal(): AbortSignal {
    return this.abort.signal;
  }
  kill(): void {
    this.dead = true;
    this.abort.abort(new Error('the PC was switched off'));
  }
  load() {
    return this.dead ? Promise.reject(new Error('process gone')) : this.disk.load();
  }
  save(records: readonly OutboxRecord[]) {
    return this.dead ? Promise.reject(new Error('process gone')) : this.disk.save(records);
  }
}

function randomEvents(random: () => number, day: string, n: number): UsageEvent[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: n }, (): UsageEvent => {
    const base = { day, packId: pick(['safety-basics', 'privacy']), packVersion: pick(['1.0.0', '1.1.0']), item: pick(['a', 'b', 'c', 'd', 'e', 'f']), lang: pick(['kk', 'ru', 'en'] as const) };
    const kind = pick(['lesson.opened', 'lesson.completed', 'worksheet.printed', 'scenario.played', 'quiz.attempt'] as const);
    if (kind === 'scenario.played') {
      const outcome = pick(['safe', 'risky', 'harmful', undefined] as const);
      return outcome ? { ...base, kind, outcome } : { ...base, kind };
    }
    if (kind === 'quiz.attempt') return { ...base, kind, band: pick(['0-49', '50-79', '80-100'] as const) };
    return { ...base, kind };
  });
}

/** Sums counts by a key, sorted by key. */
function sumBy(rows: readonly RawCount[], key: (r: RawCount) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
const asMap = (rows: { group: string[]; metric: string; count: number }[]) =>
  new Map(rows.map((r) => [[...r.group, r.metric].join(' | '), r.count] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

describe(title, () => {
  describe.each(backends())('$name', ({ open }) => {
    it.each([1, 2])(
      'seed %i: ≥ 1,000 sends through a faulty proxy; every batch ends sent and the collector’s totals equal the outbox’s exactly',
      async (seed) => {
        const storage = await open();
        await storage.addRegion('ALM', 'Almaty');
        await storage.addSchool('ALM', 'ALM-001', 'School 1');
        const token = await storage.addToken('ALM-001');
        // No rate limit: the test sends a year's worth of retries in seconds (429 is injected by the proxy instead).
        const app = buildServer({ storage, rateLimit: false });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const proxy = new FaultProxy(app.listeningOrigin, seed * 7919);
        await proxy.listen();

        const drive = seededRandom(seed * 104_729);
        const keyBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(drive() * 256));
        const meta = { install: randomId(keyBytes), appVersion: '0.1.0', uiLanguage: 'kk' } as const;
        const disk = new MemoryOutboxStore();
        let t = START;
        const zombies: Promise<unknown>[] = [];
        let calls = 0;

        const probe = async () => {
          try {
            return (await fetch(`${proxy.url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) })).ok;
          } catch {
            return false;
          }
        };
        const start = (pc: AppProcess) => {
          const send = httpTransport(proxy.url, token, pc);
          return new StatsSync({
            store: pc,
            transport: (batch, signal) => ((calls += 1), send(batch, signal)),
            probe,
            now: () => t,
            random: seededRandom(seed * 31 + zombies.length),
            // Only the send timeout sleeps: real, since the HTTP is real. Back-off is `now` + nextWakeAt, on the fake clock.
            sleep: realSleep,
            timeoutMs: TIMEOUT_MS,
            parallel: 2,
          });
        };

        try {
          let pc = new AppProcess(disk);
          let sync = start(pc);
          const events: UsageEvent[] = [];
          let carried: RawCount[] = [];
          let made = 0;
          let nextDay = START;
          let crashes = 0;
          let done = false;

          for (let round = 0; round < 20_000; round++) {
            // Once a simulated day, while the target is not reached, the app aggregates a day into new batches.
            if (proxy.attempts < TARGET_ATTEMPTS && t >= nextDay) {
              const day = new Date(nextDay).toISOString().slice(0, 10);
              const todays = randomEvents(drive, day, 80 + Math.floor(drive() * 160));
              events.push(...todays);
              const out = suppress(tally(todays), carried);
              carried = out.held;
              const records = newBatches(out.send, meta, t, { maxCounts: 1 + Math.floor(drive() * 4), newKey: () => randomId(keyBytes) });
              await disk.save(records);
              made += records.length;
              nextDay += DAY;
            }
            const all = await disk.load();
            if (proxy.attempts >= TARGET_ATTEMPTS && all.every((r) => r.state === 'sent')) {
              done = true;
              break;
            }
            const r = drive();
            if (r < 0.03) {
              // The PC is switched off mid-send: its open connections die, whatever the proxy already read goes on.
              const run = sync.runOnce();
              zombies.push(run.catch(() => undefined));
              await realSleep(Math.floor(drive() * 20));
              pc.kill();
              pc = new AppProcess(disk);
              sync = start(pc);
              crashes += 1;
              continue;
            }
            if (r < 0.06) sync.online();
            else if (r < 0.08) sync.offline();
            await sync.runOnce();
            const wake = sync.nextWakeAt();
            // Nothing pending: the app sleeps until the next day brings counts.
            t = Math.max(t, wake ?? nextDay);
          }
          await Promise.all(zombies);
          await proxy.idle();

          const records = await disk.load();
          const kinds = { ...proxy.kinds };
          if (process.env.STATS_FAULTS_VERBOSE) {
            console.info(`[${storage.kind} seed ${seed}] batches ${made}, sends ${calls}, at the proxy ${proxy.attempts}, to the collector ${proxy.forwarded}, crashes ${crashes}`, kinds);
          }
          expect(done, `not finished: ${records.filter((x) => x.state !== 'sent').length} batches unsent`).toBe(true);
          expect(proxy.attempts).toBeGreaterThanOrEqual(TARGET_ATTEMPTS);
          expect(proxy.unexpected).toEqual([]);
          expect(records).toHaveLength(made);
          expect(records.filter((x) => x.state !== 'sent')).toEqual([]);
          expect(crashes).toBeGreaterThan(0);
          for (const [kind] of FAULTS) expect(kinds[kind], kind).toBeGreaterThan(0);
          // Some batches were stored by one send and acknowledged to another (or to nobody, before a crash).
          expect(records.filter((x) => x.delivered === 'duplicate').length).toBeGreaterThan(0);

          // What the outbox sent, summed per collector cell, equals what the collector holds, cell by cell.
          const sent = records.flatMap((x) => x.batch.counts);
          const summary = await storage.summary();
          expect(summary.batches).toBe(made); // every key stored exactly once
          expect(summary.total).toBe(sent.reduce((n, c) => n + c.count, 0));
          expect(asMap(await storage.sums('day'))).toEqual(sumBy(sent, (c) => `${c.day} | ${c.metric}`));
          expect(asMap(await storage.sums('item'))).toEqual(sumBy(sent, (c) => `${c.packId} | ${c.item} | ${c.metric}`));
          expect(asMap(await storage.sums('school'))).toEqual(sumBy(sent, (c) => `ALM | ALM-001 | School 1 | ${c.metric}`));
          expect(asMap(await totals(storage, 'week'))).toEqual(sumBy(sent, (c) => `${isoWeek(c.day)} | ${c.metric}`));
          // And by the CSV export, straight from the collector.
          const csv = await (await fetch(`${app.listeningOrigin}/export.csv?by=item`)).text();
          const fromCsv = new Map(
            csv
              .trimEnd()
              .split('\r\n')
              .slice(1)
              .map((line) => {
                const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
                return [cells.slice(0, -1).join(' | '), Number(cells.at(-1))] as const;
              }),
          );
          expect(new Map([...fromCsv].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(sumBy(sent, (c) => `${c.packId} | ${c.item} | ${c.metric}`));

          // What the collector holds plus what is still held back on the PC is what the PC tallied.
          const TOTAL_KEY = (c: RawCount) => [c.packId, c.packVersion, c.lang, c.metric].join(' ');
          expect(sumBy([...sent, ...carried], TOTAL_KEY)).toEqual(sumBy(tally(events), TOTAL_KEY));
          for (const c of sent) expect(c.count).toBeGreaterThanOrEqual(MIN_COUNT);
        } finally {
          await Promise.allSettled(zombies);
          await proxy.close();
          await app.close();
          await storage.close();
        }
      },
      120_000,
    );
  });
});
