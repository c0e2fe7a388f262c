/**
 * The report of an agent run (§3): the engine's §4.2 analysis with what the agents add around it —
 * the tier, an executive summary leading with proven savings, the data request, the data findings
 * and the action plan — and its Markdown. Stored per run, listed under `/reports`, exported.
 * @module
 */
import { z } from 'zod';
import { analysisReportSchema } from './report.js';

const isoDate = z.iso.datetime({ offset: true });
const usd = z.number().nonnegative();

/** full: data sufficient; partial: figures with caveats and a data request; guidance: what to send. */
export const REPORT_TIERS = ['full', 'partial', 'guidance'] as const;
export type ReportTier = (typeof REPORT_TIERS)[number];

export const TRIAGE_CATEGORIES = [
  'cost_optimization',
  'performance_optimization',
  'model_selection',
  'workload_analysis',
  'capacity_planning',
  'configuration',
  'monitoring_reporting',
  'general',
] as const;
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

/** What the user asked for, as triage understood it (shown on the report, used by every agent). */
export const requestGoalSchema = z.object({
  category: z.enum(TRIAGE_CATEGORIES),
  objective: z.enum(['cost', 'latency', 'quality', 'capacity', 'insight']),
  maintain_quality: z.boolean(),
  no_cost_increase: z.boolean(),
  target_savings_pct: z.number().positive().max(100).nullable(),
  target_latency_ms: z.number().positive().nullable(),
  /** "will triple our usage" → 3. */
  growth_multiplier: z.number().positive().nullable(),
  /** A spend the user stated, per month. */
  stated_monthly_spend_usd: usd.nullable(),
  stated_models: z.array(z.string()),
});
export type RequestGoal = z.infer<typeof requestGoalSchema>;

/** Exactly what data to send and how (Data Helper). */
export const dataRequestSchema = z.object({
  summary: z.string(),
  period: z.object({ days: z.number().int().positive(), why: z.string() }),
  fields: z.array(z.object({ field: z.string(), required: z.boolean(), why: z.string() })),
  sources: z.array(
    z.object({
      source: z.string(),
      title: z.string(),
      steps: z.array(z.string()),
      snippet: z.string().optional(),
      language: z.string().optional(),
    }),
  ),
  ingestion: z.object({ events_url: z.string(), files_url: z.string(), otlp_traces_url: z.string() }),
  csv_template: z.string(),
});
export type DataRequest = z.infer<typeof dataRequestSchema>;

export const ANOMALY_KINDS = ['spend_spike', 'error_surge', 'latency_regression'] as const;

/** The Data agent's findings: a profile, daily series and anomalies, with the method stated. */
export const dataFindingsSchema = z.object({
  profile: z.object({
    requests: z.number().int().nonnegative(),
    cost_usd: usd,
    days: z.number().nonnegative(),
    models: z.number().int().nonnegative(),
    features: z.number().int().nonnegative(),
    error_rate: z.number().min(0).max(1),
    p95_latency_ms: z.number().nonnegative().nullable(),
  }),
  series: z.array(
    z.object({
      day: z.string(),
      requests: z.number().int().nonnegative(),
      cost_usd: usd,
      errors: z.number().int().nonnegative(),
      p95_latency_ms: z.number().nonnegative().nullable(),
    }),
  ),
  anomalies: z.array(
    z.object({
      kind: z.enum(ANOMALY_KINDS),
      day: z.string(),
      value: z.number(),
      expected: z.number(),
      score: z.number(),
      message: z.string(),
    }),
  ),
  method: z.string(),
});
export type DataFindings = z.infer<typeof dataFindingsSchema>;

/** One step of the action plan: who does what, rolled out in phases, with checks and a way back. */
export const actionStepSchema = z.object({
  order: z.number().int().positive(),
  opportunity_id: z.string().nullable(),
  title: z.string(),
  owner_role: z.string(),
  effort: z.enum(['low', 'medium', 'high']),
  phases: z.array(
    z.object({
      name: z.string(),
      traffic_pct: z.number().min(0).max(100),
      duration_days: z.number().nonnegative(),
    }),
  ),
  validation: z.array(z.string()),
  rollback_triggers: z.array(z.string()),
  artifacts: z.array(z.object({ label: z.string(), language: z.string().optional(), content: z.string() })),
});
export const actionPlanSchema = z.object({ steps: z.array(actionStepSchema) });
export type ActionPlan = z.infer<typeof actionPlanSchema>;

