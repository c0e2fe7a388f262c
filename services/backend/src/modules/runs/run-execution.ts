/**
 * One run executed by the worker holding its lease: restored from its last checkpoint, stepped
 * through the pipeline (events, checkpoint and hot state after every step), ended with its report,
 * a cancel, or a failure. Losing the lease stops it without writing anything more.
 * @module
 */
import type { AgentName } from '@netra/shared/contracts';
import type { Logger } from '@netra/shared/server';
import type { AgentContext, AgentEvents, PreviousRun } from '#modules/agents/agent.js';
import type { RunPipeline, StepOutcome } from '#modules/agents/step-outcome.js';
import { workflowOf } from '#modules/agents/workflow.js';
import {
  EMPTY_STATE,
  workflowStateSchema,
  type ReportDraft,
  type WorkflowState,
} from '#modules/agents/workflow-state.js';
import { HotRunMirror, type HotRunSnapshot, type HotRunTier } from './hot-run-tier.js';
import { LeaseLostError, RUN_AGENT, RunEventLog, type RunEventListener } from './run-event-log.js';
import type { RunHistory } from './run-history.js';
import type { RunReports } from './run-reports.js';
import type { RunEnd, RunsRepository } from './runs.repository.js';
import { presentEvent } from './runs.schema.js';
import { timed, type RunMetrics } from './runs.metrics.js';
import type { RunRow } from './runs.tables.js';

export interface RunExecutionDeps {
  repository: RunsRepository;
  pipeline: RunPipeline;
  hot: HotRunTier;
  reports: RunReports;
  /** Adds the report to the run's thread as the agents' answer. */
  answer(orgId: string, threadId: string, content: string): Promise<unknown>;
  history: RunHistory;
  metrics: RunMetrics;
  logger: Logger;
  worker: string;
  leaseMs: number;
  /** Least wait between two catch-up attempts of a stale hot tier. */
  hotRetryMs: number;
  listeners: readonly RunEventListener[];
}

/** How an execution ended on this worker. */
/** `handed_over`: this worker was stopping and let go of the lease, so another one resumes the run at once. */
export type ExecutionOutcome = 'completed' | 'failed' | 'cancelled' | 'lease_lost' | 'handed_over';

const RENEWALS_PER_LEASE = 3;
const MAX_EVENTS = 100_000;

class RunCancelled extends Error {
  readonly code = 'cancelled';
}

class WorkerStopping extends Error {
  readonly code = 'worker_stopping';
}

/** The thread message of a finished run: its headline, then the report. */
export function answerOf(draft: ReportDraft): string {
  const { headline } = draft.summary;
  return draft.markdown.includes(headline) ? draft.markdown : `${headline}\n\n${draft.markdown}`;
}

function previousOf(run: RunRow): PreviousRun | null {
  const parsed = workflowStateSchema.safeParse(run.state ?? {});
  const report = parsed.success ? parsed.data.report : undefined;
  if (report === undefined || run.reportId === null) {
    return null;
  }
  const opportunities = report.analysis.opportunities.map(({ id, kind, title, monthly_savings_usd }) => ({
    id,
    kind,
    title,
    monthly_savings_usd,
  }));
  return { runId: run.id, reportId: run.reportId, goal: report.goal, summary: report.summary, opportunities };
}

export class RunExecution {
  private readonly controller = new AbortController();
  private cancelRequested = false;
  private state: WorkflowState = EMPTY_STATE;
  /** The last checkpoint's state as stored, until the steps read it. */
  private saved: unknown;
  private stepIndex = 0;
  private status: RunEnd['status'] | 'running' = 'running';
  private previous: PreviousRun | null = null;
  private log!: RunEventLog;
  private mirror!: HotRunMirror;

  constructor(
    private readonly deps: RunExecutionDeps,
    private readonly run: RunRow,
  ) {}

  async execute(): Promise<ExecutionOutcome> {
    await this.restore();
    const stopHeartbeat = this.startHeartbeat();
    const unsubscribe = await this.listenForCancel();
    try {
      return await this.steps();
    } catch (error) {
      return await this.stopped(error);
    } finally {
      stopHeartbeat();
      await this.deps.hot.call(unsubscribe).catch(() => undefined);
    }
  }

  /** The last checkpoint, and the seq its events reached; a store failure here leaves the run to the sweep. */
  private async restore(): Promise<void> {
    const { repository, metrics } = this.deps;
    const [checkpoint, storedSeq, previous] = await Promise.all([
      repository.lastCheckpoint(this.run.id),
      repository.maxStoredSeq(this.run.id),
      repository.lastCompletedOfThread(this.run.threadId, this.run.createdAt),
    ]);
    this.saved = checkpoint?.state;
    this.stepIndex = checkpoint === undefined ? 0 : checkpoint.stepIndex + 1;
    this.previous = previous === undefined ? null : previousOf(previous);
    this.log = new RunEventLog({
      runId: this.run.id,
      threadId: this.run.threadId,
      worker: this.deps.worker,
      nextSeq: (checkpoint?.lastSeq ?? -1) + 1,
      storedSeq,
      repository,
      metrics,
      listeners: this.deps.listeners,
      onLeaseLost: () => {
        this.controller.abort(new LeaseLostError('lease lost'));
      },
    });
    const source = { snapshot: () => this.snapshot(), allEvents: () => this.allEvents() };
    this.mirror = new HotRunMirror(this.deps.hot, metrics, source, this.deps.hotRetryMs);
    this.log.attach(this.mirror);
  }

