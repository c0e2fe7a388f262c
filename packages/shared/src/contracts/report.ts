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
  plan: z.object({
    monthly_savings_usd: z.number().nonnegative(),
    savings_pct: z.number().min(0).max(100),
    opportunity_ids: z.array(z.string()),
  }),
});

export type AnalysisReport = z.infer<typeof analysisReportSchema>;
export type Opportunity = z.infer<typeof opportunitySchema>;
export type OpportunityAction = z.infer<typeof actionSchema>;
export type BaselineSlice = z.infer<typeof baselineSliceSchema>;
export type RatingLevel = z.infer<typeof levelSchema>;