/** Executive summary: the baseline, proven savings first and potential beside, ROI and payback. */
export const reportSummarySchema = z.object({
  headline: z.string(),
  baseline_monthly_usd: usd,
  /** data: measured from usage; stated: from the user's message; none: unknown. */
  baseline_source: z.enum(['data', 'stated', 'none']),
  proven_monthly_savings_usd: usd,
  proven_savings_pct: z.number().min(0).max(100),
  potential_monthly_savings_usd: usd,
  potential_savings_pct: z.number().min(0).max(100),
  /** Yearly proven savings per dollar of one-off effort; null when there is nothing to compare. */
  roi: z.number().nonnegative().nullable(),
  payback_days: z.number().nonnegative().nullable(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const runReportSchema = z.object({
  id: z.uuid(),
  org_id: z.uuid(),
  run_id: z.uuid(),
  thread_id: z.uuid(),
  created_at: isoDate,
  tier: z.enum(REPORT_TIERS),
  title: z.string(),
  goal: requestGoalSchema,
  summary: reportSummarySchema,
  /** The engine's report of the scope (with no data: its empty assessment). Every figure comes from it. */
  analysis: analysisReportSchema,
  data_request: dataRequestSchema.nullable(),
  findings: dataFindingsSchema.nullable(),
  action_plan: actionPlanSchema.nullable(),
  caveats: z.array(z.string()),
  markdown: z.string(),
});
export type RunReport = z.infer<typeof runReportSchema>;

/** A report in a list (`GET /orgs/{org_id}/reports`): what it is and its headline figures. */
export const reportListItemSchema = runReportSchema.pick({
  id: true,
  org_id: true,
  run_id: true,
  thread_id: true,
  created_at: true,
  tier: true,
  title: true,
  summary: true,
});
export type ReportListItem = z.infer<typeof reportListItemSchema>;

export const RECOMMENDATION_STATUSES = ['proposed', 'applied', 'dismissed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** Savings measured after a recommendation was applied, against before, on the same scope. */
export const realizedSavingsSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('not_enough_data'),
    message: z.string(),
    days_before: z.number().nonnegative(),
    days_after: z.number().nonnegative(),
    min_days: z.number().int().positive(),
  }),
  z.object({
    status: z.literal('measured'),
    days_before: z.number().nonnegative(),
    days_after: z.number().nonnegative(),
    before: z.object({
      requests: z.number().int(),
      cost_usd: usd,
      cost_per_request_usd: usd,
      monthly_cost_usd: usd,
    }),
    after: z.object({
      requests: z.number().int(),
      cost_usd: usd,
      cost_per_request_usd: usd,
      monthly_cost_usd: usd,
    }),
    /** (before − after cost per request) × requests after, scaled to 30 days. */
    realized_monthly_savings_usd: z.number(),
    metric: z.object({ name: z.string(), before: z.number(), after: z.number() }),
  }),
]);
export type RealizedSavings = z.infer<typeof realizedSavingsSchema>;

export const recommendationSchema = z.object({
  id: z.uuid(),
  org_id: z.uuid(),
  report_id: z.uuid(),
  opportunity_id: z.string(),
  kind: z.string(),
  title: z.string(),
  scope: z.object({
    feature: z.string().optional(),
    model: z.string().optional(),
    provider: z.string().optional(),
  }),
  monthly_savings_usd: usd,
  proven: z.boolean(),
  status: z.enum(RECOMMENDATION_STATUSES),
  applied_at: isoDate.nullable(),
  dismissed_reason: z.string().nullable(),
  created_at: isoDate,
  updated_at: isoDate,
  /** Only for applied recommendations. */
  realized: realizedSavingsSchema.nullable(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const updateRecommendationBodySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied'), applied_at: isoDate }),
  z.object({ status: z.literal('dismissed'), reason: z.string().trim().min(1).max(2_000) }),
  z.object({ status: z.literal('proposed') }),
]);
export type UpdateRecommendationBody = z.infer<typeof updateRecommendationBodySchema>;