  private async steps(): Promise<ExecutionOutcome> {
    // Read here, so a checkpoint that no longer reads (an incompatible state) fails the run once.
    this.state = this.saved === undefined ? EMPTY_STATE : workflowStateSchema.parse(this.saved);
    await this.mirror.state();
    const { pipeline } = this.deps;
    for (let agent = pipeline.nextAgent(this.state); agent !== null; agent = pipeline.nextAgent(this.state)) {
      if (await this.cancelAsked()) {
        return await this.cancel();
      }
      this.controller.signal.throwIfAborted();
      await this.step(agent);
    }
    return await this.complete();
  }

  /** Renews the lease between steps, which also tells of a cancel asked meanwhile. */
  private async cancelAsked(): Promise<boolean> {
    const renewal = await this.deps.repository.renew(this.run.id, this.deps.worker, this.deps.leaseMs);
    if (renewal === null) {
      throw new LeaseLostError(`run ${this.run.id} is no longer held by ${this.deps.worker}`);
    }
    return this.cancelRequested || renewal.cancelRequested;
  }

  private async step(agent: AgentName): Promise<void> {
    const handle = this.log.forStep(agent);
    await this.log.emit('agent_started', agent, { message: `${agent} started` });
    const started = performance.now();
    const result = await this.deps.pipeline
      .step(agent, this.state, this.contextFor(handle.events))
      .finally(() => {
        handle.close();
      });
    await this.emitOutcome(result.outcome, performance.now() - started);
    this.state = result.state;
    const planned = this.deps.pipeline.plannedAgents(this.state);
    const progress = planned.length === 0 ? 1 : Math.min(1, this.state.done.length / planned.length);
    await this.log.emit('progress_update', agent, {
      stage: agent,
      progress,
      message: `${this.state.done.length} of ${planned.length} agents done`,
    });
    await this.checkpoint(agent, planned);
  }

  /** A failed agent is an `agent_error`, not a failed run: the workflow degrades around it. */
  private emitOutcome(outcome: StepOutcome, durationMs: number): Promise<void> {
    const { agent } = outcome;
    return outcome.ok
      ? this.log.emit('agent_completed', agent, { summary: outcome.summary, duration_ms: durationMs })
      : this.log.emit('agent_error', agent, {
          code: outcome.code,
          message: outcome.message,
          retryable: false,
        });
  }

  private async checkpoint(agent: AgentName, planned: AgentName[]): Promise<void> {
    const { repository, metrics, worker, pipeline } = this.deps;
    const write = {
      stepIndex: this.stepIndex,
      agent,
      state: this.state as Record<string, unknown>,
      lastSeq: this.log.lastSeq,
      planned,
      nextAgent: pipeline.nextAgent(this.state),
      workflow: workflowOf(this.state),
    };
    const held = await timed(
      (seconds, ok) => {
        metrics.observeTier('checkpoint', seconds, ok);
      },
      () => repository.checkpoint(this.run.id, worker, write),
    );
    if (!held) {
      throw new LeaseLostError(`run ${this.run.id} lost its lease before checkpoint ${this.stepIndex}`);
    }
    this.stepIndex += 1;
    await this.mirror.state();
  }

  private contextFor(events: AgentEvents): AgentContext {
    const { run } = this;
    return {
      orgId: run.orgId,
      runId: run.id,
      threadId: run.threadId,
      userId: run.createdBy,
      text: run.text,
      previous: this.previous,
      now: run.createdAt,
      signal: this.controller.signal,
      events,
    };
  }

  private async complete(): Promise<ExecutionOutcome> {
    const draft = this.state.report;
    if (draft === undefined) {
      return this.fail('no_report', 'The run ended without a report');
    }
    const reportId = await this.savedReport(draft);
    await this.log.emit('final_report', 'reporting', {
      report_id: reportId,
      report: draft.analysis,
      tier: draft.tier,
      summary: draft.summary,
    });
    await this.deps.answer(this.run.orgId, this.run.threadId, answerOf(draft)).catch((error: unknown) => {
      // The report is stored and listed; a thread that cannot take the answer does not fail the run.
      this.deps.logger.warn({ runId: this.run.id, err: error }, 'run answer not added to its thread');
    });
    await this.log.emit('run_completed', RUN_AGENT, { report_id: reportId });
    return this.end({ status: 'completed', error: null });
  }

