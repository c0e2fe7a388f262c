/**
 * A client that goes away mid-export releases it: over a real socket, a CSV export of 30,000
 * events (several pages) is dropped after its first bytes; the export is then closed and asks
 * ClickHouse for no page beyond the few already read ahead.
 * @module
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { exportEvent } from './export-fixtures.js';

const EVENTS = 30_000;
const PER_REQUEST = 10_000;
/** The service's page size (its default): the export needs EVENTS / PAGE + 1 queries to finish. */
const PAGE = 5_000;

let auth: AuthServiceFixture;
let test: BackendTestApp;
let owner: TestUser;
let orgId = '';
let baseUrl = '';

async function clickhouseReads(): Promise<number> {
  const text = await test.backend.metrics.registry.metrics();
  const lines = text
    .split('\n')
    .filter((line) => line.startsWith('netra_store_call_duration_seconds_count{'))
    .filter((line) => line.includes('store="clickhouse"') && line.includes('operation="query_rows"'));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  owner = await auth.register('export-disconnect');
  const me = await test.app.inject({
    method: 'GET',
    url: '/api/v1/me',
    headers: { authorization: `Bearer ${owner.token}` },
  });
  orgId = me.json<{ organizations: { id: string }[] }>().organizations[0]?.id ?? '';
  const { key } = await test.backend.services.apiKeys.create(orgId, 'disconnect test');
  for (let start = 0; start < EVENTS; start += PER_REQUEST) {
    const events = Array.from({ length: PER_REQUEST }, (_, offset) => exportEvent(start + offset));
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers: { authorization: `Bearer ${key}` },
      payload: { events },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  // Optional: a failed start must not hide its own error behind this one.
  await (test as BackendTestApp | undefined)?.close();
  await (auth as AuthServiceFixture | undefined)?.stop();
});

/** Starts the export, reads its first chunk, then drops the connection. */
function readFirstChunkAndLeave(): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = `${baseUrl}/api/v1/orgs/${orgId}/usage/export?from=2025-03-01&to=2025-03-04&format=csv`;
    const request = httpRequest(url, { headers: { authorization: `Bearer ${owner.token}` } }, (response) => {
      response.once('data', (chunk: Buffer) => {
        request.destroy();
        resolve(chunk.toString('utf8'));
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) {
        reject(error);
      }
    });
    request.end();
  });
}

async function untilClosed(): Promise<void> {
  for (let attempt = 0; attempt < 200 && test.backend.services.usageExport.openExports > 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('closes the export and stops querying when the client disconnects', async () => {
  expect(await test.backend.usage.countEvents(orgId)).toBe(EVENTS);
  const before = await clickhouseReads();
  const first = await readFirstChunkAndLeave();
  expect(first.startsWith('event_id,timestamp,')).toBe(true);
  await untilClosed();
  expect(test.backend.services.usageExport.openExports).toBe(0);
  // Let anything still scheduled run: a leaked export would keep reading pages.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const pagesRead = (await clickhouseReads()) - before;
  expect(pagesRead).toBeGreaterThan(0);
  expect(pagesRead).toBeLessThan(EVENTS / PAGE + 1);
});
