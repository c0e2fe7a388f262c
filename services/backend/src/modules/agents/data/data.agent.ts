/**
 * The Data agent: profiles the analyzed window (requests, cost, days, models, features, error rate,
 * p95 latency), keeps its daily series and screens it for spend spikes, error surges and latency
 * regressions, stating the method. Reads only; every figure is measured from stored usage.
 * @module
 */
import type { CostSummary } from '@netra/optimizer';
import type { DataFindings } from '@netra/shared/contracts';
import type { Agent, AgentContext, AgentDependencies, DailyUsage } from '#modules/agents/agent.js';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';
import { analysisScope } from '#modules/agents/optimization/optimization.agent.js';
import { ANOMALY_METHOD, findUsageAnomalies } from './usage-anomalies.js';

type Profile = DataFindings['profile'];

const DAY_MS = 86_400_000;

export const PROFILE_METHOD =
  'Profile over the analyzed window: requests and priced cost summed; days from the first to the last day ' +
  'with usage; the error rate is failed over all requests; the window p95 latency is the request-weighted ' +
  'median of the daily p95s (each day exact up to 8,192 latencies).';

/** The request-weighted median of the daily p95 latencies; null when no day has one. */
export function weightedMedianP95(series: readonly DailyUsage[]): number | null {
  const days = series
    .flatMap((day) =>
      day.p95_latency_ms === null ? [] : [{ p95: day.p95_latency_ms, weight: day.requests }],
    )
    .sort((a, b) => a.p95 - b.p95);
  const total = days.reduce((sum, day) => sum + day.weight, 0);
  let seen = 0;
  for (const day of days) {
    seen += day.weight;
    if (seen >= total / 2) {
      return day.p95;
    }
  }
  return null;
}

function spannedDays(series: readonly DailyUsage[]): number {
  const first = series[0];
  const last = series.at(-1);
  return first === undefined || last === undefined
    ? 0
    : (Date.parse(last.day) - Date.parse(first.day)) / DAY_MS + 1;
}

/** The window's profile from its daily series and its spend by model and feature. */
export function profileOf(series: readonly DailyUsage[], spend: CostSummary): Profile {
  const requests = series.reduce((sum, day) => sum + day.requests, 0);
  const errors = series.reduce((sum, day) => sum + day.errors, 0);
  return {
    requests,
    cost_usd: series.reduce((sum, day) => sum + day.cost_usd, 0),
    days: spannedDays(series),
    models: spend.by_model.length,
    features: spend.by_feature.filter((slice) => slice.feature !== '').length,
    error_rate: requests === 0 ? 0 : Math.min(1, errors / requests),
    p95_latency_ms: weightedMedianP95(series),
  };
}

/** Findings from the series and the spend summary (pure: the agent's reads are done). */
export function dataFindings(series: readonly DailyUsage[], spend: CostSummary): DataFindings {
  return {
    profile: profileOf(series, spend),
    series: series.map((day) => ({ ...day })),
    anomalies: findUsageAnomalies(series),
    method: `${PROFILE_METHOD} ${ANOMALY_METHOD}`,
  };
}

/** The daily series and spend summary of the verdict's window, each read reported as a tool. */
async function readWindow(sufficiency: SufficiencyResult, context: AgentContext, deps: AgentDependencies) {
  const scope = analysisScope(context.orgId, sufficiency.scope);
  const { events } = context;
  const series = await events.tool(
    'daily_usage',
    sufficiency.scope,
    () => deps.dailyUsage(scope.orgId, scope.from, scope.to),
    (days) => ({ days: days.length }),
  );
  const spend = await events.tool(
    'cost_summary',
    sufficiency.scope,
    () => deps.usage.costSummary(scope),
    (summary) => ({ models: summary.by_model.length, features: summary.by_feature.length }),
  );
  return { series, spend };
}

function anomalyNote({ anomalies }: DataFindings): string {
  if (anomalies.length === 0) {
    return 'No spend spike, error surge or latency regression in the window.';
  }
  return `Found ${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}: ${anomalies.map((item) => item.message).join(' ')}`;
}

async function findings(
  sufficiency: SufficiencyResult,
  context: AgentContext,
  deps: AgentDependencies,
): Promise<DataFindings> {
  await context.events.thinking('Profiling the analyzed usage and screening its daily series for anomalies.');
  const { series, spend } = await readWindow(sufficiency, context, deps);
  const result = dataFindings(series, spend);
  await context.events.thinking(anomalyNote(result));
  return result;
}

export const dataAgent: Agent<{ triage: TriageResult; sufficiency: SufficiencyResult }, DataFindings> = {
  name: 'data',
  timeoutMs: 30_000,
  run: ({ sufficiency }, context, deps) => findings(sufficiency, context, deps),
};
