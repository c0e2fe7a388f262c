/**
 * For tests: a run to hang a report on (a person, a thread and the run row, straight in PostgreSQL
 * as the runs module stores them) and a report draft around a real engine report, shaped as the
 * Reporting agent writes it.
 * @module
 */
import { newId } from '@netra/shared';
import type { AnalysisReport } from '@netra/shared/contracts';
import { renderReportMarkdown } from '@netra/optimizer';
import { runs } from '#modules/runs/runs.tables.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import type { ReportBody } from './report-body.js';

/** A thread of the organization with one run on it. */
export async function newTestRun(
  test: BackendTestApp,
  orgId: string,
): Promise<{ runId: string; threadId: string }> {
  const person = await testPerson(test, 'report-author');
  const thread = await test.backend.services.threads.create(
    { ...person, orgId, role: 'member' },
    'Where does our LLM spend go?',
  );
  const runId = newId();
  await test.backend.stores.postgres.db
    .insert(runs)
    .values({ id: runId, orgId, threadId: thread.id, createdBy: person.userId, text: 'Where does it go?' });
  return { runId, threadId: thread.id };
}

const GOAL: ReportBody['goal'] = {
  category: 'cost_optimization',
  objective: 'cost',
  maintain_quality: true,
  no_cost_increase: false,
  target_savings_pct: null,
  target_latency_ms: null,
  growth_multiplier: null,
  stated_monthly_spend_usd: null,
  stated_models: [],
};

function summaryOf({ plan, baseline }: AnalysisReport): ReportBody['summary'] {
  return {
    headline: `Save ${plan.proven.monthly_savings_usd.toFixed(2)} USD a month, proven by your data`,
    baseline_monthly_usd: baseline.monthly_cost_usd,
    baseline_source: 'data',
    proven_monthly_savings_usd: plan.proven.monthly_savings_usd,
    proven_savings_pct: plan.proven.savings_pct,
    potential_monthly_savings_usd: plan.monthly_savings_usd,
    potential_savings_pct: plan.savings_pct,
    roi: null,
    payback_days: null,
  };
}

function actionPlanOf(analysis: AnalysisReport): NonNullable<ReportBody['action_plan']> {
  const steps = analysis.opportunities.map((opportunity, index) => ({
    order: index + 1,
    opportunity_id: opportunity.id,
    title: opportunity.title,
    owner_role: 'platform engineer',
    effort: opportunity.effort,
    phases: [{ name: 'canary', traffic_pct: 10, duration_days: 3 }],
    validation: ['cost per request falls, quality holds'],
    rollback_triggers: ['error rate above 2%'],
    artifacts: [],
  }));
  return { steps };
}

/** A full-tier report draft leading with the analysis' proven figure. */
export function reportDraftOf(analysis: AnalysisReport, title = 'LLM spend: where to save'): ReportBody {
  return {
    tier: 'full',
    title,
    goal: GOAL,
    summary: summaryOf(analysis),
    analysis,
    data_request: null,
    findings: null,
    action_plan: actionPlanOf(analysis),
    caveats: ['Figures scale the observed period to 30 days.'],
    markdown: `# ${title}\n\n${renderReportMarkdown(analysis)}`,
  };
}
