import { setTimeout as sleep } from 'node:timers/promises';
import { readinessSchema, type Readiness } from '@netra/shared';

/** How waiting for readiness ended. */
export type ReadinessResult =
  | { kind: 'ready'; readiness: Readiness | undefined }
  | { kind: 'timeout'; lastAnswer: string }
  | { kind: 'cancelled' };

/** How long and how often to poll; `signal` cancels the wait. */
export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
}

type Probe = { ready: true; readiness: Readiness | undefined } | { ready: false; answer: string };

const REQUEST_TIMEOUT_MS = 5_000;

/** Polls `GET url` until it answers 200, the timeout passes, or `signal` aborts. */
export async function pollReadiness(url: string, options: PollOptions): Promise<ReadinessResult> {
  const deadline = performance.now() + options.timeoutMs;
  let lastAnswer = 'no answer yet';
  while (!options.signal.aborted) {
    const probe = await probeOnce(url, options.signal);
    if (probe.ready) {
      return { kind: 'ready', readiness: probe.readiness };
    }
    lastAnswer = probe.answer;
    if (performance.now() >= deadline) {
      return { kind: 'timeout', lastAnswer };
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
  return { kind: 'cancelled' };
}

async function probeOnce(url: string, cancel: AbortSignal): Promise<Probe> {
  try {
    const signal = AbortSignal.any([cancel, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = readinessSchema.safeParse(body);
    const readiness = parsed.success ? parsed.data : undefined;
    if (response.status === 200) {
      return { ready: true, readiness };
    }
    const failing = readiness === undefined ? '' : ` (${describeFailingTiers(readiness)})`;
    return { ready: false, answer: `HTTP ${response.status}${failing}` };
  } catch (error) {
    return { ready: false, answer: describeFetchError(error) };
  }
}

/** "postgres: embedded/pglite, redis: server/ioredis" — the mode and engine of each tier. */
export function describeTiers(readiness: Readiness): string {
  return Object.entries(readiness.tiers)
    .map(
      ([name, tier]) =>
        `${name}: ${tier.mode}/${tier.engine}${tier.ok ? '' : ` ✗ ${tier.error ?? 'failing'}`}`,
    )
    .join(', ');
}

/** The tiers that are not ok, with their errors, e.g. "postgres: connection refused". */
export function describeFailingTiers(readiness: Readiness): string {
  const failing = Object.entries(readiness.tiers).filter(([, tier]) => !tier.ok);
  if (failing.length === 0) {
    return readiness.status;
  }
  return failing.map(([name, tier]) => `${name}: ${tier.error ?? 'not ok'}`).join(', ');
}

/** fetch hides the socket error in `cause`; show its code (ECONNREFUSED) when there is one. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return 'no answer within the request timeout';
  }
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') {
    return cause.code === 'ECONNREFUSED' ? 'connection refused (not listening yet)' : cause.code;
  }
  return typeof cause?.message === 'string' ? cause.message : error.message;
}
