/**
 * How long each tier of a run takes to write (§5: hot < 50 ms, checkpoint < 500 ms, history < 2 s),
 * on the backend's Prometheus registry (`GET /metrics`), so the bench reads the same figures as
 * operators. The raw store calls are timed too, by the store connectors.
 * @module
 */
import { oncePerRegistry } from '#platform/http/metrics.js';
import { Counter, Histogram, type Registry } from 'prom-client';

/** hot: one Redis write of the run; event: one stored event; checkpoint: one step's state; history: a run's rows. */
export type RunTier = 'hot' | 'event' | 'checkpoint' | 'history';

export interface RunMetrics {
  observeTier(tier: RunTier, seconds: number, ok: boolean): void;
  /** The hot tier of a run went stale (a Redis call failed or timed out). */
  countHotStale(): void;
  countRunEnded(status: string): void;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

export function createRunMetrics(registry: Registry): RunMetrics {
  const tiers = new Histogram({
    name: 'netra_run_tier_write_seconds',
    help: 'Write latency of agent run state by tier (hot, event, checkpoint, history) and outcome',
    labelNames: ['tier', 'outcome'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const stale = new Counter({
    name: 'netra_run_hot_stale_total',
    help: 'Times a run continued from PostgreSQL because a Redis call failed or timed out',
    registers: [registry],
  });
  const ended = new Counter({
    name: 'netra_runs_ended_total',
    help: 'Agent runs ended, by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  return {
    observeTier: (tier, seconds, ok) => {
      tiers.observe({ tier, outcome: ok ? 'ok' : 'error' }, seconds);
    },
    countHotStale: () => {
      stale.inc();
    },
    countRunEnded: (status) => {
      ended.inc({ status });
    },
  };
}

/** Runs `work` and reports its duration to `observe`, whether it succeeds or throws. */
export async function timed<T>(
  observe: (seconds: number, ok: boolean) => void,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    observe((performance.now() - started) / 1000, true);
    return result;
  } catch (error) {
    observe((performance.now() - started) / 1000, false);
    throw error;
  }
}

/** The metrics of a registry, created with it once. */
export const runMetricsOf = oncePerRegistry(createRunMetrics);
