/**
 * Engine-shaped §4.2 reports for the agents' unit tests, parsed through `analysisReportSchema` so
 * they stay valid as the schema evolves: a report with one opportunity of most kinds (proven and
 * evaluation-needed, with snippets) and a report of no usage.
 * @module
 */
import { analysisReportSchema, type AnalysisReport, type OpportunityKind } from '@netra/shared/contracts';

interface OpportunityShape {
  kind: OpportunityKind;
  feature: string;
  monthly: number;
  confidence: 'low' | 'medium' | 'high';
  requiresEvaluation?: boolean;
  effort?: 'low' | 'medium' | 'high';
  snippet?: string;
}

const MONTHLY_BASELINE = 10_000;

function opportunity(shape: OpportunityShape) {
  return {
    id: `${shape.kind}:${shape.feature}:openai/gpt-4o`,
    kind: shape.kind,
    title: `${shape.kind} for ${shape.feature}`,
    scope: { feature: shape.feature, provider: 'openai', model: 'gpt-4o' },
    monthly_savings_usd: shape.monthly,
    savings_pct_of_baseline: (shape.monthly / MONTHLY_BASELINE) * 100,
    confidence: shape.confidence,
    risk: shape.requiresEvaluation === true ? 'medium' : 'low',
    effort: shape.effort ?? 'medium',
    evidence: { requests: 1_000 },
    assumptions: [],
    actions: [
      {
        title: `Apply ${shape.kind}`,
        detail: 'Change the client.',
        ...(shape.snippet === undefined ? {} : { snippet: shape.snippet, language: 'yaml' }),
      },
      { title: 'Watch it', detail: 'Compare before and after.' },
    ],
    requires_evaluation: shape.requiresEvaluation ?? false,
  };
}

/** Opportunities out of rank order: dollars and latency disagree, some need an evaluation. */
export const SAMPLE_OPPORTUNITIES: readonly OpportunityShape[] = [
  {
    kind: 'batch_api',
    feature: 'nightly',
    monthly: 2_500,
    confidence: 'high',
    effort: 'low',
    snippet: 'batch: true',
  },
  {
    kind: 'response_caching',
    feature: 'support',
    monthly: 1_200,
    confidence: 'high',
    snippet: 'cache:\n  ttl: 86400',
  },
  {
    kind: 'model_rightsizing',
    feature: 'classify',
    monthly: 1_800,
    confidence: 'medium',
    requiresEvaluation: true,
  },
  { kind: 'error_waste', feature: 'search', monthly: 300, confidence: 'high', effort: 'low' },
  { kind: 'output_length', feature: 'support', monthly: 400, confidence: 'low', effort: 'low' },
  { kind: 'prompt_caching', feature: 'agent', monthly: 600, confidence: 'high', effort: 'low' },
  {
    kind: 'provider_arbitrage',
    feature: 'search',
    monthly: 0,
    confidence: 'medium',
    requiresEvaluation: true,
  },
];

const PROVEN_KINDS: ReadonlySet<OpportunityKind> = new Set([
  'batch_api',
  'response_caching',
  'error_waste',
  'prompt_caching',
]);

function baseline(monthly: number) {
  return {
    requests: monthly === 0 ? 0 : 120_000,
    total_cost_usd: monthly,
    monthly_cost_usd: monthly,
    unpriced_requests: 0,
    by_model: [],
    by_feature: [],
  };
}

/** A report of a month of usage with the sample opportunities; the plan counts overlaps once. */
export function sampleAnalysis(shapes: readonly OpportunityShape[] = SAMPLE_OPPORTUNITIES): AnalysisReport {
  const opportunities = shapes.map(opportunity);
  const proven = opportunities.filter((item) => PROVEN_KINDS.has(item.kind));
  const figure = (items: typeof opportunities, share: number) => {
    const monthly = items.reduce((sum, item) => sum + item.monthly_savings_usd, 0) * share;
    return {
      monthly_savings_usd: monthly,
      savings_pct: (monthly / MONTHLY_BASELINE) * 100,
      opportunity_ids: items.map((item) => item.id),
    };
  };
  return analysisReportSchema.parse({
    schema_version: 1,
    generated_at: '2025-06-30T12:00:00.000Z',
    period: { start: '2025-06-01T00:00:00.000Z', end: '2025-06-30T00:00:00.000Z', days: 30 },
    baseline: baseline(MONTHLY_BASELINE),
    data_quality: { sufficiency: 'sufficient', completeness: 0.9, missing: [], notes: [] },
    opportunities,
    plan: { ...figure(opportunities, 0.9), proven: figure(proven, 0.95) },
  });
}

/** The engine's report of no usage: insufficient, nothing to recommend. */
export function emptyAnalysis(): AnalysisReport {
  const none = { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] };
  return analysisReportSchema.parse({
    schema_version: 1,
    generated_at: '2025-06-30T12:00:00.000Z',
    period: { start: '2025-06-30T12:00:00.000Z', end: '2025-06-30T12:00:00.000Z', days: 1 },
    baseline: baseline(0),
    data_quality: {
      sufficiency: 'insufficient',
      completeness: 0,
      missing: [{ field: 'events', why: 'No usage events were found for this organization.' }],
      notes: [],
    },
    opportunities: [],
    plan: { ...none, proven: none },
  });
}
