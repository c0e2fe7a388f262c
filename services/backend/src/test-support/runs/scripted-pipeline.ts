/**
 * A deterministic RunPipeline for the runs module's tests: four agents, each emitting the same
 * events every time (thinking, one tool call, progress), the last one writing a valid report. A run
 * whose text contains `[hold:<agent>]` waits inside that agent's tool call until the test releases
 * it (or its signal aborts), so tests can cancel, crash or restart stores mid-run without timing.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { AgentName } from '@netra/shared/contracts';
import type { AgentContext, PreviousRun } from '#modules/agents/agent.js';
import type { RunPipeline, StepResult } from '#modules/agents/step-outcome.js';
import type { ReportDraft, WorkflowState } from '#modules/agents/workflow-state.js';
import { zeroAnalysis } from '#modules/agents/reporting/report-draft.js';
import { GENERAL_GOAL } from '#modules/agents/triage/request-goal.js';

export const SCRIPTED_AGENTS: readonly AgentName[] = [
  'triage',
  'data_sufficiency',
  'data_helper',
  'reporting',
];

export function scriptedReport(context: AgentContext): ReportDraft {
  const headline = `Scripted answer to: ${context.text.slice(0, 40)}`;
  return {
    tier: 'guidance',
    title: 'Scripted report',
    goal: GENERAL_GOAL,
    summary: {
      headline,
      baseline_monthly_usd: 0,
      baseline_source: 'none',
      proven_monthly_savings_usd: 0,
      proven_savings_pct: 0,
      potential_monthly_savings_usd: 0,
      potential_savings_pct: 0,
      roi: null,
      payback_days: null,
    },
    analysis: zeroAnalysis(context.now, 'A scripted run reads no usage.'),
    data_request: null,
    findings: null,
    action_plan: null,
    caveats: [],
    markdown: `# Scripted report\n\n${headline}\n`,
  };
}

function abortable(ms: number, signal: AbortSignal, until?: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      if (until === undefined) {
        done();
      } else {
        void until.then(done);
      }
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

interface Hold {
  reached: Promise<void>;
  markReached(): void;
  released: Promise<void>;
  release(): void;
}

function newHold(): Hold {
  let markReached: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    markReached = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { reached, markReached, released, release };
}

export class ScriptedPipeline implements RunPipeline {
  private readonly holds = new Map<string, Hold>();
  /** What each run's agents were told of the thread's previous run. */
  readonly previous = new Map<string, PreviousRun | null>();
  private readonly id = randomBytes(4).toString('hex');

  constructor(private readonly stepMs = 20) {}

  nextAgent(state: WorkflowState): AgentName | null {
    return SCRIPTED_AGENTS.find((agent) => !state.done.includes(agent)) ?? null;
  }

  plannedAgents(): AgentName[] {
    return [...SCRIPTED_AGENTS];
  }

  private hold(runId: string): Hold {
    let hold = this.holds.get(runId);
    if (hold === undefined) {
      hold = newHold();
      this.holds.set(runId, hold);
    }
    return hold;
  }

  /** Put in a run's text, it makes this pipeline hold the run inside `agent`. */
  holdText(agent: AgentName): string {
    return `[hold:${agent}:${this.id}]`;
  }

  /** Put in a run's text, it makes `agent` fail (a recorded failure; the workflow goes on). */
  failText(agent: AgentName): string {
    return `[fail:${agent}:${this.id}]`;
  }

  /** Resolves once the run is held (inside its tool call). */
  reached(runId: string): Promise<void> {
    return this.hold(runId).reached;
  }

  /** Lets the run's held step go on (also before it is reached). */
  release(runId: string): void {
    this.hold(runId).release();
  }

  async step(agent: AgentName, state: WorkflowState, context: AgentContext): Promise<StepResult> {
    this.previous.set(context.runId, context.previous);
    const held = context.text.includes(this.holdText(agent)) ? this.hold(context.runId) : undefined;
    await context.events.thinking(`${agent} looks at the question`);
    const count = await context.events.tool(
      'count_done',
      { agent },
      async () => {
        held?.markReached();
        await abortable(this.stepMs, context.signal, held?.released);
        return state.done.length;
      },
      (done) => ({ done }),
    );
    await context.events.progress(agent, 0.5, `${count} agents before ${agent}`);
    const next: WorkflowState = { ...state, done: [...state.done, agent] };
    if (context.text.includes(this.failText(agent))) {
      const failure = { agent, code: 'scripted_failure', message: `${agent} failed as scripted` };
      return {
        state: { ...next, failures: [...state.failures, failure] },
        outcome: { ok: false, ...failure },
      };
    }
    if (agent === 'reporting') {
      next.report = scriptedReport(context);
    }
    return { state: next, outcome: { ok: true, agent, summary: `${agent} done` } };
  }
}