  /** Saves the report once: a resumed run finds the id it stored before. */
  private async savedReport(draft: ReportDraft): Promise<string> {
    if (this.run.reportId !== null) {
      return this.run.reportId;
    }
    const { run } = this;
    const { id } = await this.deps.reports.save({
      orgId: run.orgId,
      runId: run.id,
      threadId: run.threadId,
      createdAt: run.createdAt,
      draft,
    });
    if (!(await this.deps.repository.setReport(run.id, this.deps.worker, id))) {
      throw new LeaseLostError(`run ${run.id} lost its lease while saving its report`);
    }
    return id;
  }

  private async cancel(): Promise<ExecutionOutcome> {
    const message = 'The run was cancelled';
    await this.log.emit('run_failed', RUN_AGENT, { code: 'cancelled', message });
    return this.end({ status: 'cancelled', error: { code: 'cancelled', message } });
  }

  private async fail(code: string, message: string): Promise<ExecutionOutcome> {
    await this.log.emit('run_failed', RUN_AGENT, { code, message });
    return this.end({ status: 'failed', error: { code, message } });
  }

  /** What an interruption means: a lost lease stops silently, a cancel or a fault ends the run. */
  private async stopped(error: unknown): Promise<ExecutionOutcome> {
    const { logger } = this.deps;
    const runId = this.run.id;
    if (this.controller.signal.reason instanceof WorkerStopping) {
      return this.handOver();
    }
    if (error instanceof LeaseLostError || this.controller.signal.reason instanceof LeaseLostError) {
      logger.warn({ runId, worker: this.deps.worker }, 'run lease lost; another worker continues it');
      return 'lease_lost';
    }
    try {
      if (this.cancelRequested) {
        return await this.cancel();
      }
      logger.error({ runId, err: error }, 'run failed');
      return await this.fail('internal', error instanceof Error ? error.message : String(error));
    } catch (ending) {
      logger.warn({ runId, err: ending }, 'run could not be ended; another worker continues it');
      return 'lease_lost';
    }
  }

  private async end(end: RunEnd): Promise<ExecutionOutcome> {
    const ended = await this.deps.repository.finish(this.run.id, this.deps.worker, end);
    if (ended === undefined) {
      throw new LeaseLostError(`run ${this.run.id} lost its lease before ending`);
    }
    this.status = end.status;
    this.deps.metrics.countRunEnded(end.status);
    await this.mirror.state();
    await this.mirror.settle();
    await this.writeHistory(ended);
    return end.status;
  }

  /** History is the analytical copy: a ClickHouse failure is logged, the run stays ended. */
  private async writeHistory(ended: RunRow): Promise<void> {
    const { history, metrics, logger } = this.deps;
    try {
      await timed(
        (seconds, ok) => {
          metrics.observeTier('history', seconds, ok);
        },
        () => history.write(ended),
      );
    } catch (error) {
      logger.error({ runId: ended.id, err: error }, 'run history could not be written');
    }
  }

  private startHeartbeat(): () => void {
    const { repository, worker, leaseMs, logger } = this.deps;
    const timer = setInterval(() => {
      repository
        .renew(this.run.id, worker, leaseMs)
        .then((renewal) => {
          if (renewal === null) {
            this.controller.abort(new LeaseLostError('lease lost'));
          } else if (renewal.cancelRequested) {
            this.requestCancel();
          }
        })
        .catch((error: unknown) => {
          logger.warn({ runId: this.run.id, err: error }, 'run lease renewal failed');
        });
    }, leaseMs / RENEWALS_PER_LEASE);
    timer.unref();
    return () => {
      clearInterval(timer);
    };
  }

  /** Stops the run where it is (the worker is shutting down); the step in progress is redone elsewhere. */
  stop(): void {
    this.controller.abort(new WorkerStopping('the worker is stopping'));
  }

  private async handOver(): Promise<ExecutionOutcome> {
    const { repository, worker, logger } = this.deps;
    // Events still being written are the run's own (same seq, same content when redone).
    await this.log.settled();
    const released = await repository.release(this.run.id, worker).catch(() => false);
    logger.info({ runId: this.run.id, worker, released }, 'run handed over: the worker is stopping');
    return released ? 'handed_over' : 'lease_lost';
  }

  private requestCancel(): void {
    this.cancelRequested = true;
    this.controller.abort(new RunCancelled('The run was cancelled'));
  }

  /** A cancel published on the hot tier stops the step at once; without Redis, renewals find it. */
  private async listenForCancel(): Promise<() => Promise<void>> {
    try {
      return await this.deps.hot.onCancel(this.run.id, () => {
        this.requestCancel();
      });
    } catch {
      return () => Promise.resolve();
    }
  }

  private snapshot(): HotRunSnapshot {
    const { pipeline } = this.deps;
    return {
      run_id: this.run.id,
      status: this.status,
      current_agent: this.status === 'running' ? pipeline.nextAgent(this.state) : null,
      agents: pipeline.plannedAgents(this.state),
      workflow: workflowOf(this.state),
      last_seq: this.log.lastSeq,
      state: this.state,
      updated_at: new Date().toISOString(),
    };
  }

  private async allEvents() {
    const rows = await this.deps.repository.eventsAfter(this.run.id, -1, MAX_EVENTS);
    return rows.map((row) => presentEvent(row, this.run.threadId));
  }
}
