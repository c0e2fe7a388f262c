/**
 * Hand-built analysis reports for the rendering tests: a full one (three opportunities out of rank
 * order, hostile names, snippets) and an empty one (no usage, insufficient data). Both are parsed
 * through `analysisReportSchema`, so they stay valid as the schema evolves.
 * @module
 */
import { analysisReportSchema, type AnalysisReport } from '@netra/shared/contracts';

const NO_SAVINGS = { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] };

/** A feature name that tries HTML injection and breaks Markdown tables if left unescaped. */
export const HOSTILE_FEATURE = '<script>alert("x")</script>|billing';

/** A realistic report: spend on two models and three features, three opportunities, a plan. */
export function sampleReport(): AnalysisReport {
  return analysisReportSchema.parse({
    schema_version: 1,
    generated_at: '2025-03-01T12:00:00.000Z',
    period: { start: '2025-02-01T00:00:00.000Z', end: '2025-02-15T00:00:00.000Z', days: 14 },
    baseline: {
      requests: 1_234_567,
      total_cost_usd: 9_876.54,
      monthly_cost_usd: 21_164.01,
      unpriced_requests: 12,
      by_model: [
        slice('gpt-4o', 'openai', 900_000, 7_000, 15_000, 0.7088),
        slice('claude-sonnet-4', 'anthropic', 334_567, 2_876.54, 6_164.01, 0.2912, 12),
      ],
      by_feature: [
        slice('support-bot', undefined, 700_000, 5_000, 10_714.29, 0.5063),
        slice(HOSTILE_FEATURE, undefined, 400_000, 3_876.54, 8_306.87, 0.3925),
        slice('nightly-summaries', undefined, 134_567, 1_000, 2_142.86, 0.1012),
      ],
    },
    data_quality: {
      sufficiency: 'partial',
      completeness: 0.82,
      missing: [{ field: 'prefix_hashes', why: 'prompt caching | cannot be measured without them' }],
      notes: ['12 requests use a model the catalog cannot price; their cost is unknown, not zero.'],
    },
    opportunities: [errorWaste(), responseCaching(), rightsizing()],
    plan: {
      monthly_savings_usd: 4_321.5,
      savings_pct: 20.42,
      opportunity_ids: [
        'response_caching:support-bot:openai/gpt-4o',
        'model_rightsizing:nightly-summaries:anthropic/claude-sonnet-4',
        `error_waste:${HOSTILE_FEATURE}:openai/gpt-4o`,
      ],
      proven: {
        monthly_savings_usd: 3_321.25,
        savings_pct: 15.69,
        opportunity_ids: [
          'response_caching:support-bot:openai/gpt-4o',
          `error_waste:${HOSTILE_FEATURE}:openai/gpt-4o`,
        ],
      },
    },
  });
}

function slice(
  key: string,
  provider: string | undefined,
  requests: number,
  cost: number,
  monthly: number,
  share: number,
  unpriced = 0,
) {
  return {
    key,
    ...(provider === undefined ? {} : { provider }),
    requests,
    cost_usd: cost,
    monthly_cost_usd: monthly,
    share_of_cost: share,
    unpriced_requests: unpriced,
  };
}

function responseCaching() {
  return {
    id: 'response_caching:support-bot:openai/gpt-4o',
    kind: 'response_caching',
    title: 'Serve repeated support-bot requests from a response cache',
    scope: { feature: 'support-bot', provider: 'openai', model: 'gpt-4o' },
    monthly_savings_usd: 3_210.987,
    savings_pct_of_baseline: 15.17,
    confidence: 'high',
    risk: 'low',
    effort: 'medium',
    evidence: { repeat_requests: 120_345, repeat_cost_usd: 1_498.46, repeat_share: 0.172, ttl_hours: 24 },
    assumptions: ['Cached answers stay valid for 24 hours.'],
    actions: [
      {
        title: 'Add a response cache',
        detail: 'Key the cache on prompt_hash and model.',
        snippet: 'cache:\n  ttl: 86400\n  key: "{prompt_hash}:{model}"',
        language: 'yaml',
      },
      { title: 'Watch the hit rate', detail: 'Alert when it drops below 10%.' },
    ],
    requires_evaluation: false,
  };
}

function rightsizing() {
  return {
    id: 'model_rightsizing:nightly-summaries:anthropic/claude-sonnet-4',
    kind: 'model_rightsizing',
    title: 'Move nightly-summaries to claude-3-5-haiku',
    scope: { feature: 'nightly-summaries', provider: 'anthropic', model: 'claude-sonnet-4' },
    monthly_savings_usd: 1_000.25,
    savings_pct_of_baseline: 4.73,
    confidence: 'medium',
    risk: 'medium',
    effort: 'low',
    evidence: { output_p90: 120, candidate: 'claude-3-5-haiku', candidate_cost_usd: 266.7 },
    assumptions: ['The smaller model classifies these prompts as well as the current one.'],
    actions: [
      {
        title: 'Evaluate the candidate',
        detail: 'Replay 200 sampled prompts on both models.',
        snippet: 'const model = "claude-3-5-haiku"; // ``` inside a snippet',
        language: 'ts',
      },
    ],
    requires_evaluation: true,
  };
}

function errorWaste() {
  return {
    id: `error_waste:${HOSTILE_FEATURE}:openai/gpt-4o`,
    kind: 'error_waste',
    title: `Stop billed failures in ${HOSTILE_FEATURE}`,
    scope: { feature: HOSTILE_FEATURE, provider: 'openai', model: 'gpt-4o' },
    monthly_savings_usd: 110.26,
    savings_pct_of_baseline: 0.52,
    confidence: 'high',
    risk: 'low',
    effort: 'low',
    evidence: { errors: 5_120, billed_error_cost_usd: 51.45 },
    assumptions: [],
    actions: [{ title: 'Fix the timeout', detail: 'Raise the client timeout <b>to 60 s</b>.' }],
    requires_evaluation: false,
  };
}

/** A report over no usage at all: insufficient data, nothing to recommend. */
export function emptyReport(): AnalysisReport {
  return analysisReportSchema.parse({
    schema_version: 1,
    generated_at: '2025-03-01T12:00:00.000Z',
    period: { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T00:00:00.000Z', days: 1 },
    baseline: {
      requests: 0,
      total_cost_usd: 0,
      monthly_cost_usd: 0,
      unpriced_requests: 0,
      by_model: [],
      by_feature: [],
    },
    data_quality: {
      sufficiency: 'insufficient',
      completeness: 0,
      missing: [{ field: 'events', why: 'No usage events were found for this organization.' }],
      notes: [],
    },
    opportunities: [],
    plan: { ...NO_SAVINGS, proven: NO_SAVINGS },
  });
}
