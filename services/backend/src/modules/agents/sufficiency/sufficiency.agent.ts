/**
 * Data sufficiency: is there enough usage to answer with figures? The scope is the period the
 * message names, else the 30 days up to the organization's latest event (no event: no data). The
 * engine profiles the totals of that scope (one aggregate, so the verdict stays quick at ten million
 * events) and assesses them; `sufficiency-decision.ts` holds the decision table
 * that turns the assessment and the message's stated spend into the workflow's route.
 * @module
 */
import { assessDataQuality, profileTotals, type AnalysisScope } from '@netra/optimizer';
import type { Agent, AgentContext, AgentDependencies } from '#modules/agents/agent.js';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';
import { decideSufficiency, type ScopeFacts } from './sufficiency-decision.js';

/** The default window: long enough for weekly patterns and a monthly projection. */
export const DEFAULT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

interface ChosenScope {
  scope: AnalysisScope;
  origin: ScopeFacts['origin'];
  mention: string | null;
  latestEvent: Date | null;
}

async function chooseScope(
  triage: TriageResult,
  orgId: string,
  deps: AgentDependencies,
): Promise<ChosenScope> {
  const range = triage.entities.time_range;
  const latest = await deps.latestEventOf(orgId);
  if (range !== null) {
    const scope = { orgId, from: new Date(range.from), to: new Date(range.to) };
    return { scope, origin: 'message', mention: range.mention, latestEvent: latest };
  }
  if (latest === null) {
    return { scope: { orgId }, origin: 'no_data', mention: null, latestEvent: null };
  }
  // The window is half-open: end just after the latest event so that it counts.
  const to = new Date(latest.getTime() + 1);
  const from = new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  return { scope: { orgId, from, to }, origin: 'latest_30_days', mention: null, latestEvent: latest };
}

async function assess(chosen: ChosenScope, context: AgentContext, deps: AgentDependencies) {
  const input = {
    from: chosen.scope.from?.toISOString() ?? null,
    to: chosen.scope.to?.toISOString() ?? null,
  };
  const profile = await context.events.tool(
    'profile_totals',
    input,
    () => profileTotals(deps.usage, chosen.scope),
    (output) => ({
      requests: output.requests,
      days: Math.round(output.period.days * 10) / 10,
      cost_usd: output.cost_usd,
    }),
  );
  const quality = await context.events.tool(
    'assess_data_quality',
    { requests: profile.requests },
    () => Promise.resolve(assessDataQuality(profile)),
    (output) => ({
      sufficiency: output.sufficiency,
      completeness: output.completeness,
      missing: output.missing.map((m) => m.field),
    }),
  );
  return { profile, quality };
}

function explanation(result: SufficiencyResult): string {
  const route = {
    sufficient: 'the full analysis',
    partial: 'an analysis with caveats, plus a request for the missing data',
    insufficient: 'guidance on exactly what data to send',
  }[result.workflow];
  return `Data is ${result.level} (${result.requests.toLocaleString('en-US')} requests in scope): continuing with ${route}. ${result.reasons[0] ?? ''}`.trim();
}

export const sufficiencyAgent: Agent<{ triage: TriageResult }, SufficiencyResult> = {
  name: 'data_sufficiency',
  timeoutMs: 30_000,
  async run({ triage }, context, deps) {
    const chosen = await chooseScope(triage, context.orgId, deps);
    const { profile, quality } = await assess(chosen, context, deps);
    const empty = profile.requests === 0;
    const facts: ScopeFacts = {
      from: chosen.scope.from ?? null,
      to: chosen.scope.to ?? null,
      origin: chosen.origin,
      mention: chosen.mention,
      requests: profile.requests,
      days: empty ? 0 : profile.period.days,
      latestEvent: chosen.latestEvent,
    };
    const result = decideSufficiency(quality, facts, triage.goal);
    await context.events.thinking(explanation(result));
    return result;
  },
};
