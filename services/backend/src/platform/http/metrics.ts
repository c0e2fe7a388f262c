/**
 * The backend's Prometheus metrics: every service's (HTTP latency per route and status, process
 * metrics; `@netra/shared/http`), plus store call latencies and ingestion counters. One registry per
 * backend instance, so several apps in one process (tests) never share or collide on series.
 * @module
 */
import { createRequestMetrics, type RequestMetrics } from '@netra/shared/http';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { StoreCallObserver } from '#platform/stores/index.js';

export { installRequestMetrics, registerMetricsRoute, UNMATCHED_ROUTE } from '@netra/shared/http';

/** Store calls are mostly sub-millisecond (hot tier) to seconds (analytics): finer at the low end. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What one ingestion batch did; the ingestion results carry these fields. */
export interface IngestionOutcome {
  /** Valid records, duplicates included. */
  accepted: number;
  duplicates: number;
  rejected: readonly unknown[];
}

interface IngestionCounters {
  accepted: Counter<'source'>;
  rejected: Counter<'source'>;
  duplicates: Counter<'source'>;
}

export interface BackendMetrics extends RequestMetrics {
  /** Hand to the store connectors so every call is timed. */
  readonly observeStoreCall: StoreCallObserver;
  /** Counts one ingestion batch from `source` (`rest`, `otlp`, `file:<format>`). */
  countIngestion(source: string, outcome: IngestionOutcome): void;
}

function ingestionCounters(registry: Registry): IngestionCounters {
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['source'] as const, registers: [registry] });
  return {
    accepted: counter('netra_ingest_events_accepted_total', 'Usage events accepted (stored or duplicate)'),
    rejected: counter('netra_ingest_events_rejected_total', 'Usage events refused as invalid'),
    duplicates: counter(
      'netra_ingest_events_duplicate_total',
      'Accepted usage events that were already stored (idempotent re-sends)',
    ),
  };
}

function storeCallHistogram(registry: Registry): StoreCallObserver {
  const histogram = new Histogram({
    name: 'netra_store_call_duration_seconds',
    help: 'Store call latency by store (postgres, redis, clickhouse), operation and outcome',
    labelNames: ['store', 'operation', 'outcome'] as const,
    buckets: STORE_BUCKETS,
    registers: [registry],
  });
  return ({ store, operation, seconds, ok }) => {
    histogram.observe({ store, operation, outcome: ok ? 'ok' : 'error' }, seconds);
  };
}

/** A fresh registry with every backend metric and the process metrics. */
export function createBackendMetrics(): BackendMetrics {
  const { registry, observeRequest } = createRequestMetrics();
  const ingestion = ingestionCounters(registry);
  return {
    registry,
    observeRequest,
    observeStoreCall: storeCallHistogram(registry),
    countIngestion: (source, outcome) => {
      ingestion.accepted.inc({ source }, outcome.accepted);
      ingestion.rejected.inc({ source }, outcome.rejected.length);
      ingestion.duplicates.inc({ source }, outcome.duplicates);
    },
  };
}

type Ingest = (
  orgId: string,
  records: readonly unknown[],
  source: string,
  ...rest: never[]
) => Promise<IngestionOutcome>;

/**
 * Counts what every batch of an ingestion service did, by source, leaving the service itself
 * untouched: its `ingest` is wrapped in place, so every route holding it is counted.
 */
export function meterIngestion<S extends { ingest: Ingest }>(service: S, metrics: BackendMetrics): S {
  const ingest = service.ingest.bind(service) as (...args: unknown[]) => Promise<IngestionOutcome>;
  const metered = async (orgId: string, records: readonly unknown[], source: string, ...rest: unknown[]) => {
    const outcome = await ingest(orgId, records, source, ...rest);
    metrics.countIngestion(source, outcome);
    return outcome;
  };
  return Object.assign(service, { ingest: metered });
}

/**
 * A module's metrics factory made safe to call per registry more than once (a registry refuses a
 * metric registered twice): the first call creates them, later calls return the same set.
 */
export function oncePerRegistry<T>(create: (registry: Registry) => T): (registry: Registry) => T {
  const created = new WeakMap<Registry, T>();
  return (registry) => {
    let metrics = created.get(registry);
    if (metrics === undefined) {
      metrics = create(registry);
      created.set(registry, metrics);
    }
    return metrics;
  };
}
