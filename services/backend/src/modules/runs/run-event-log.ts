/**
 * The events of one executing run (§4.3): each gets the run's next seq, is stored in PostgreSQL
 * (fenced by the lease), then mirrored to the hot tier and handed to listeners. A resumed run
 * re-executes the step that was interrupted; its emissions whose seq is already stored are skipped,
 * so the stored sequence has neither a gap nor a repeat (steps emit the same sequence each time).
 * @module
 */
import type { AgentName, RunEvent, RunEventType } from '@netra/shared/contracts';
import type { AgentEvents } from '#modules/agents/agent.js';
import type { HotRunMirror } from './hot-run-tier.js';
import type { RunsRepository } from './runs.repository.js';
import { timed, type RunMetrics } from './runs.metrics.js';

/** The `agent` of events about the whole run (`run_completed`, `run_failed`). */
export const RUN_AGENT = 'run';

export class LeaseLostError extends Error {
  readonly code = 'lease_lost';
}

/** Told about every event this worker stores (the bench and fault tests listen here). */
export type RunEventListener = (event: RunEvent) => void;

export interface RunEventLogOptions {
  runId: string;
  threadId: string;
  worker: string;
  /** The seq the next emission takes: one after the last checkpoint's. */
  nextSeq: number;
  /** The highest seq PostgreSQL already holds (a crashed worker may have stored beyond the checkpoint). */
  storedSeq: number;
  repository: RunsRepository;
  metrics: RunMetrics;
  listeners: readonly RunEventListener[];
  onLeaseLost(): void;
}

type StepEmit = (type: RunEventType, payload: Record<string, unknown>) => Promise<void>;

interface ToolCall<T> {
  tool: string;
  input: unknown;
  work: () => Promise<T>;
  summarize: ((output: T) => unknown) | undefined;
}

export class RunEventLog {
  private nextSeq: number;
  private readonly storedSeq: number;
  private mirror: HotRunMirror | undefined;
  /** Emissions are written one after another, so the hot stream receives them in seq order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunEventLogOptions) {
    this.nextSeq = options.nextSeq;
    this.storedSeq = options.storedSeq;
  }

  attach(mirror: HotRunMirror): void {
    this.mirror = mirror;
  }

  /** The seq of the last emission (stored now or before). */
  get lastSeq(): number {
    return Math.max(this.nextSeq - 1, -1);
  }

  /** Resolves once every emission so far is written (or failed). */
  settled(): Promise<void> {
    return this.chain.catch(() => undefined);
  }

  emit(type: RunEventType, agent: string, payload: Record<string, unknown>): Promise<void> {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    if (seq <= this.storedSeq) {
      return this.chain;
    }
    const event = {
      type,
      payload,
      ts: new Date().toISOString(),
      run_id: this.options.runId,
      thread_id: this.options.threadId,
      agent,
      seq,
    } as RunEvent;
    this.chain = this.chain.then(() => this.write(event));
    return this.chain;
  }

  private async write(event: RunEvent): Promise<void> {
    const { repository, runId, worker, metrics } = this.options;
    const stored = {
      seq: event.seq,
      type: event.type,
      agent: event.agent === RUN_AGENT ? null : (event.agent as AgentName),
      payload: event.payload as Record<string, unknown>,
      ts: new Date(event.ts),
    };
    const held = await timed(
      (seconds, ok) => {
        metrics.observeTier('event', seconds, ok);
      },
      () => repository.appendEvent(runId, worker, stored),
    );
    if (!held) {
      this.options.onLeaseLost();
      throw new LeaseLostError(`run ${runId} is no longer held by ${worker}`);
    }
    await this.mirror?.event(event);
    for (const listener of this.options.listeners) {
      listener(event);
    }
  }

  /**
   * The events one agent step emits through. Closed once the step returns, so an agent still
   * working after its time limit (or a cancel) can no longer emit into the run.
   */
  forStep(agent: AgentName): { events: AgentEvents; close(): void } {
    let open = true;
    const emit: StepEmit = (type, payload) => (open ? this.emit(type, agent, payload) : Promise.resolve());
    const events: AgentEvents = {
      thinking: (text) => emit('agent_thinking', { text }),
      progress: (stage, progress, message) =>
        emit('progress_update', {
          stage,
          ...(progress === undefined ? {} : { progress }),
          ...(message === undefined ? {} : { message }),
        }),
      tool: (tool, input, work, summarize) => this.toolCall(emit, { tool, input, work, summarize }),
    };
    return {
      events,
      close: () => {
        open = false;
      },
    };
  }

  /** `tool_executing`, the work, `tool_completed` (ok or not); the work's result or its error. */
  private async toolCall<T>(emit: StepEmit, call: ToolCall<T>): Promise<T> {
    const { tool, input, work, summarize } = call;
    // The seq names the call, so a re-executed step gives it the same id.
    const callId = `call-${this.nextSeq}`;
    await emit('tool_executing', { tool, call_id: callId, input });
    const started = performance.now();
    const done = (ok: boolean, output: unknown) =>
      emit('tool_completed', { tool, call_id: callId, ok, output, duration_ms: performance.now() - started });
    try {
      const result = await work();
      await done(true, summarize === undefined ? undefined : summarize(result));
      return result;
    } catch (error) {
      await done(false, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
}
