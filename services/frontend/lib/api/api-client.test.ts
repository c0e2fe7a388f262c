/**
 * Unit tests of the API client against a real local HTTP server: the backend's error model becomes
 * ApiError with status, code, message and field; answers that are not the model, no answer at all,
 * and success bodies that miss their schema get the client's own codes; a 401 costs one refresh and
 * one retry with the new token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { shouldRetryQuery } from './query-client';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seenAuthorization: (string | undefined)[] = [];
let server: Server;
let baseUrl: string;

function json(status: number, body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seenAuthorization.push(request.headers.authorization);
    const handler =
      routes.get(request.url ?? '') ?? json(404, { error: { code: 'not_found', message: 'No' } });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('ApiError mapping', () => {
  it('carries the error model of the answer: status, code, message and field', async () => {
    routes.set(
      '/prefix/orgs',
      json(400, { error: { code: 'validation_failed', message: 'name: too short', field: 'name' } }),
    );
    const error = await failure(createApiClient({ baseUrl }).request('/orgs', { body: { name: '' } }));
    expect({ status: error.status, code: error.code, message: error.message, field: error.field }).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'name: too short',
      field: 'name',
    });
    expect(error.isRetryable).toBe(false);
  });

  it('names an answer that is not the error model unexpected_response, keeping its status', async () => {
    routes.set('/prefix/html', (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    });
    const error = await failure(createApiClient({ baseUrl }).request('/html'));
    expect([error.status, error.code, error.isRetryable]).toEqual([
      502,
      CLIENT_ERROR_CODES.unexpectedResponse,
      true,
    ]);
  });

  it('names no answer at all network_error with status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    const error = await failure(createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).request('/x'));
    expect([error.status, error.code, error.isRetryable]).toEqual([0, CLIENT_ERROR_CODES.network, true]);
  });

  it('parses a success with its schema and refuses one that does not match', async () => {
    routes.set('/prefix/thing?limit=2', json(200, { id: 'a', count: 2, extra: true }));
    routes.set('/prefix/bad', json(200, { id: 7 }));
    const schema = z.object({ id: z.string(), count: z.number() });
    const client = createApiClient({ baseUrl });
    await expect(
      client.request('/thing', { schema, query: { limit: 2, cursor: undefined } }),
    ).resolves.toEqual({
      id: 'a',
      count: 2,
    });
    expect((await failure(client.request('/bad', { schema }))).code).toBe(CLIENT_ERROR_CODES.invalidResponse);
  });
});

describe('bearer token and 401', () => {
  it('refreshes once on a 401 and retries with the new token', async () => {
    routes.set('/prefix/me', (request, response) => {
      const fresh = request.headers.authorization === 'Bearer fresh';
      json(
        fresh ? 200 : 401,
        fresh ? { ok: true } : { error: { code: 'token_expired', message: 'expired' } },
      )(request, response);
    });
    let refreshes = 0;
    const client = createApiClient({
      baseUrl,
      getAccessToken: () => 'stale',
      onUnauthorized: () => {
        refreshes += 1;
        return Promise.resolve('fresh');
      },
    });
    seenAuthorization.length = 0;
    await expect(client.request('/me', { schema: z.object({ ok: z.boolean() }) })).resolves.toEqual({
      ok: true,
    });
    expect(refreshes).toBe(1);
    expect(seenAuthorization).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('gives up with the 401 when no fresh token comes', async () => {
    const client = createApiClient({
      baseUrl,
      getAccessToken: () => 'stale',
      onUnauthorized: () => Promise.resolve(null),
    });
    const error = await failure(client.request('/me'));
    expect([error.status, error.code, error.isUnauthorized]).toEqual([401, 'token_expired', true]);
  });
});

describe('query retries', () => {
  it('retries once after no answer or a 5xx, never after a 4xx', () => {
    const answer = (status: number) => new ApiError({ status, code: 'x', message: 'x' });
    expect(shouldRetryQuery(0, answer(0))).toBe(true);
    expect(shouldRetryQuery(0, answer(503))).toBe(true);
    expect(shouldRetryQuery(1, answer(503))).toBe(false);
    expect(shouldRetryQuery(0, answer(404))).toBe(false);
  });
});
