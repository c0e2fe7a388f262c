import type { FastifyInstance } from 'fastify';
import type { Readiness, TierMode, TierStatus } from '#health/health.js';

/** One store a service depends on, as the readiness probe sees it. */
export interface TierProbe {
  mode: TierMode;
  engine: string;
  ping(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 3_000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

async function probeTier(probe: TierProbe): Promise<TierStatus> {
  const started = performance.now();
  try {
    await withTimeout(probe.ping(), PROBE_TIMEOUT_MS);
    return { mode: probe.mode, engine: probe.engine, ok: true, latency_ms: elapsed(started) };
  } catch (error) {
    const message = rootCauseMessage(error);
    return {
      mode: probe.mode,
      engine: probe.engine,
      ok: false,
      latency_ms: elapsed(started),
      error: message,
    };
  }
}

/** Drivers wrap errors (drizzle: "Failed query…"); the innermost cause says what is wrong. */
function rootCauseMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) {
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Probes every tier concurrently. */
export async function checkReadiness(
  service: string,
  environment: string,
  probes: Record<string, TierProbe>,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await probeTier(probe)] as const),
  );
  const tiers = Object.fromEntries(entries);
  const ready = entries.every(([, status]) => status.ok);
  return { status: ready ? 'ready' : 'not_ready', service, environment, tiers };
}

/** `GET /health/ready`: 200 when every tier answers, 503 otherwise; the body names each tier's mode. */
export function registerReadiness(
  app: FastifyInstance,
  service: string,
  environment: string,
  probes: Record<string, TierProbe>,
): void {
  app.get('/health/ready', async (_request, reply) => {
    const readiness = await checkReadiness(service, environment, probes);
    return reply.status(readiness.status === 'ready' ? 200 : 503).send(readiness);
  });
}
