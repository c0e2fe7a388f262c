/**
 * Rule "dependencies" (--run-checks): real local peers stand where Redis and ClickHouse would be —
 * a TCP listener and an HTTP server answering /ping — and a closed port or a failing /ping fails.
 * @module
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { validationContext } from '#test-support/context.js';
import { goodSecrets } from '#test-support/service-specs.js';
import { dependenciesRule } from './dependencies-rule.js';

const servers: (Server | HttpServer)[] = [];

async function listen(server: Server | HttpServer): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function clickhouse(status: number): HttpServer {
  return createHttpServer((request, response) => {
    response.statusCode = request.url === '/ping' ? status : 404;
    response.end('Ok.\n');
  });
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  servers.pop();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('dependencies rule', () => {
  it('is skipped without --run-checks', async () => {
    expect(await dependenciesRule(validationContext())).toMatchObject({
      status: 'skipped',
      notes: ['only with --run-checks'],
    });
  });

  it('passes when Redis accepts a connection and ClickHouse answers /ping', async () => {
    const redisPort = await listen(createTcpServer((socket) => socket.end()));
    const clickhousePort = await listen(clickhouse(200));
    const secrets = {
      ...goodSecrets,
      redis: `redis://:pw@127.0.0.1:${redisPort}`,
      clickhouse: `http://default:pw@127.0.0.1:${clickhousePort}`,
    };
    const rule = await dependenciesRule(validationContext({ secrets, runChecks: true }));
    expect(rule).toMatchObject({ status: 'passed', problems: [] });
    expect(rule.notes).toEqual([
      `reached 127.0.0.1:${redisPort}`,
      `reached http://127.0.0.1:${clickhousePort}/ping`,
    ]);
  });

  it('fails for an unreachable Redis and a ClickHouse that answers an error, naming who needs them', async () => {
    const redisPort = await closedPort();
    const clickhousePort = await listen(clickhouse(503));
    const secrets = {
      ...goodSecrets,
      redis: `redis://:pw@127.0.0.1:${redisPort}`,
      clickhouse: `http://default:pw@127.0.0.1:${clickhousePort}`,
    };
    const rule = await dependenciesRule(validationContext({ secrets, runChecks: true }));
    expect(rule.status).toBe('failed');
    expect(rule.problems[0]).toMatch(
      new RegExp(
        `^auth REDIS_URL, backend REDIS_URL, backend-worker REDIS_URL: 127\\.0\\.0\\.1:${redisPort} is not reachable: .*ECONNREFUSED`,
      ),
    );
    expect(rule.problems[1]).toBe(
      `backend CLICKHOUSE_URL, backend-worker CLICKHOUSE_URL: http://127.0.0.1:${clickhousePort}/ping is not reachable: answered 503`,
    );
  });
});
