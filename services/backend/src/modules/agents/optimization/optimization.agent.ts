/**
 * The Optimization agent: runs the engine over the window the sufficiency check chose (a progress
 * update per engine stage), then ranks the engine's opportunities by the user's goal and
 * constraints. The engine's report is kept exactly as it came: every figure of the run is in it,
 * and the agent adds only an order and exclusions with reasons.
 * @module
 */
import { analyzeUsage, type AnalysisReport, type AnalysisStage } from '@netra/optimizer';
import type { DataFindings } from '@netra/shared/contracts';
import type { Agent, AgentContext, AgentDependencies } from '#modules/agents/agent.js';
import type { OptimizationResult, SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';
import { rankForGoal } from './goal-ranking.js';

/** Where each engine stage starts, as a share of the agent's work (re-pricing every request is most of it). */
const STAGE_PROGRESS: Record<AnalysisStage, { progress: number; message: string }> = {
  profile: { progress: 0.05, message: 'Profiling the workload' },
  analyze: { progress: 0.3, message: 'Finding savings opportunities' },
  quantify: { progress: 0.4, message: 'Re-pricing every request under the proposed changes' },
  report: { progress: 0.9, message: 'Assembling the report' },
};

export interface OptimizationInput {
  triage: TriageResult;
  sufficiency: SufficiencyResult;
  findings: DataFindings | undefined;
}

type VerdictScope = SufficiencyResult['scope'];

/** The scope of the verdict as the engine takes it (null bounds are open). */
export function analysisScope(orgId: string, { from, to }: VerdictScope) {
  return {
    orgId,
    from: from === null ? undefined : new Date(from),
    to: to === null ? undefined : new Date(to),
  };
}

/**
 * Runs the engine over the verdict's scope, reporting each stage as progress. The engine calls
 * `onStage` synchronously, so the progress events are chained and awaited before returning.
 */
export async function analyzeScope(
  verdictScope: VerdictScope,
  context: AgentContext,
  deps: AgentDependencies,
): Promise<AnalysisReport> {
  const { events } = context;
  let progress = Promise.resolve();
  const onStage = (stage: AnalysisStage) => {
    const { progress: share, message } = STAGE_PROGRESS[stage];
    progress = progress.then(() => events.progress(stage, share, message));
  };
  const catalog = await deps.catalogFor(context.orgId);
  const scope = analysisScope(context.orgId, verdictScope);
  const analysis = await analyzeUsage(deps.usage, { scope, catalog, now: () => context.now, onStage });
  await progress;
  return analysis;
}

/** What the Data agent's anomalies mean for the figures: they are averaged into the monthly scaling. */
export function anomalyNote(findings: DataFindings | undefined): string | undefined {
  const count = findings?.anomalies.length ?? 0;
  return count === 0
    ? undefined
    : `The window holds ${count} anomal${count === 1 ? 'y' : 'ies'} (see the data findings); ` +
        'the monthly figures scale the whole window, anomalous days included.';
}

async function optimize(
  { triage, sufficiency, findings }: OptimizationInput,
  context: AgentContext,
  deps: AgentDependencies,
): Promise<OptimizationResult> {
  const { events } = context;
  await events.thinking('Running the optimization engine over the analyzed window.');
  const analysis = await events.tool(
    'analyze_usage',
    sufficiency.scope,
    () => analyzeScope(sufficiency.scope, context, deps),
    (report) => ({
      opportunities: report.opportunities.length,
      plan_monthly_savings_usd: report.plan.monthly_savings_usd,
      proven_monthly_savings_usd: report.plan.proven.monthly_savings_usd,
    }),
  );
  const ranking = rankForGoal(analysis, triage.goal);
  const note = anomalyNote(findings);
  await events.thinking(note === undefined ? ranking.goal_note : `${ranking.goal_note} ${note}`);
  await events.progress('ranked', 1, `${ranking.ranked_ids.length} opportunities ranked for the goal`);
  return { analysis, ...ranking };
}

export const optimizationAgent: Agent<OptimizationInput, OptimizationResult> = {
  name: 'optimization',
  timeoutMs: 120_000,
  run: optimize,
};
