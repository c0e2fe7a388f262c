import type { AnalysisReport, RunReport } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { exportReport } from './report-export.js';
import { renderRunReportHtml } from './report-html.js';

const HOSTILE = '<script>alert("x")</script>';

const EMPTY_ANALYSIS: AnalysisReport = {
  schema_version: 1,
  generated_at: '2026-12-01T00:00:00.000Z',
  period: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z', days: 1 },
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
    missing: [{ field: HOSTILE, why: 'it matters' }],
    notes: [],
  },
  opportunities: [],
  plan: {
    monthly_savings_usd: 0,
    savings_pct: 0,
    opportunity_ids: [],
    proven: { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] },
  },
};

/** A guidance report: no figures yet, what data to send, with customer text everywhere. */
const GUIDANCE: RunReport = {
  id: '01939b2e-0000-7000-8000-000000000001',
  org_id: '01939b2e-0000-7000-8000-000000000002',
  run_id: '01939b2e-0000-7000-8000-000000000003',
  thread_id: '01939b2e-0000-7000-8000-000000000004',
  created_at: '2026-12-01T10:00:00.000Z',
  tier: 'guidance',
  title: `Send usage ${HOSTILE}`,
  goal: {
    category: 'general',
    objective: 'insight',
    maintain_quality: true,
    no_cost_increase: false,
    target_savings_pct: null,
    target_latency_ms: null,
    growth_multiplier: null,
    stated_monthly_spend_usd: null,
    stated_models: [],
  },
  summary: {
    headline: `Nothing to measure yet ${HOSTILE}`,
    baseline_monthly_usd: 0,
    baseline_source: 'none',
    proven_monthly_savings_usd: 0,
    proven_savings_pct: 0,
    potential_monthly_savings_usd: 0,
    potential_savings_pct: 0,
    roi: null,
    payback_days: null,
  },
  analysis: EMPTY_ANALYSIS,
  data_request: {
    summary: 'Send 14 days of usage',
    period: { days: 14, why: 'two weekly cycles' },
    fields: [{ field: 'prefix_hashes', required: false, why: 'prompt caching' }],
    sources: [
      {
        source: 'sdk',
        title: 'From the SDK',
        steps: ['Install'],
        snippet: `x = "${HOSTILE}"`,
        language: 'python',
      },
    ],
    ingestion: { events_url: 'e', files_url: 'f', otlp_traces_url: 'o' },
    csv_template: 'timestamp,model\n',
  },
  findings: {
    profile: {
      requests: 3,
      cost_usd: 1,
      days: 1,
      models: 1,
      features: 1,
      error_rate: 0,
      p95_latency_ms: null,
    },
    series: [],
    anomalies: [
      { kind: 'spend_spike', day: '2026-11-01', value: 2, expected: 1, score: 4, message: HOSTILE },
    ],
    method: 'median and MAD',
  },
  action_plan: null,
  caveats: [HOSTILE],
  markdown: `# Send usage\n`,
};

describe('the print-ready HTML page of a run report', () => {
  const html = renderRunReportHtml(GUIDANCE);

  it('is one standalone document with print rules and nothing to fetch or run', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('@media print');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|src=|href=/i);
  });

  it('shows the data request and findings, every customer value escaped', () => {
    for (const heading of ['Caveats', 'Data to send', 'Findings', 'Analysis', 'Data quality']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).not.toContain('<h2>Action plan</h2>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<code class="language-python">x = &quot;&lt;script&gt;');
  });

  it('names each export file by day and id, with its media type', () => {
    expect(exportReport(GUIDANCE, 'md')).toEqual({
      contentType: 'text/markdown; charset=utf-8',
      filename: 'netra-report-2026-12-01-01939b2e.md',
      body: '# Send usage\n',
    });
    expect(JSON.parse(exportReport(GUIDANCE, 'json').body)).toEqual(GUIDANCE);
    expect(exportReport(GUIDANCE, 'html').filename).toBe('netra-report-2026-12-01-01939b2e.html');
  });
});
