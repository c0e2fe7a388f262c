/**
 * The analysis report of ARCHITECTURE §4.2: what the optimization engine produces, the API serves,
 * `netra analyze --json` prints and the web app renders. One schema for all of them.
 * @module
 */
import { z } from 'zod';

/** Bumped whenever the report's shape changes incompatibly. */
export const REPORT_SCHEMA_VERSION = 1;

/** Every kind of savings opportunity the engine can report, in the order §4.2 defines them. */
export const OPPORTUNITY_KINDS = [
  'response_caching',
  'prompt_caching',
  'batch_api',
  'model_rightsizing',
  'error_waste',
  'output_length',
  'context_trimming',
  'provider_arbitrage',
  'reasoning_effort',
] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** How much the data supports: the workflow branches on this (§3). */
export const DATA_SUFFICIENCY = ['sufficient', 'partial', 'insufficient'] as const;
export type DataSufficiency = (typeof DATA_SUFFICIENCY)[number];

/** Cost and volume of one slice of the baseline (a model or a feature). */
export const baselineSliceSchema = z.object({
  key: z.string(),
  provider: z.string().optional(),
  requests: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative(),
  monthly_cost_usd: z.number().nonnegative(),
  share_of_cost: z.number().min(0).max(1),
  unpriced_requests: z.number().int().nonnegative(),
});

export const levelSchema = z.enum(['low', 'medium', 'high']);

/** One concrete step to take: what to change, where, with a ready-to-use snippet when there is one. */
export const actionSchema = z.object({
  title: z.string(),
  detail: z.string(),
  /** Ready-to-paste configuration or code (router config, request shape, JSONL line…). */
  snippet: z.string().optional(),
  language: z.string().optional(),
});

/** A savings opportunity of ARCHITECTURE §4.2. */
export const opportunitySchema = z.object({
  id: z.string(),
  kind: z.enum(OPPORTUNITY_KINDS),
  title: z.string(),
  scope: z.object({
    feature: z.string().optional(),
    model: z.string().optional(),
    provider: z.string().optional(),
  }),
  monthly_savings_usd: z.number().nonnegative(),
  savings_pct_of_baseline: z.number().min(0).max(100),
  confidence: levelSchema,
  risk: levelSchema,
  effort: levelSchema,
  /** The numbers that prove it (named, machine-readable). */
  evidence: z.record(z.string(), z.unknown()),
  assumptions: z.array(z.string()),
  actions: z.array(actionSchema),
  /** Must be validated (e.g. an evaluation on real prompts) before rollout. */
  requires_evaluation: z.boolean().default(false),
});

/** How one day × provider × model (× project) of the bill compares with the usage Netra priced. */
export const RECONCILIATION_STATUSES = [
  'matched',
  'billed_more',
  'billed_less',
  'billed_without_usage',
  'usage_without_bill',
] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

const usd = z.number();
const share = z.number().nullable();

/** One compared slice: Netra's computed cost of the usage next to what the provider billed. */
export const reconciliationRowSchema = z.object({
  day: z.string(),
  provider: z.string(),
  /** Null when the bill of that day is not itemised by model (then all models are compared together). */
  model: z.string().nullable(),
  /** Project or workspace; null when not both sides name one. */
  project: z.string().nullable(),
  requests: z.number().int().nonnegative(),
  /** Requests the catalog could not price: their cost is missing from `usage_cost_usd`. */
  unpriced_requests: z.number().int().nonnegative(),
  /** Netra's cost of the usage (catalog prices; the source's stated cost where the catalog has none). */
  usage_cost_usd: usd,
  /** What the source stated per request (LiteLLM `spend`, Langfuse costs), summed; null when none did. */
  reported_cost_usd: usd.nullable(),
  billed_cost_usd: usd,
  /** Billed minus usage: positive when the bill is higher. */
  gap_usd: usd,
  /** The gap as a percentage of the bill; null when nothing was billed. */
  gap_pct: share,
  status: z.enum(RECONCILIATION_STATUSES),
  /** The bill's line items folded into this row. */
  line_items: z.array(z.string()),
});

const sliceRef = z.object({ provider: z.string(), model: z.string() });

/** Billed cost (cost exports) reconciled against the usage Netra priced, per day × provider × model. */
export const reconciliationSchema = z.object({
  /** First and last day either side covers (`YYYY-MM-DD`); null when both are empty. */
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  totals: z.object({
    usage_cost_usd: usd,
    reported_cost_usd: usd.nullable(),
    billed_cost_usd: usd,
    gap_usd: usd,
    gap_pct: share,
  }),
  /** A row is `matched` while |gap| stays within the larger of these. */
  tolerance: z.object({ usd: z.number().nonnegative(), pct: z.number().nonnegative() }),
  /** What one side has and the other lacks. */
  missing: z.object({
    days_billed_without_usage: z.array(z.string()),
    days_used_without_bill: z.array(z.string()),
    models_billed_without_usage: z.array(sliceRef),
    models_used_without_bill: z.array(sliceRef),
  }),
  rows: z.array(reconciliationRowSchema),
  notes: z.array(z.string()),
});

export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type ReconciliationRow = z.infer<typeof reconciliationRowSchema>;

/**
 * Whether the data itself proves an opportunity's figure: high confidence and nothing to evaluate
 * before rollout (in practice caching, batch and error waste). Everything else is potential.
 */
export function isProvenOpportunity(
  opportunity: Pick<Opportunity, 'confidence' | 'requires_evaluation'>,
): boolean {
  return opportunity.confidence === 'high' && !opportunity.requires_evaluation;
}

/** A combined saving: the changes applied together, re-priced once, with overlaps counted once. */
export const planFigureSchema = z.object({
  monthly_savings_usd: z.number().nonnegative(),
  savings_pct: z.number().min(0).max(100),
  opportunity_ids: z.array(z.string()),
});
export type PlanFigure = z.infer<typeof planFigureSchema>;

/** The analysis report of ARCHITECTURE §4.2: the engine's output, stored per run and exported. */
export const analysisReportSchema = z.object({
  schema_version: z.literal(REPORT_SCHEMA_VERSION),
  generated_at: z.string(),
  period: z.object({ start: z.string(), end: z.string(), days: z.number().positive() }),
  baseline: z.object({
    requests: z.number().int().nonnegative(),
    total_cost_usd: z.number().nonnegative(),
    monthly_cost_usd: z.number().nonnegative(),
    unpriced_requests: z.number().int().nonnegative(),
    by_model: z.array(baselineSliceSchema),
    by_feature: z.array(baselineSliceSchema),
  }),
  data_quality: z.object({
    sufficiency: z.enum(DATA_SUFFICIENCY),
    /** 0–1: how much of what the analysis can use the data holds. */
    completeness: z.number().min(0).max(1),
    missing: z.array(z.object({ field: z.string(), why: z.string() })),
    notes: z.array(z.string()),
  }),
  opportunities: z.array(opportunitySchema),
  /** Every chosen change applied together; `proven` is the part the data itself proves. */
  plan: planFigureSchema.extend({ proven: planFigureSchema }),
  /** Present when a cost export was given next to the usage (the CLI and the service attach it). */
  reconciliation: reconciliationSchema.optional(),
});

export type AnalysisReport = z.infer<typeof analysisReportSchema>;
export type Opportunity = z.infer<typeof opportunitySchema>;
export type OpportunityAction = z.infer<typeof actionSchema>;
export type BaselineSlice = z.infer<typeof baselineSliceSchema>;
export type RatingLevel = z.infer<typeof levelSchema>;
