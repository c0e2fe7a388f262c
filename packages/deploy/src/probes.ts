/**
 * The real probes behind --run-checks: a PostgreSQL connection with the resolver's TLS settings, a TCP
 * connection, and an HTTP GET that must answer 2xx. Each gives up after a few seconds.
 * @module
 */
import { connect } from 'node:net';
import pg from 'pg';
import type { Probes } from '#validate/index.js';

const TIMEOUT_MS = 5000;

async function postgres(url: Parameters<Probes['postgres']>[0]): Promise<void> {
  // Loaded on demand: the shared PostgreSQL entry brings the embedded engine along.
  const { toNodePgSsl } = await import('@netra/shared/postgres');
  const client = new pg.Client({
    connectionString: url.connectionString,
    ssl: toNodePgSsl(url.tls),
    connectionTimeoutMillis: TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tcp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${TIMEOUT_MS} ms`));
    });
    socket.once('error', reject);
  });
}

async function http(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`answered ${response.status}`);
  }
}

export const realProbes: Probes = { postgres, tcp, http };
