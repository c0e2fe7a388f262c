/**
 * The state of a run's workflow: each agent's output, kept as JSON in the run's checkpoint after
 * every step, so a run resumed on another worker continues from exactly where it stopped.
 * @module
 */
import {
  AGENT_NAMES,
  DATA_SUFFICIENCY,
  TRIAGE_CATEGORIES,
  WORKFLOWS,
  actionPlanSchema,
  analysisReportSchema,
  dataFindingsSchema,
  dataRequestSchema,
  requestGoalSchema,
  runReportSchema,
} from '@netra/shared/contracts';
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

export const triageResultSchema = z.object({
  category: z.enum(TRIAGE_CATEGORIES),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  goal: requestGoalSchema,
  entities: z.object({
    models: z.array(z.object({ mention: z.string(), model: z.string(), provider: z.string().nullable() })),
    providers: z.array(z.string()),
    amounts: z.array(
      z.object({
        mention: z.string(),
        usd: z.number().nonnegative(),
        period: z.enum(['day', 'week', 'month', 'year']).nullable(),
      }),
    ),
    targets: z.array(
      z.object({
        mention: z.string(),
        kind: z.enum(['savings_pct', 'latency_ms', 'cost_usd', 'multiplier']),
        value: z.number(),
      }),
    ),
    time_range: z.object({ mention: z.string(), from: isoDate, to: isoDate }).nullable(),
    features: z.array(z.string()),
  }),
  /** rules: the deterministic path; llm: category and intent came from the configured model. */
  source: z.enum(['rules', 'llm']),
  /** e.g. `instructions_in_text`: the text looked like an injection attempt and was treated as text. */
  flags: z.array(z.string()),
});
export type TriageResult = z.infer<typeof triageResultSchema>;

export const sufficiencyResultSchema = z.object({
  level: z.enum(DATA_SUFFICIENCY),
  workflow: z.enum(WORKFLOWS),
  /** The window analyzed (null bounds: all stored usage on that side). */
  scope: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }),
  requests: z.number().int().nonnegative(),
  quality: analysisReportSchema.shape.data_quality,
  /** A baseline from the message itself ("$5000/month on GPT-4"), used when data is short. */
  stated_baseline: z
    .object({ monthly_cost_usd: z.number().nonnegative(), models: z.array(z.string()) })
    .nullable(),
  reasons: z.array(z.string()),
});
export type SufficiencyResult = z.infer<typeof sufficiencyResultSchema>;

export const optimizationResultSchema = z.object({
  /** The engine's §4.2 report of the scope: every figure of the run comes from it. */
  analysis: analysisReportSchema,
  /** Opportunity ids in the order the user's goal ranks them. */
  ranked_ids: z.array(z.string()),
  /** Opportunities left out for the goal or constraints, with why. */
  excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
  goal_note: z.string(),
});
export type OptimizationResult = z.infer<typeof optimizationResultSchema>;

/** The run report as the Reporting agent writes it; the run adds ids and the time when it is stored. */
export const reportDraftSchema = runReportSchema.omit({
  id: true,
  org_id: true,
  run_id: true,
  thread_id: true,
  created_at: true,
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

export const stepFailureSchema = z.object({
  agent: z.enum(AGENT_NAMES),
  code: z.string(),
  message: z.string(),
});
export type StepFailure = z.infer<typeof stepFailureSchema>;

export const workflowStateSchema = z.object({
  triage: triageResultSchema.optional(),
  sufficiency: sufficiencyResultSchema.optional(),
  data_request: dataRequestSchema.optional(),
  findings: dataFindingsSchema.optional(),
  optimization: optimizationResultSchema.optional(),
  action_plan: actionPlanSchema.optional(),
  report: reportDraftSchema.optional(),
  /** Agents that failed or timed out: the run degrades to a partial report instead of failing. */
  failures: z.array(stepFailureSchema).default([]),
  /** Agents already run, in order (a failed one too). */
  done: z.array(z.enum(AGENT_NAMES)).default([]),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

export const EMPTY_STATE: WorkflowState = { failures: [], done: [] };
