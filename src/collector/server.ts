import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BATCH_LIMITS } from '../core/stats/schema';
import { toCsv } from './csv';
import { CSP, renderDashboard, renderUploadResult } from './dashboard';
import { ingestBatch, ingestFile, parseJson, Refusal } from './ingest';
import { parseMultipart } from './multipart';
import { DEFAULT_RATE_LIMIT, FAILED_SIGN_IN_LIMIT, type RateLimit, RateLimiter } from './rate-limit';
import { GROUPINGS, type GroupBy, hashToken, type School, type Storage, totals } from './storage';

export interface ServerOptions {
  storage: Storage;
  /** Failed sign-ins per address (tests set a small one). */
  failedSignInLimit?: RateLimit;
  /** Requests per token; `false` turns the limit off. */
  rateLimit?: RateLimit | false;
  /** Largest batch body in bytes (BATCH_LIMITS.bytes). */
  bodyLimit?: number;
  /** Largest statistics file in bytes, by API or upload form. */
  fileLimit?: number;
  /** When set, the dashboard and the CSV export ask for it (HTTP Basic, any user name). */
  viewerPassword?: string;
  /** Fastify's logger; the command line logs warnings and errors only, so no school's address is written per request. */
  logger?: boolean | { level: string };
}

const DEFAULT_FILE_LIMIT = 64 * 1024 * 1024;

/** The collector's HTTP server; call `.listen()` on it, or `.inject()` in tests. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { storage } = options;
  const bodyLimit = options.bodyLimit ?? BATCH_LIMITS.bytes;
  const fileLimit = options.fileLimit ?? DEFAULT_FILE_LIMIT;
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  // Requests that fail to sign in, per address: after too many, the address waits before anything is checked.
  const failures = options.rateLimit === false ? undefined : new RateLimiter(options.failedSignInLimit ?? FAILED_SIGN_IN_LIMIT);
  const refuseGuessing = (request: FastifyRequest, reply: FastifyReply) => {
    const wait = failures?.waitFor(request.ip) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new Refusal(429, 'rate-limited', `Too many failed sign-ins from this address; try again in ${wait} s`);
    }
  };
  const schools = new WeakMap<FastifyRequest, School>();
  const app = Fastify({ logger: options.logger ?? false, bodyLimit, requestTimeout: 120_000, return503OnClosing: true });

  // JSON only: anything else is 415.
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof Refusal) return reply.code(error.status).send(error.body());
    const status = error.statusCode ?? 500;
    if (status === 413) {
      const limit = request.url.startsWith('/api/v1/batches') ? bodyLimit : fileLimit;
      return reply.code(413).send({ error: 'too-large', message: `The body is larger than ${limit} bytes` });
    }
    if (status === 415) return reply.code(415).send({ error: 'unsupported-media-type', message: 'Send the body as application/json' });
    if (status >= 400 && status < 500) {
      const malformed = error.code?.startsWith('FST_ERR_CTP') ?? false;
      return reply.code(status).send({ error: malformed ? 'malformed-json' : 'bad-request', message: malformed ? 'The body is not valid JSON' : error.message });
    }
    // Never a stack trace: the school's app keeps the batch and sends it again later.
    request.log.error(error);
    return reply.code(500).send({ error: 'server-error', message: 'The collector could not store this now; send it again later' });
  });

  // The API authenticates with a Bearer token, never with cookies, so any page may call it: the browser
  // version of the app is a web page. The dashboard, the CSV export and the upload form are not part of it.
  const API = new Set(['/healthz', '/api/v1/batches', '/api/v1/files']);
  app.addHook('onRequest', async (request, reply) => {
    if (!API.has(request.url.split('?')[0] ?? '')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'retry-after');
  });
  for (const path of API) {
    app.options(path, async (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '86400')
        .send(),
    );
  }

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not-found', message: 'No such page' }));

  /** The school of a token, after its rate limit; throws a Refusal. */
  async function authenticate(token: string | undefined, request: FastifyRequest, reply: FastifyReply): Promise<School> {
    refuseGuessing(request, reply);
    const school = token ? await storage.schoolForToken(hashToken(token)) : undefined;
    if (!school) {
      failures?.take(request.ip);
      reply.header('www-authenticate', 'Bearer');
      throw new Refusal(401, 'unauthorized', token ? 'Unknown or revoked school token' : 'Send the school token: Authorization: Bearer <token>');
    }
    const wait = limiter?.take(String(school.id)) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new Refusal(429, 'rate-limited', `Too many requests for this school; try again in ${wait} s`);
    }
    return school;
  }

  const bearer = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    schools.set(request, await authenticate(token, request, reply));
  };

  const viewer = async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.viewerPassword === undefined) return;
    refuseGuessing(request, reply);
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    const a = Buffer.from(hashToken(password));
    const b = Buffer.from(hashToken(options.viewerPassword));
    if (!timingSafeEqual(a, b)) {
      failures?.take(request.ip);
      reply.header('www-authenticate', 'Basic realm="Qorgau collector", charset="UTF-8"');
      return reply.code(401).type('text/plain; charset=utf-8').send('The dashboard needs its password');
    }
  };

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.post('/api/v1/batches', { onRequest: bearer }, async (request) => ingestBatch(storage, schools.get(request)!, request.body));

  app.post('/api/v1/files', { onRequest: bearer, bodyLimit: fileLimit }, async (request) =>
    ingestFile(storage, schools.get(request)!, request.body),
  );

  app.get('/', { onRequest: viewer }, async (_request, reply) => {
    const views = Object.fromEntries(await Promise.all(GROUPINGS.map(async (by) => [by, await totals(storage, by)] as const)));
    return reply.type('text/html; charset=utf-8').send(renderDashboard(await storage.summary(), views as Record<GroupBy, never[]>));
  });

  app.get<{ Querystring: { by?: string } }>('/export.csv', { onRequest: viewer }, async (request, reply) => {
    const by = request.query.by ?? 'school';
    if (!(GROUPINGS as readonly string[]).includes(by)) {
      throw new Refusal(400, 'bad-request', `by must be one of ${GROUPINGS.join(', ')}`, 'by');
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="qorgau-statistics-by-${by}.csv"`)
      .send(toCsv(by as GroupBy, await totals(storage, by as GroupBy)));
  });

  // The upload form: multipart only in this scope, so the API stays JSON-only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: fileLimit }, (_request, body, done) => done(null, body));
    scope.post('/upload', async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      try {
        const fields = Buffer.isBuffer(request.body) ? parseMultipart(request.body, request.headers['content-type'] ?? '') : new Map<string, string>();
        const school = await authenticate(fields.get('token')?.trim(), request, reply);
        const file = fields.get('file');
        if (!file) throw new Refusal(400, 'no-file', 'Choose a statistics file');
        return await ingestFile(storage, school, parseJson(file)).then((result) => renderUploadResult(result));
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return reply.code(e.status).send(renderUploadResult(e.body()));
      }
    });
  });

  return app;
}
