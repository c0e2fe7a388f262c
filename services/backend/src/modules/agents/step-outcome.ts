import type { AgentName } from '@netra/shared/contracts';
import type { AgentContext } from './agent.js';
import type { WorkflowState } from './workflow-state.js';

/** How one agent's step ended; a failure is already recorded in the returned state. */
export type StepOutcome =
  | { ok: true; agent: AgentName; summary: string }
  | { ok: false; agent: AgentName; code: string; message: string };

export interface StepResult {
  state: WorkflowState;
  outcome: StepOutcome;
}

/**
 * What the runs module executes: the workflow's routing and one step at a time. The runs module owns
 * durability (checkpoints, events, leases); the agents module owns what each step does.
 */
export interface RunPipeline {
  nextAgent(state: WorkflowState): AgentName | null;
  plannedAgents(state: WorkflowState): AgentName[];
  /** Runs one agent within its time limit. Throws only when the run's signal was aborted (cancel). */
  step(agent: AgentName, state: WorkflowState, context: AgentContext): Promise<StepResult>;
}
