/**
 * The Reporting agent: always runs last and writes the run's report. Its figures come from the
 * engine: the Optimization agent's report when there is one, otherwise the engine is run here on
 * the verdict's window (cheap on the little data of a guidance run) within a deadline, and a zero
 * report stands in when even that fails. An LLM, when configured, may only rephrase the headline.
 * @module
 */
import type { AnalysisReport } from '@netra/shared/contracts';
import type { Agent, AgentContext, AgentDependencies } from '#modules/agents/agent.js';
import { analyzeScope } from '#modules/agents/optimization/optimization.agent.js';
import { reportDraftSchema, type ReportDraft, type WorkflowState } from '#modules/agents/workflow-state.js';
import { composeReportDraft, zeroAnalysis } from './report-draft.js';

const REPORTING_TIMEOUT_MS = 60_000;
/** The engine gets this much of the agent's time, so the report is still written if it is slow. */
export const ENGINE_DEADLINE_MS = 40_000;

class EngineDeadlineError extends Error {
  readonly code = 'engine_deadline';
}

/** `work`, or a rejection once `ms` have passed. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new EngineDeadlineError(`the engine did not finish within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

interface Analysis {
  analysis: AnalysisReport;
  caveats: string[];
}

async function engineAnalysis(
  state: WorkflowState,
  context: AgentContext,
  deps: AgentDependencies,
  deadlineMs: number,
): Promise<Analysis> {
  if (state.optimization !== undefined) {
    return { analysis: state.optimization.analysis, caveats: [] };
  }
  const scope = state.sufficiency?.scope ?? { from: null, to: null };
  try {
    const analysis = await context.events.tool('analyze_usage', scope, () =>
      withDeadline(analyzeScope(scope, context, deps), deadlineMs),
    );
    return { analysis, caveats: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const note = `The engine could not analyze the usage for this report (${reason}); its figures are zero.`;
    return { analysis: zeroAnalysis(context.now, note), caveats: [note] };
  }
}

/** Changes named in the phrasing facts: the goal's first few. */
const TOP_CHANGES = 3;

/** What the LLM may word: the summary's figures and the top ranked changes, all from the engine. */
export function headlineFacts(draft: ReportDraft, state: WorkflowState): Record<string, unknown> {
  const { headline, ...figures } = draft.summary;
  const byId = new Map(draft.analysis.opportunities.map((item) => [item.id, item]));
  const proven = new Set(draft.analysis.plan.proven.opportunity_ids);
  const top = (state.optimization?.ranked_ids ?? []).slice(0, TOP_CHANGES).flatMap((id) => {
    const item = byId.get(id);
    return item === undefined
      ? []
      : [{ title: item.title, monthly_savings_usd: item.monthly_savings_usd, proven: proven.has(id) }];
  });
  return { tier: draft.tier, objective: draft.goal.objective, headline, ...figures, top_changes: top };
}

/** The LLM's phrasing of the headline from the report's facts; undefined keeps the deterministic one. */
async function phrasedHeadline(
  draft: ReportDraft,
  state: WorkflowState,
  context: AgentContext,
  deps: AgentDependencies,
) {
  if (deps.llm === undefined) {
    return undefined;
  }
  try {
    const phrased = await deps.llm.phrase(headlineFacts(draft, state), context.signal);
    return phrased === undefined || phrased.trim() === '' ? undefined : phrased.trim();
  } catch {
    // Wording is optional: the deterministic headline stands.
    return undefined;
  }
}

/** Writes the report of `state`; `deadlineMs` bounds the engine run of a report without an optimization. */
export async function writeReport(
  state: WorkflowState,
  context: AgentContext,
  deps: AgentDependencies,
  deadlineMs = ENGINE_DEADLINE_MS,
): Promise<ReportDraft> {
  await context.events.thinking(
    'Writing the report: executive summary, findings, optimizations and next steps.',
  );
  const { analysis, caveats } = await engineAnalysis(state, context, deps, deadlineMs);
  const draft = composeReportDraft(state, analysis, { caveats });
  const headline = await phrasedHeadline(draft, state, context, deps);
  const report = headline === undefined ? draft : composeReportDraft(state, analysis, { caveats, headline });
  return reportDraftSchema.parse(report);
}

export const reportingAgent: Agent<{ state: WorkflowState }, ReportDraft> = {
  name: 'reporting',
  timeoutMs: REPORTING_TIMEOUT_MS,
  run: ({ state }, context, deps) => writeReport(state, context, deps),
};
