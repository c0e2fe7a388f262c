/**
 * SIGTERM with ingestion requests in flight, against the backend as a real child process (started
 * as the launcher starts it): every request the server had begun gets a complete answer, requests
 * racing the shutdown get a complete answer or no connection (never a reset mid-response), the
 * process exits cleanly, and every event of every 2xx answer is in ClickHouse afterwards.
 * @module
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '@netra/shared';
import { startServiceProcess } from '@netra/test-framework/services';
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { openKeyAdministration } from '#composition.js';
import { loadBackendConfig, type BackendConfig } from '#config.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { openBackendClickHouse } from '#platform/stores/index.js';

/** Requests whose headers and half their body reach the server before SIGTERM; the rest follows after. */
const IN_FLIGHT = 24;
const EVENTS_PER_REQUEST = 40;
/** Requests sent back to back while the shutdown begins: each one lands before, during or after it. */
const RACING = 40;

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** What became of a request: a complete answer, or a connection that failed before any answer began. */
type Outcome = { answer: Answer } | { failedBeforeAnswer: string };

function eventsOf(prefix: string): Record<string, unknown>[] {
  return Array.from({ length: EVENTS_PER_REQUEST }, (_unused, index) => ({
    event_id: `${prefix}-${index}`,
    timestamp: '2025-06-04T08:00:00.000Z',
    model: 'gpt-4o-mini',
    input_tokens: 100 + index,
    output_tokens: 10,
  }));
}

/**
 * Opens a POST on its own connection. The promise settles with the outcome; a response that starts
 * and then breaks rejects it, since that is exactly what must never happen.
 */
function openPost(
  url: URL,
  key: string,
  body: Buffer,
  extraHeaders: Record<string, string> = {},
): { request: ClientRequest; outcome: Promise<Outcome> } {
  let request!: ClientRequest;
  const outcome = new Promise<Outcome>((resolve, reject) => {
    request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/v1/ingest/events',
        agent: false,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': body.length,
          ...extraHeaders,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({
            answer: { status: response.statusCode ?? 0, connection: response.headers.connection, body: text },
          });
        });
        response.on('error', (error) => {
          reject(new Error(`the answer broke off after it began: ${error.message}`));
        });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ failedBeforeAnswer: error.code ?? error.message });
    });
  });
  return { request, outcome };
}

/** Resolves on the server's `100 Continue`: it has read the request's headers and routed it. */
function continued(request: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    request.once('continue', () => {
      resolve();
    });
  });
}

/** Whether a new connection is refused: the listener has closed, so the drain has begun. */
function refusesConnections(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(true);
    });
  });
}

async function untilRefused(url: URL): Promise<void> {
  while (!(await refusesConnections(url))) {
    await sleep(20);
  }
}

/** Organization and key made before the child starts (the child then owns the embedded stores). */
async function ingestionKey(config: BackendConfig): Promise<{ orgId: string; key: string }> {
  const admin = await openKeyAdministration(config);
  try {
    const org = await admin.developmentOrg();
    const { key } = await admin.apiKeys.create(org.id, 'shutdown drain test');
    return { orgId: org.id, key };
  } finally {
    await admin.close();
  }
}

async function storedIds(config: BackendConfig, orgId: string, ids: string[]): Promise<Set<string>> {
  const store = await openBackendClickHouse(config);
  try {
    const usage = new UsageRepository(store);
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += 500) {
      for (const row of await usage.findEventsById(orgId, ids.slice(start, start + 500))) {
        found.add(row.event_id);
      }
    }
    return found;
  } finally {
    await store.close();
  }
}

/**
 * Starts IN_FLIGHT requests and returns once the server has begun each of them: `Expect:
 * 100-continue` makes it say so (Node answers `100 Continue` as it hands the request to the app).
 * Half of each body follows; the other half is sent only once the shutdown has begun.
 */
async function startInFlight(url: URL, key: string, run: string) {
  const requests = Array.from({ length: IN_FLIGHT }, (_unused, index) => {
    const body = Buffer.from(JSON.stringify({ events: eventsOf(`${run}-flight-${index}`) }));
    const half = Math.floor(body.length / 2);
    const { request, outcome } = openPost(url, key, body, { expect: '100-continue' });
    request.flushHeaders();
    return { request, outcome, head: body.subarray(0, half), tail: body.subarray(half), index };
  });
  await Promise.all(requests.map((flight) => continued(flight.request)));
  for (const flight of requests) {
    flight.request.write(flight.head);
  }
  return requests;
}

function racing(url: URL, key: string, run: string): { ids: string[]; outcome: Promise<Outcome> }[] {
  return Array.from({ length: RACING }, (_unused, index) => {
    const events = eventsOf(`${run}-race-${index}`);
    const { request, outcome } = openPost(url, key, Buffer.from(JSON.stringify({ events })));
    request.end();
    return { ids: events.map((event) => String(event.event_id)), outcome };
  });
}

describe('SIGTERM while ingesting', () => {
  it('answers every request in flight, then exits with every acknowledged event stored', async () => {
    const dataDir = tempDataDir('drain');
    const environment = serviceTestEnvironment({
      dataDir,
      overrides: { LOG_LEVEL: 'info', INGEST_REQUESTS_PER_MIN: '100000' },
    });
    const config = loadBackendConfig(environment);
    const { orgId, key } = await ingestionKey(config);
    const service = await startServiceProcess({ service: 'backend', environment });
    const url = new URL(service.url);
    const run = newId();

    const inFlight = await startInFlight(url, key, run);
    const races = racing(url, key, run);
    const stopped = service.stop();
    await untilRefused(url);
    // The drain has begun; the requests the server was reading now complete.
    for (const flight of inFlight) {
      flight.request.end(flight.tail);
    }
    const flightOutcomes = await Promise.all(inFlight.map((flight) => flight.outcome));
    const raceOutcomes = await Promise.all(races.map((race) => race.outcome));
    await stopped;

    for (const outcome of flightOutcomes) {
      expect(outcome, service.output()).toMatchObject({ answer: { status: 200, connection: 'close' } });
    }
    for (const outcome of raceOutcomes) {
      if ('answer' in outcome) {
        expect([200, 503], outcome.answer.body).toContain(outcome.answer.status);
      } else {
        expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(outcome.failedBeforeAnswer);
      }
    }
    expect(service.output()).toContain('requests drained');
    expect(service.output()).not.toMatch(/"level":50/);

    const acknowledged = [
      ...inFlight.flatMap((flight) =>
        eventsOf(`${run}-flight-${flight.index}`).map((event) => String(event.event_id)),
      ),
      ...races.flatMap((race, index) =>
        'answer' in (raceOutcomes[index] ?? {}) &&
        (raceOutcomes[index] as { answer: Answer }).answer.status === 200
          ? race.ids
          : [],
      ),
    ];
    const stored = await storedIds(config, orgId, acknowledged);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(IN_FLIGHT * EVENTS_PER_REQUEST);
  });
});
