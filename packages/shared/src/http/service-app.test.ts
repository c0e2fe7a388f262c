import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#errors/app-error.js';
import type { EnvironmentName } from '#env/environment.js';
import { createLogger } from '#logging/logger.js';
import { buildCorsPolicy } from './cors-policy.js';
import { relaxContentSecurityPolicy } from './security-headers.js';
import { createServiceApp } from './service-app.js';

const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function newApp(environment: EnvironmentName = 'development'): FastifyInstance {
  const app = createServiceApp({
    service: 'test',
    version: '0.0.0',
    logger: createLogger({ service: 'test', level: 'silent' }),
    cors: buildCorsPolicy({ environment, origins: ['https://app.example.test'], credentials: true }),
    environment,
  });
  apps.push(app);
  return app;
}

const API_CSP = "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'";

function expectApiHeaders(headers: IncomingHttpHeaders | Record<string, unknown>): void {
  expect(headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': API_CSP,
  });
}

describe('CORS', () => {
  it('allows an allowed origin every method of the REST API in a preflight', async () => {
    const app = newApp();
    for (const method of ['PATCH', 'DELETE', 'PUT', 'POST']) {
      const response = await app.inject({
        method: 'OPTIONS',
        url: '/anything',
        headers: { origin: 'https://app.example.test', 'access-control-request-method': method },
      });
      expect(response.statusCode, method).toBe(204);
      expect(String(response.headers['access-control-allow-methods']).split(/,\s*/), method).toContain(
        method,
      );
    }
  });

  it('lets an allowed origin read the name of a download (Content-Disposition)', async () => {
    const app = newApp();
    app.get('/export', async (_request, reply) =>
      reply.header('content-disposition', 'attachment; filename="usage.csv"').send('a,b\n'),
    );
    const response = await app.inject({
      method: 'GET',
      url: '/export',
      headers: { origin: 'https://app.example.test' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.test');
    expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain(
      'content-disposition',
    );
  });
});

describe('errors', () => {
  it('answer 503 dependency_unavailable with a retry hint when a store cannot be reached, and 500 otherwise', async () => {
    const app = newApp();
    app.get('/unreachable', () => {
      throw new Error('query failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' }),
      });
    });
    app.get('/broken', () => {
      throw new TypeError('a bug');
    });
    const unreachable = await app.inject({ method: 'GET', url: '/unreachable' });
    expect(unreachable.statusCode).toBe(503);
    expect(unreachable.headers['retry-after']).toBe('5');
    expect(unreachable.json()).toMatchObject({
      error: {
        code: 'dependency_unavailable',
        message: expect.stringMatching(/cannot be reached/) as unknown,
      },
    });
    const broken = await app.inject({ method: 'GET', url: '/broken' });
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toMatchObject({ error: { code: 'internal_error' } });
    expect(broken.headers['retry-after']).toBeUndefined();
  });
});

describe('security headers', () => {
  it('are on every answer of the API: a success, an error and an unknown route', async () => {
    const app = newApp();
    app.get('/ok', () => ({ ok: true }));
    app.get('/fails', () => {
      throw new AppError(409, 'conflict', 'no');
    });
    for (const [url, status] of [
      ['/ok', 200],
      ['/fails', 409],
      ['/nowhere', 404],
      ['/health', 200],
    ] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      expectApiHeaders(response.headers);
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('include HSTS only where the service is deployed', async () => {
    for (const environment of ['staging', 'production'] as const) {
      const response = await newApp(environment).inject({ url: '/health' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
    for (const environment of ['development', 'test'] as const) {
      const response = await newApp(environment).inject({ url: '/health' });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('can relax the CSP for one route prefix, leaving the rest of the API and the other headers alone', async () => {
    const app = newApp();
    relaxContentSecurityPolicy(app, '/docs', { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] });
    for (const url of ['/docs', '/docs/static/index.js', '/docsearch', '/api']) {
      app.get(url, () => 'x');
    }
    for (const url of ['/docs', '/docs/static/index.js']) {
      const response = await app.inject({ url });
      expect(response.headers['content-security-policy'], url).toBe(
        "default-src 'self';img-src 'self' data:",
      );
      expect(response.headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
      });
    }
    for (const url of ['/docsearch', '/api']) {
      expectApiHeaders((await app.inject({ url })).headers);
    }
  });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection; rejects if the connection fails before a whole answer arrived. */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? String(error));
    });
  });
}

/** A gate a test opens when it wants: `opened` resolves once `open()` was called. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * An app listening with a `/slow` route held open by the test, a close() the test can hold after the
 * drain began and before the listener closes, and the order in which answers were finished.
 */
async function drainingApp() {
  const app = newApp();
  const gates = { slowStarted: gate(), slowRelease: gate(), closing: gate(), listenerMayClose: gate() };
  app.get('/slow', async () => {
    gates.slowStarted.open();
    await gates.slowRelease.opened;
    return { done: true };
  });
  app.addHook('preClose', async () => {
    gates.closing.open();
    await gates.listenerMayClose.opened;
  });
  const served: string[] = [];
  app.addHook('onResponse', (request, _reply, done) => {
    served.push(request.url);
    done();
  });
  const port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  return { app, gates, served, port };
}

function expectShuttingDown(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(JSON.parse(answer.body)).toEqual({
    error: {
      code: 'shutting_down',
      message: 'The service is shutting down; send the request again',
      details: { retry_after_s: 1 },
    },
  });
  expect(answer.headers).toMatchObject({ connection: 'close', 'retry-after': '1' });
  expectApiHeaders(answer.headers);
}

describe('draining at close', () => {
  it('answers requests in flight, refuses new work with 503 shutting_down, then stops listening', async () => {
    const { app, gates, served, port } = await drainingApp();
    const inFlight = get(port, '/slow');
    await gates.slowStarted.opened;
    const closed = app.close();
    await gates.closing.opened;
    expectShuttingDown(await get(port, '/health'));

    gates.listenerMayClose.open();
    while (app.server.listening) {
      await nextTurn();
    }
    expect(await connectError(port)).toBe('ECONNREFUSED');

    gates.slowRelease.open();
    await closed;
    // close() resolved only once the request in flight had been answered in full.
    expect(served).toEqual(['/health', '/slow']);
    expect(await inFlight).toMatchObject({
      status: 200,
      body: '{"done":true}',
      headers: { connection: 'close' },
    });
  });
});
