import { AppError } from '@netra/shared';
import { ENDED_RUN_STATUSES, type RunEventsPage } from '@netra/shared/contracts';
import type { Logger } from '@netra/shared/server';
import type { ThreadsService } from '#modules/threads/threads.service.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { decodeCursor, toPage } from '#platform/http/cursor.js';
import type { JobQueue } from '#platform/queue/index.js';
import type { HotRunTier } from './hot-run-tier.js';
import { enqueueRun } from './run-jobs.js';
import type { RunsRepository } from './runs.repository.js';
import { presentEvent } from './runs.schema.js';
import type { RunRow } from './runs.tables.js';

const runNotFound = () => new AppError(404, 'not_found', 'Run not found');
const CANCELLED = 'The run was cancelled';

export interface RunsServiceDeps {
  repository: RunsRepository;
  threads: ThreadsService;
  queue: JobQueue;
  hot: HotRunTier;
  logger: Logger;
}

/** Runs as the REST surface sees them: started on a thread, read, cancelled, replayed. */
export class RunsService {
  constructor(private readonly deps: RunsServiceDeps) {}

  /**
   * Adds the message to the thread and queues a run answering it. A run whose job cannot be queued
   * (Redis down) stays queued in PostgreSQL, where the workers' recovery sweep finds it.
   */
  async start(actor: OrgPrincipal, threadId: string, text: string): Promise<RunRow> {
    const { repository, threads, queue, logger } = this.deps;
    await threads.postMessage(actor, threadId, text);
    const run = await repository.create({ orgId: actor.orgId, threadId, createdBy: actor.userId, text });
    await enqueueRun(queue, run.id).catch((error: unknown) => {
      logger.warn({ runId: run.id, err: error }, 'run job not queued; the recovery sweep will start it');
    });
    return run;
  }

  async get(orgId: string, runId: string): Promise<RunRow> {
    const run = await this.deps.repository.find(orgId, runId);
    if (run === undefined) {
      throw runNotFound();
    }
    return run;
  }

  async listOfThread(orgId: string, threadId: string, query: { cursor?: string | undefined; limit: number }) {
    await this.deps.threads.get(orgId, threadId);
    const rows = await this.deps.repository.listOfThread(
      orgId,
      threadId,
      decodeCursor(query.cursor),
      query.limit,
    );
    return toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  /**
   * A run nobody executes ends `cancelled` at once; an executing one is asked to stop (on the hot
   * tier at once, and in PostgreSQL, which its worker checks between steps and on every renewal).
   */
  async cancel(orgId: string, runId: string): Promise<RunRow> {
    const { repository, hot } = this.deps;
    const requested = await repository.requestCancel(orgId, runId);
    if (requested === undefined) {
      await this.get(orgId, runId);
      throw new AppError(409, 'run_ended', 'The run has already ended');
    }
    const ended = await repository.cancelUnheld(runId, {
      type: 'run_failed',
      agent: null,
      payload: { code: 'cancelled', message: CANCELLED },
      ts: new Date(),
    });
    if (ended === undefined) {
      await hot.publishCancel(runId).catch(() => undefined);
    }
    return this.get(orgId, runId);
  }

  /** Stored events after `after_seq`, in seq order: an exact replay of what the run emitted. */
  async events(
    orgId: string,
    runId: string,
    query: { after_seq: number; limit: number },
  ): Promise<RunEventsPage> {
    // Read before the events: once a run has ended, every one of its events is stored.
    const run = await this.get(orgId, runId);
    const rows = await this.deps.repository.eventsAfter(runId, query.after_seq, query.limit);
    const next = rows.at(-1)?.seq ?? query.after_seq;
    return {
      events: rows.map((row) => presentEvent(row, run.threadId)),
      next_after_seq: next,
      complete: ENDED_RUN_STATUSES.includes(run.status) && next >= run.lastSeq,
    };
  }
}
