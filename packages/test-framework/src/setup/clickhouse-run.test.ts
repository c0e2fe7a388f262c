import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseStatement, createClickhouseRun, withClickhouseDatabase } from './clickhouse-run.js';

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

// A stand-in for the ClickHouse HTTP interface (an external server this machine does not run).
let server: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ body, headers: request.headers });
      const refused = body.includes('FAIL');
      response.writeHead(refused ? 500 : 200).end(refused ? 'Code: 62. Syntax error' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('ClickHouse per-run database', () => {
  it('creates the run database, points the URL at it, and drops it with its analysis scratch database', async () => {
    received.length = 0;
    const run = await createClickhouseRun(`${base}/default`, 'abc123');
    expect(run.database).toBe('netra_test_abc123');
    expect(run.url).toBe(`${base}/netra_test_abc123`);
    await run.drop();
    expect(received.map((request) => request.body)).toEqual([
      'CREATE DATABASE IF NOT EXISTS netra_test_abc123',
      'DROP DATABASE IF EXISTS netra_test_abc123 SYNC',
      'DROP DATABASE IF EXISTS netra_test_abc123_scratch SYNC',
    ]);
  });

  it('sends URL credentials as ClickHouse headers', async () => {
    received.length = 0;
    await clickhouseStatement(`${base.replace('http://', 'http://ingest:s%3Dcret@')}/`, 'SELECT 1');
    expect(received[0]?.headers['x-clickhouse-user']).toBe('ingest');
    expect(received[0]?.headers['x-clickhouse-key']).toBe('s=cret');
  });

  it('reports a refused statement with the server message', async () => {
    await expect(clickhouseStatement(base, 'FAIL')).rejects.toThrow('HTTP 500 Code: 62. Syntax error');
  });

  it('keeps credentials and parameters when switching database', () => {
    expect(withClickhouseDatabase('http://u:p@ch:8123/default?compress=1', 'netra_test_x')).toBe(
      'http://u:p@ch:8123/netra_test_x?compress=1',
    );
  });
});
