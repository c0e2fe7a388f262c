import { describe, expect, it } from 'vitest';
import {
  analysisReportSchema,
  isProvenOpportunity,
  opportunitySchema,
  REPORT_SCHEMA_VERSION,
} from './report.js';

function opportunity(overrides: Record<string, unknown> = {}) {
  return {
    id: 'batch_api:nightly:anthropic/claude-3-5-haiku-latest',
    kind: 'batch_api',
    title: 'Move `nightly` on claude-3-5-haiku-latest to the anthropic batch API',
    scope: { feature: 'nightly', provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
    monthly_savings_usd: 75.16,
    savings_pct_of_baseline: 12.5,
    confidence: 'high',
    risk: 'low',
    effort: 'medium',
    evidence: { hours_active: 3 },
    assumptions: ['The work can wait up to 24 hours.'],
    actions: [{ title: 'Submit the file', detail: 'Upload the JSONL', snippet: '{}', language: 'json' }],
    ...overrides,
  };
}

function report(overrides: Record<string, unknown> = {}) {
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: '2025-07-01T00:00:00.000Z',
    period: { start: '2025-06-01T00:00:00.000Z', end: '2025-06-15T00:00:00.000Z', days: 14 },
    baseline: {
      requests: 1_000,
      total_cost_usd: 280,
      monthly_cost_usd: 600,
      unpriced_requests: 0,
      by_model: [
        {
          key: 'gpt-4o',
          provider: 'openai',
          requests: 1_000,
          cost_usd: 280,
          monthly_cost_usd: 600,
          share_of_cost: 1,
          unpriced_requests: 0,
        },
      ],
      by_feature: [],
    },
    data_quality: { sufficiency: 'sufficient', completeness: 0.9, missing: [], notes: [] },
    opportunities: [opportunity()],
    plan: {
      monthly_savings_usd: 75.16,
      savings_pct: 12.5,
      opportunity_ids: [opportunity().id],
      proven: { monthly_savings_usd: 75.16, savings_pct: 12.5, opportunity_ids: [opportunity().id] },
    },
    ...overrides,
  };
}

describe('analysis report (§4.2)', () => {
  it('accepts a complete report and defaults requires_evaluation to false', () => {
    const parsed = analysisReportSchema.parse(report());
    expect(parsed.opportunities[0]?.requires_evaluation).toBe(false);
    expect(parsed.baseline.by_model[0]?.key).toBe('gpt-4o');
  });

  it('refuses another schema version', () => {
    expect(analysisReportSchema.safeParse(report({ schema_version: 2 })).success).toBe(false);
  });

  it('refuses an unknown sufficiency, a share above 1 and a negative saving', () => {
    const quality = { sufficiency: 'plenty', completeness: 1, missing: [], notes: [] };
    expect(analysisReportSchema.safeParse(report({ data_quality: quality })).success).toBe(false);
    const baseline = {
      ...report().baseline,
      by_feature: [{ ...report().baseline.by_model[0], share_of_cost: 1.5 }],
    };
    expect(analysisReportSchema.safeParse(report({ baseline })).success).toBe(false);
    expect(opportunitySchema.safeParse(opportunity({ monthly_savings_usd: -1 })).success).toBe(false);
  });

  it('refuses an opportunity of an unknown kind or without actions', () => {
    expect(opportunitySchema.safeParse(opportunity({ kind: 'magic' })).success).toBe(false);
    const { actions: _actions, ...withoutActions } = opportunity();
    expect(opportunitySchema.safeParse(withoutActions).success).toBe(false);
  });

  it('requires the proven part of the plan', () => {
    const { proven: _proven, ...planWithoutProven } = report().plan;
    expect(analysisReportSchema.safeParse(report({ plan: planWithoutProven })).success).toBe(false);
  });
});

describe('isProvenOpportunity', () => {
  it('counts only high-confidence opportunities that need no evaluation as proven', () => {
    expect(isProvenOpportunity({ confidence: 'high', requires_evaluation: false })).toBe(true);
    expect(isProvenOpportunity({ confidence: 'high', requires_evaluation: true })).toBe(false);
    expect(isProvenOpportunity({ confidence: 'medium', requires_evaluation: false })).toBe(false);
    expect(isProvenOpportunity({ confidence: 'low', requires_evaluation: false })).toBe(false);
  });
});
