/**
 * SIGTERM with ingestion requests in flight, against the backend as a real child process (started
 * as the launcher starts it): every request the server had begun gets a complete answer, requests
 * racing the shutdown get a complete answer or no connection (never a reset mid-response), the
 * process exits cleanly, and every event of every 2xx answer is in ClickHouse afterwards.
 * @module
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '@netra/shared';
import { startServiceProcess } from '@netra/test-framework/services';
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { openBackend, openKeyAdministration } from '#composition.js';
import { loadBackendConfig, type BackendConfig } from '#config.js';

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

/** Collects a response; one that starts and then breaks rejects, since that must never happen. */
function collect(
  response: IncomingMessage,
  resolve: (outcome: Outcome) => void,
  reject: (error: Error) => void,
) {
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
}

/** Opens an ingestion POST on its own connection; `outcome` settles with what became of it. */
function openPost(url: URL, key: string, body: Buffer, expectContinue = false) {
  const headers = {
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
    'content-length': body.length,
    ...(expectContinue ? { expect: '100-continue' } : {}),
  };
  const target = { host: url.hostname, port: url.port, method: 'POST', path: '/api/v1/ingest/events' };
  let request!: ClientRequest;
  const outcome = new Promise<Outcome>((resolve, reject) => {
    request = httpRequest({ ...target, agent: false, headers }, (response) => {
      collect(response, resolve, reject);
    });
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

/** Event ids found in ClickHouse, read after the child exited (through the backend's own stores). */
async function storedIds(config: BackendConfig, orgId: string, ids: string[]): Promise<Set<string>> {
  const backend = await openBackend(config);
  try {
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += 500) {
      for (const row of await backend.usage.findEventsById(orgId, ids.slice(start, start + 500))) {
        found.add(row.event_id);
      }
    }
    return found;
  } finally {
    await backend.close();
  }
}

/**
 * Starts IN_FLIGHT requests and returns once the server has begun each of them: `Expect:
 * 100-continue` makes it say so (Node answers `100 Continue` as it hands the request to the app).
 * Half of each body follows; the other half is sent only once the shutdown has begun.
 */
async function startInFlight(url: URL, key: string, run: string) {
  const requests = Array.from({ length: IN_FLIGHT }, (_unused, index) => {
    const events = eventsOf(`${run}-flight-${index}`);
    const body = Buffer.from(JSON.stringify({ events }));
    const half = Math.floor(body.length / 2);
    const { request, outcome } = openPost(url, key, body, true);
    request.flushHeaders();
    return { request, outcome, head: body.subarray(0, half), tail: body.subarray(half), ids: idsOf(events) };
  });
  await Promise.all(requests.map((flight) => continued(flight.request)));
  for (const flight of requests) {
    flight.request.write(flight.head);
  }
  return requests;
}

const isAcknowledged = (outcome: Outcome | undefined) =>
  outcome !== undefined && 'answer' in outcome && outcome.answer.status === 200;

const idsOf = (events: readonly Record<string, unknown>[]) => events.map((event) => String(event.event_id));

function racing(url: URL, key: string, run: string): { ids: string[]; outcome: Promise<Outcome> }[] {
  return Array.from({ length: RACING }, (_unused, index) => {
    const events = eventsOf(`${run}-race-${index}`);
    const { request, outcome } = openPost(url, key, Buffer.from(JSON.stringify({ events })));
    request.end();
    return { ids: idsOf(events), outcome };
  });
}

/**
 * Every request in flight answered 200 in full (and told the connection closes); every racing one
 * answered in full (2xx or 503) or never connected; the process drained and logged no error.
 */
function expectCleanDrain(output: string, inFlight: readonly Outcome[], racing: readonly Outcome[]): void {
  for (const outcome of inFlight) {
    expect(outcome, output).toMatchObject({ answer: { status: 200, connection: 'close' } });
  }
  for (const outcome of racing) {
    if ('answer' in outcome) {
      expect([200, 503], outcome.answer.body).toContain(outcome.answer.status);
    } else {
      expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(outcome.failedBeforeAnswer);
    }
  }
  expect(output).toContain('requests drained');
  expect(output).not.toMatch(/"level":50/);
}

/** Starts the backend on its own data directory, with an ingestion key made beforehand. */
async function startBackendProcess() {
  const environment = serviceTestEnvironment({
    dataDir: tempDataDir('drain'),
    overrides: { LOG_LEVEL: 'info', INGEST_REQUESTS_PER_MIN: '100000' },
  });
  const config = loadBackendConfig(environment);
  const { orgId, key } = await ingestionKey(config);
  const service = await startServiceProcess({ service: 'backend', environment });
  return { config, orgId, key, service, url: new URL(service.url) };
}

describe('SIGTERM while ingesting', () => {
  it('answers every request in flight, then exits with every acknowledged event stored', async () => {
    const { config, orgId, key, service, url } = await startBackendProcess();
    const run = newId();
    const inFlight = await startInFlight(url, key, run);
    const races = racing(url, key, run);
    const stopped = service.stop();
    await untilRefused(url);
    // The drain has begun; the requests the server was reading now complete.
    inFlight.forEach((flight) => flight.request.end(flight.tail));
    const flightOutcomes = await Promise.all(inFlight.map((flight) => flight.outcome));
    const raceOutcomes = await Promise.all(races.map((race) => race.outcome));
    await stopped;

    expectCleanDrain(service.output(), flightOutcomes, raceOutcomes);

    const acknowledged = [
      ...inFlight.flatMap((flight) => flight.ids),
      ...races.flatMap((race, index) => (isAcknowledged(raceOutcomes[index]) ? race.ids : [])),
    ];
    const stored = await storedIds(config, orgId, acknowledged);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(IN_FLIGHT * EVENTS_PER_REQUEST);
  });
});
