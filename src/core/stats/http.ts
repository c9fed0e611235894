import { problem, type Problem } from '../base/problems';
import type { SendFailure } from './outbox';
import { ackSchema, type StatsAck, type StatsBatch } from './schema';
import { StatsSendError, type Transport } from './sync';

/**
 * The statistics over HTTP (docs/usage-statistics.md#api): the collector's
 * address and the school's token as the administrator types them, and one
 * batch sent to `POST /api/v1/batches`. `fetch` is injected: Electron's
 * `net.fetch` in the desktop app's main process, the page's `fetch` in the
 * browser shell, Node's in the tests. Results are plain data so they can
 * cross the IPC bridge.
 */

const BATCHES_PATH = '/api/v1/batches';
const HEALTH_PATH = '/healthz';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The loopback names a page's Content-Security-Policy can allow (CSP has no syntax for [::1]). */
const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/** A collector on this very computer: the only place plain http is allowed. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname.toLowerCase());
}

/**
 * The collector's address, normalised (no trailing slash), or the problem
 * with it: https is required except for a collector on this computer; no
 * user name, password, query or fragment.
 */
export function collectorAddress(input: string): { url: string } | { problem: Problem } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: problem('stats.url.invalid') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: problem('stats.url.invalid') };
  if (url.protocol === 'http:' && !isLoopback(url)) return { problem: problem('stats.url.needsTls') };
  if (url.username || url.password || url.search || url.hash) return { problem: problem('stats.url.extra') };
  return { url: url.origin + url.pathname.replace(/\/+$/, '') };
}

/** A school token as `add-token` prints it: 32 random bytes in base64url, 43 characters. */
export function schoolToken(input: string): { token: string } | { problem: Problem } {
  const token = input.trim();
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? { token } : { problem: problem('stats.token.format') };
}

export type SendResult = { ok: true; ack: StatsAck } | { ok: false; failure: SendFailure };

/** Seconds or an HTTP date, as Retry-After says; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends one batch and says what happened. Never throws: a network failure
 * (the collector is down, the cable is out, TLS fails) and a timeout are
 * failures like an HTTP error.
 */
export async function postBatch(
  fetchFn: Fetch,
  collectorUrl: string,
  token: string,
  batch: StatsBatch,
  options: { timeoutMs?: number; signal?: AbortSignal; now?: () => number } = {},
): Promise<SendResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(collectorUrl + BATCHES_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(batch),
      signal,
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) return { ok: false, failure: { kind: 'timeout' } };
    return { ok: false, failure: { kind: 'network', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!response.ok) {
    let reason: string | undefined;
    try {
      const body = JSON.parse(text) as { error?: unknown };
      if (typeof body.error === 'string') reason = body.error.slice(0, 64);
    } catch {
      // not JSON: a proxy's error page
    }
    const wait = retryAfterMs(response.headers.get('retry-after'), (options.now ?? Date.now)());
    return { ok: false, failure: { kind: 'http', status: response.status, ...(reason ? { reason } : {}), ...(wait !== undefined ? { retryAfterMs: wait } : {}) } };
  }
  try {
    const ack = ackSchema.safeParse(JSON.parse(text));
    return ack.success ? { ok: true, ack: ack.data } : { ok: false, failure: { kind: 'bad-ack' } };
  } catch {
    return { ok: false, failure: { kind: 'bad-ack' } };
  }
}

/** Whether the collector answers at all: a small GET of its health check. */
export async function probeCollector(fetchFn: Fetch, collectorUrl: string, timeoutMs = 10_000): Promise<boolean> {
  try {
    const response = await fetchFn(collectorUrl + HEALTH_PATH, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** A Transport for StatsSync from a function that sends one batch and reports (postBatch, or the same over IPC). */
export function transportOf(send: (batch: StatsBatch, signal?: AbortSignal) => Promise<SendResult>): Transport {
  return async (batch, signal) => {
    const result = await send(batch, signal);
    if (result.ok) return result.ack;
    throw new StatsSendError(result.failure);
  };
}
