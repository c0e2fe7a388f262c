/**
 * The agents behind the workflow: maps each agent to its input from the state and its output into
 * the state, and runs it within its time limit. A failed or timed-out agent is recorded and the
 * workflow degrades around it; triage and reporting fall back to a deterministic result, so a run
 * always ends with a report.
 * @module
 */
import type { AgentName } from '@netra/shared/contracts';
import type { Agent, AgentContext, AgentDependencies } from './agent.js';
import { actionsAgent } from './actions/actions.agent.js';
import { dataAgent } from './data/data.agent.js';
import { dataHelperAgent } from './data-helper/data-helper.agent.js';
import { optimizationAgent } from './optimization/optimization.agent.js';
import { fallbackReportDraft } from './reporting/fallback-report.js';
import { reportingAgent } from './reporting/reporting.agent.js';
import type { RunPipeline, StepResult } from './step-outcome.js';
import { sufficiencyAgent } from './sufficiency/sufficiency.agent.js';
import { fallbackTriage } from './triage/fallback-triage.js';
import { triageAgent } from './triage/triage.agent.js';
import { nextAgent, plannedAgents } from './workflow.js';
import type { WorkflowState } from './workflow-state.js';

/** An agent bound to the state: where its input comes from and where its output goes. */
interface Binding {
  agent: Agent<never, unknown>;
  run(state: WorkflowState, context: AgentContext, deps: AgentDependencies): Promise<Partial<WorkflowState>>;
  /** What the state gets when the agent failed; undefined leaves the gap (the route degrades). */
  fallback?(state: WorkflowState, context: AgentContext): Partial<WorkflowState>;
}

class MissingInputError extends Error {
  readonly code = 'missing_input';
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new MissingInputError(`the ${what} this agent needs is missing`);
  }
  return value;
}

const BINDINGS: Record<AgentName, Binding> = {
  triage: {
    agent: triageAgent,
    run: async (_state, context, deps) => ({
      triage: await triageAgent.run({ text: context.text, previous: context.previous }, context, deps),
    }),
    fallback: (_state, context) => ({ triage: fallbackTriage(context.text, context.now) }),
  },
  data_sufficiency: {
    agent: sufficiencyAgent,
    run: async (state, context, deps) => ({
      sufficiency: await sufficiencyAgent.run({ triage: need(state.triage, 'triage') }, context, deps),
    }),
  },
  data_helper: {
    agent: dataHelperAgent,
    run: async (state, context, deps) => ({
      data_request: await dataHelperAgent.run(
        { triage: need(state.triage, 'triage'), sufficiency: state.sufficiency },
        context,
        deps,
      ),
    }),
  },
  data: {
    agent: dataAgent,
    run: async (state, context, deps) => ({
      findings: await dataAgent.run(
        { triage: need(state.triage, 'triage'), sufficiency: need(state.sufficiency, 'sufficiency verdict') },
        context,
        deps,
      ),
    }),
  },
  optimization: {
    agent: optimizationAgent,
    run: async (state, context, deps) => ({
      optimization: await optimizationAgent.run(
        {
          triage: need(state.triage, 'triage'),
          sufficiency: need(state.sufficiency, 'sufficiency verdict'),
          findings: state.findings,
        },
        context,
        deps,
      ),
    }),
  },
  actions: {
    agent: actionsAgent,
    run: async (state, context, deps) => ({
      action_plan: await actionsAgent.run(
        { triage: need(state.triage, 'triage'), optimization: need(state.optimization, 'optimization') },
        context,
        deps,
      ),
    }),
  },
  reporting: {
    agent: reportingAgent,
    run: async (state, context, deps) => ({ report: await reportingAgent.run({ state }, context, deps) }),
    fallback: (state, context) => ({ report: fallbackReportDraft(state, context.now) }),
  },
};

class StepTimeoutError extends Error {
  readonly code = 'timeout';
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'agent_failed';
}

/** Runs `work` with a signal that aborts at the run's cancel or at the time limit, whichever is first. */
async function withinLimit<T>(
  context: AgentContext,
  timeoutMs: number,
  work: (context: AgentContext) => Promise<T>,
): Promise<T> {
  const limit = new AbortController();
  const timer = setTimeout(() => {
    limit.abort(new StepTimeoutError(`did not finish within ${timeoutMs} ms`));
  }, timeoutMs);
  const signal = AbortSignal.any([context.signal, limit.signal]);
  const aborted = new Promise<never>((_resolve, reject) => {
    signal.addEventListener(
      'abort',
      () => {
        reject(signal.reason instanceof Error ? signal.reason : new Error('the step was aborted'));
      },
      { once: true },
    );
  });
  try {
    return await Promise.race([work({ ...context, signal }), aborted]);
  } finally {
    clearTimeout(timer);
  }
}

export class AgentPipeline implements RunPipeline {
  constructor(private readonly deps: AgentDependencies) {}

  nextAgent(state: WorkflowState): AgentName | null {
    return nextAgent(state);
  }

  plannedAgents(state: WorkflowState): AgentName[] {
    return plannedAgents(state);
  }

  async step(agent: AgentName, state: WorkflowState, context: AgentContext): Promise<StepResult> {
    const binding = BINDINGS[agent];
    const done = [...state.done, agent];
    try {
      const output = await withinLimit(context, binding.agent.timeoutMs, (bound) =>
        binding.run(state, bound, this.deps),
      );
      return { state: { ...state, ...output, done }, outcome: { ok: true, agent, summary: `${agent} done` } };
    } catch (error) {
      if (context.signal.aborted) {
        throw error;
      }
      const failure = {
        agent,
        code: codeOf(error),
        message: error instanceof Error ? error.message : String(error),
      };
      const recovered = binding.fallback?.(state, context) ?? {};
      return {
        state: { ...state, ...recovered, failures: [...state.failures, failure], done },
        outcome: { ok: false, ...failure },
      };
    }
  }
}
