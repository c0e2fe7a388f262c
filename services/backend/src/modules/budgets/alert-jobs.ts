/**
 * How alert evaluation meets the rest of the backend: its job queue, what the worker role runs on
 * it, and the trigger that asks for an evaluation once ingested usage is stored.
 * @module
 */
import type { HotStore } from '@netra/shared/redis';
import type { Logger } from '@netra/shared/server';
import { openJobQueue, type JobQueue } from '#platform/queue/index.js';
import type { WorkerQueue } from '#platform/runtime/worker.js';
import {
  ALERTS_QUEUE,
  DELIVER_JOB,
  EVALUATE_JOB,
  type AlertEvaluationService,
} from './alert-evaluation.service.js';

/** The alerts queue: BullMQ on Redis in server mode, in process when embedded. */
export function openAlertsQueue(redis: HotStore, logger: Logger): JobQueue {
  return openJobQueue(redis, {
    name: ALERTS_QUEUE,
    onFailure: ({ job, error, willRetry }) => {
      const fields = { queue: ALERTS_QUEUE, job: job.name, jobId: job.id, attempt: job.attempt, err: error };
      logger[willRetry ? 'warn' : 'error'](
        fields,
        willRetry ? 'alert job failed; it will run again' : 'alert job failed',
      );
    },
    onError: (error) => {
      logger.error({ queue: ALERTS_QUEUE, err: error }, 'job queue error');
    },
  });
}

/** What the worker role runs: evaluation on a schedule and on request, and webhook deliveries. */
export function alertsWorkerQueue(
  queue: JobQueue,
  alerts: AlertEvaluationService,
  everyMs: number,
): WorkerQueue {
  return {
    queue,
    processors: {
      [EVALUATE_JOB]: (data) => alerts.runEvaluateJob(data),
      [DELIVER_JOB]: (data) => alerts.runDeliverJob(data),
    },
    schedules: [{ job: EVALUATE_JOB, everyMs }],
  };
}

/** The ingestion call this hook wraps: an organization's batch in, how many rows were stored out. */
type Ingest = (orgId: string, ...rest: never[]) => Promise<{ stored: number }>;

/**
 * Wraps the ingestion service so that a batch that stored usage asks for an evaluation of its
 * organization (debounced there). The request never fails the ingestion: the rows are durable, and
 * the scheduled evaluation covers them anyway.
 */
export function evaluateAfterIngestion<S extends { ingest: Ingest }>(
  service: S,
  alerts: Pick<AlertEvaluationService, 'requestEvaluation'>,
  logger: Logger,
): S {
  const ingest = service.ingest.bind(service) as (
    orgId: string,
    ...rest: unknown[]
  ) => Promise<{ stored: number }>;
  const hooked = async (orgId: string, ...rest: unknown[]) => {
    const result = await ingest(orgId, ...rest);
    if (result.stored > 0) {
      alerts.requestEvaluation(orgId).catch((error: unknown) => {
        logger.warn({ orgId, err: error }, 'could not request an alert evaluation');
      });
    }
    return result;
  };
  return Object.assign(service, { ingest: hooked });
}
