/**
 * For tests: a run to hang a report on (a person, a thread and the run row, straight in PostgreSQL
 * as the runs module stores them) and a report draft around a real engine report, shaped as the
 * Reporting agent writes it.
 * @module
 */
import { newId } from '@netra/shared';
import type { AnalysisReport } from '@netra/shared/contracts';
import { analyzeUsage, createPriceCatalog, renderReportMarkdown } from '@netra/optimizer';
import { runs } from '#modules/runs/runs.tables.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import type { ReportBody } from '#modules/reports/report-body.js';
import { GENERAL_GOAL } from '#modules/agents/triage/request-goal.js';

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
  ...GENERAL_GOAL,
  category: 'cost_optimization',
  objective: 'cost',
  maintain_quality: true,
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

/** An opportunity to recommend where the organization has no usage to find one in. */
const STANDING_OPPORTUNITY: AnalysisReport['opportunities'][number] = {
  id: 'error_waste:fixture',
  kind: 'error_waste',
  title: 'Stop paying for failed requests',
  scope: { feature: 'fixture' },
  monthly_savings_usd: 1,
  savings_pct_of_baseline: 1,
  confidence: 'high',
  risk: 'low',
  effort: 'low',
  evidence: {},
  assumptions: [],
  actions: [],
  requires_evaluation: false,
};

/**
 * A stored report of the organization on a fresh run, with at least one recommendation: its ids.
 * The engine's report of the organization's usage, with a standing opportunity when it found none.
 */
export async function savedTestReport(
  test: BackendTestApp,
  orgId: string,
  title: string,
): Promise<{ report: string; recommendation: string }> {
  const analysis = await analyzeUsage(test.backend.usageAnalysis, {
    scope: { orgId },
    catalog: createPriceCatalog(),
  });
  if (analysis.opportunities.length === 0) {
    analysis.opportunities.push(STANDING_OPPORTUNITY);
  }
  const run = await newTestRun(test, orgId);
  const { services } = test.backend;
  const saved = await services.reports.saveRunReport({
    orgId,
    ...run,
    createdAt: new Date(),
    draft: reportDraftOf(analysis, title),
  });
  const page = await services.recommendations.list(orgId, { limit: 1, report_id: saved.id });
  const recommendation = page.items[0]?.id ?? '';
  return { report: saved.id, recommendation };
}

/** The context of an authorization matrix, read when a request is prepared (it is set up in beforeAll). */
interface MatrixContext {
  test: BackendTestApp;
  orgId: string;
  /** A value that must never reach another organization's user; ids created are added to `secrets`. */
  secret: string;
  secrets: string[];
}

interface MatrixRow {
  prepare: () => Promise<{ url: string; payload?: string; contentType?: string }>;
  ok: number;
}

type ReportIds = Awaited<ReturnType<typeof savedTestReport>>;

/** A matrix row whose request acts on a fresh report of the organization (or its first recommendation). */
function matrixRow(
  context: () => MatrixContext,
  path: (ids: ReportIds) => string,
  body?: unknown,
): MatrixRow {
  return {
    prepare: async () => {
      const { test, orgId, secret, secrets } = context();
      const ids = await savedTestReport(test, orgId, `Report ${secret}`);
      secrets.push(ids.report, ids.recommendation);
      const payload =
        body === undefined ? {} : { payload: JSON.stringify(body), contentType: 'application/json' };
      return { url: `/api/v1/orgs/${orgId}${path(ids)}`, ...payload };
    },
    ok: 200,
  };
}

/** The authorization matrix's rows for the reports and recommendations routes (viewer reads, member marks). */
export function reportMatrixRows(context: () => MatrixContext): Record<string, MatrixRow> {
  const row = (path: (ids: ReportIds) => string, body?: unknown) => matrixRow(context, path, body);
  const item = (ids: ReportIds) => `/recommendations/${ids.recommendation}`;
  return {
    'GET /api/v1/orgs/:org_id/reports': row(() => '/reports'),
    'GET /api/v1/orgs/:org_id/reports/:id': row((ids) => `/reports/${ids.report}`),
    'GET /api/v1/orgs/:org_id/reports/:id/export': row((ids) => `/reports/${ids.report}/export?format=html`),
    'GET /api/v1/orgs/:org_id/recommendations': row(() => '/recommendations'),
    'GET /api/v1/orgs/:org_id/recommendations/:id': row(item),
    'PATCH /api/v1/orgs/:org_id/recommendations/:id': row(item, {
      status: 'dismissed',
      reason: 'Not for us',
    }),
  };
}
