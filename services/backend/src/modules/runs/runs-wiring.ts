/**
 * How the runs module is put together from the backend's stores and configuration: the REST side
 * (service and queue) and the worker side (executor, `execute-run` processor, recovery sweep).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { HotStore } from '@netra/shared/redis';
import type { Logger } from '@netra/shared/server';
import type { Registry } from 'prom-client';
import type { BackendConfig } from '#config.js';
import type { RunPipeline } from '#modules/agents/step-outcome.js';
import type { ThreadsService } from '#modules/threads/threads.service.js';
import type { JobQueue } from '#platform/queue/index.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { HotRunTier } from './hot-run-tier.js';
import { RunExecutor } from './run-executor.js';
import { RunHistory } from './run-history.js';
import { EXECUTE_RUN_JOB, executeRunProcessor, RunRecovery } from './run-jobs.js';
import { unstoredRunReports, type RunReports } from './run-reports.js';
import { runMetricsOf } from './runs.metrics.js';
import { RunsRepository } from './runs.repository.js';
import { RunsService } from './runs.service.js';

/** Newest events a run's hot stream keeps. */
const HOT_STREAM_EVENTS = 10_000;

export interface RunSettings {
  leaseMs: number;
  workerConcurrency: number;
  orgLimit: number;
  hotTimeoutMs: number;
  hotTtlMs: number;
  workerId: string;
}

export function runSettingsOf(config: BackendConfig): RunSettings {
  const { values } = config;
  return {
    leaseMs: values.RUN_LEASE_MS,
    workerConcurrency: values.RUN_WORKER_CONCURRENCY,
    orgLimit: values.RUN_CONCURRENCY_PER_ORG,
    hotTimeoutMs: values.RUN_HOT_TIMEOUT_MS,
    hotTtlMs: values.RUN_HOT_TTL_MS,
    workerId: values.RUN_WORKER_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
  };
}

/** What the runs module needs of the composed backend. */
export interface RunsBackend {
  config: BackendConfig;
  stores: { postgres: { db: AppDatabase }; redis: HotStore; clickhouse: ClickHouseStore };
  metrics: { registry: Registry };
  runsQueue: JobQueue;
  services: { threads: ThreadsService };
}

export function hotRunTier(redis: HotStore, settings: RunSettings, registry: Registry): HotRunTier {
  return new HotRunTier(
    redis,
    { timeoutMs: settings.hotTimeoutMs, ttlMs: settings.hotTtlMs, maxEvents: HOT_STREAM_EVENTS },
    runMetricsOf(registry),
  );
}

/** The REST side: start, read, cancel and replay runs; jobs go to `queue`. */
export function createRunsService(
  backend: Omit<RunsBackend, 'runsQueue' | 'services'>,
  deps: { queue: JobQueue; threads: ThreadsService; logger: Logger },
): RunsService {
  const { stores, config, metrics } = backend;
  return new RunsService({
    repository: new RunsRepository(stores.postgres.db),
    hot: hotRunTier(stores.redis, runSettingsOf(config), metrics.registry),
    ...deps,
  });
}

export interface RunsWorkerOptions {
  pipeline: RunPipeline;
  /** Where reports are saved (a stand-in that stores nothing when omitted). */
  reports?: RunReports;
  /** Overrides RUN_WORKER_ID (tests run several workers in one process). */
  workerId?: string;
  /** Overrides the hot tier (tests point it at a Redis that is down). */
  redis?: HotStore;
}

export interface RunsWorker {
  executor: RunExecutor;
  recovery: RunRecovery;
  /**
   * Hands the executing runs over (each lets go of its lease, so another worker resumes it at once),
   * stops the recovery sweep and waits for the runs it started; the queue closes with the backend.
   */
  close(): Promise<void>;
}

export function createRunExecutor(
  backend: RunsBackend,
  logger: Logger,
  options: RunsWorkerOptions,
): RunExecutor {
  const settings = runSettingsOf(backend.config);
  const { stores, metrics, services } = backend;
  const repository = new RunsRepository(stores.postgres.db);
  return new RunExecutor({
    repository,
    pipeline: options.pipeline,
    hot: hotRunTier(options.redis ?? stores.redis, settings, metrics.registry),
    reports: options.reports ?? unstoredRunReports,
    answer: (orgId, threadId, content) => services.threads.postAnswer(orgId, threadId, content),
    history: new RunHistory(stores.clickhouse, repository),
    metrics: runMetricsOf(metrics.registry),
    logger,
    worker: options.workerId ?? settings.workerId,
    leaseMs: settings.leaseMs,
    hotRetryMs: Math.max(settings.hotTimeoutMs * 4, 1_000),
    orgLimit: settings.orgLimit,
  });
}

/**
 * The worker role of runs: executes `execute-run` jobs of the backend's runs queue and, every half
 * lease, recovers runs nobody executes.
 */
export function startRunsWorker(
  backend: RunsBackend,
  logger: Logger,
  options: RunsWorkerOptions,
): RunsWorker {
  const settings = runSettingsOf(backend.config);
  const executor = createRunExecutor(backend, logger, options);
  backend.runsQueue.process(EXECUTE_RUN_JOB, executeRunProcessor(backend.runsQueue, executor, logger));
  const recovery = new RunRecovery({
    repository: new RunsRepository(backend.stores.postgres.db),
    executor,
    logger,
    everyMs: settings.leaseMs / 2,
    queuedForMs: settings.leaseMs,
    concurrency: settings.workerConcurrency,
  });
  recovery.start();
  return {
    executor,
    recovery,
    close: () => {
      executor.stopAll();
      return recovery.stop();
    },
  };
}
