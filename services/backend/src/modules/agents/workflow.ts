/**
 * The adaptive workflow of ARCHITECTURE §3. Triage and data sufficiency always run; sufficiency picks
 * one of three routes; Reporting always runs last. A failed step degrades the route (the report
 * becomes partial) instead of failing the run.
 * @module
 */
import type { AgentName, Workflow } from '@netra/shared/contracts';
import type { WorkflowState } from './workflow-state.js';

const HEAD: readonly AgentName[] = ['triage', 'data_sufficiency'];

export const ROUTES: Readonly<Record<Workflow, readonly AgentName[]>> = {
  sufficient: ['data', 'optimization', 'actions', 'reporting'],
  partial: ['data_helper', 'data', 'optimization', 'actions', 'reporting'],
  insufficient: ['data_helper', 'reporting'],
};

/** Without a sufficiency verdict the run can still say what data to send. */
const WITHOUT_VERDICT: readonly AgentName[] = ['data_helper', 'reporting'];

function failed(state: WorkflowState, agent: AgentName): boolean {
  return state.failures.some((failure) => failure.agent === agent);
}

/** Agents that cannot do their work once an earlier one failed: actions need the optimization. */
function skippable(state: WorkflowState, agent: AgentName): boolean {
  return agent === 'actions' && failed(state, 'optimization');
}

/** The agents of this run, those done and those still planned, in order. */
export function plannedAgents(state: WorkflowState): AgentName[] {
  const workflow = state.sufficiency?.workflow;
  if (workflow !== undefined) {
    return [...HEAD, ...ROUTES[workflow]].filter((agent) => !skippable(state, agent));
  }
  return failed(state, 'data_sufficiency') ? [...HEAD, ...WITHOUT_VERDICT] : [...HEAD];
}

/** The next agent to run, or null when the run is done. */
export function nextAgent(state: WorkflowState): AgentName | null {
  return plannedAgents(state).find((agent) => !state.done.includes(agent)) ?? null;
}

/** The route the run took, once sufficiency has chosen it. */
export function workflowOf(state: WorkflowState): Workflow | null {
  return state.sufficiency?.workflow ?? null;
}
