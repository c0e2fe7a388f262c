/**
 * The WebSocket bench's RunPipeline: one agent step that, once the bench opens its gate, emits
 * `agent_thinking` events at a steady interval through the run's real event path (stored in
 * PostgreSQL, appended to the Redis hot tier, then delivered by the gateway to whoever follows the
 * run), then ends with a report like the scripted pipeline's. Runs are spread evenly over the
 * interval, so the total rate is steady rather than bursting every interval.
 * @module
 */
import type { AgentName } from '@netra/shared/contracts';
import type { AgentContext } from '#modules/agents/agent.js';
import type { RunPipeline, StepResult } from '#modules/agents/step-outcome.js';
import type { WorkflowState } from '#modules/agents/workflow-state.js';
import { scriptedReport } from '#test-support/runs/scripted-pipeline.js';

const AGENT: AgentName = 'reporting';

export interface SteadyPublication {
  runs: number;
  eventsPerRun: number;
  intervalMs: number;
}

/** A thinking text of the usual length; the step number is zero-padded so every event has the same size. */
export function thinkingText(step: number): string {
  return (
    'Comparing what gpt-4o and gpt-4o-mini cost the checkout-assistant feature over the last 14 days ' +
    `of requests (step ${String(step).padStart(6, '0')})`
  );
}

/** Waits until `at` (performance.now() time); rejects when the run's signal aborts. */
export function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, at - performance.now()),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class SteadyPipeline implements RunPipeline {
  private entered = 0;
  private waiters: (() => void)[] = [];
  private openGate: (startAt: number) => void = () => undefined;
  private readonly gate = new Promise<number>((resolve) => {
    this.openGate = resolve;
  });
  /** Emissions that began more than one interval after their scheduled time (the server fell behind). */
  late = 0;

  constructor(private readonly publication: SteadyPublication) {}

  nextAgent(state: WorkflowState): AgentName | null {
    return state.done.includes(AGENT) ? null : AGENT;
  }

  plannedAgents(): AgentName[] {
    return [AGENT];
  }

  /** Resolves once every run waits at the gate (each has stored its `agent_started`). */
  async allWaiting(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.entered < this.publication.runs) {
      if (performance.now() > deadline) {
        throw new Error(`${this.entered} of ${this.publication.runs} runs started within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Lets every run publish, the first events at `startAt` (performance.now() time). */
  open(startAt: number): void {
    this.openGate(startAt);
  }

  async step(agent: AgentName, state: WorkflowState, context: AgentContext): Promise<StepResult> {
    const slot = this.entered;
    this.entered += 1;
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
    const startAt = await this.gate;
    await this.publish(startAt + (slot / this.publication.runs) * this.publication.intervalMs, context);
    const next: WorkflowState = { ...state, done: [...state.done, agent], report: scriptedReport(context) };
    return { state: next, outcome: { ok: true, agent, summary: 'published' } };
  }

  private async publish(firstAt: number, context: AgentContext): Promise<void> {
    const { eventsPerRun, intervalMs } = this.publication;
    for (let step = 0; step < eventsPerRun; step += 1) {
      const due = firstAt + step * intervalMs;
      await sleepUntil(due, context.signal);
      if (performance.now() - due > intervalMs) {
        this.late += 1;
      }
      await context.events.thinking(thinkingText(step));
    }
  }
}
