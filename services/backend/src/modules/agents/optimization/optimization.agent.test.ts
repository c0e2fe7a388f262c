import { analysisReportSchema, createPriceCatalog } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_USAGE,
  recordingContext,
  testDependencies,
  testSufficiency,
  testTriage,
} from '#test-support/agents/agent-test-doubles.js';
import { analysisScope, anomalyNote, optimizationAgent } from './optimization.agent.js';

const catalog = createPriceCatalog();

/** Dependencies over no usage that keep the scopes the engine asked for. */
function scopeRecordingDeps(scopes: unknown[]) {
  return testDependencies({
    usage: {
      ...EMPTY_USAGE,
      totals: (scope) => {
        scopes.push(scope);
        return EMPTY_USAGE.totals(scope);
      },
    },
    catalogFor: () => Promise.resolve(catalog),
  });
}

describe('optimization agent', () => {
  it('runs the engine over the verdict scope, reporting each stage, and keeps its report as is', async () => {
    const { context, recorded } = recordingContext();
    const scopes: unknown[] = [];
    const deps = scopeRecordingDeps(scopes);
    const result = await optimizationAgent.run(
      { triage: testTriage(), sufficiency: testSufficiency(), findings: undefined },
      context,
      deps,
    );
    expect(analysisReportSchema.parse(result.analysis)).toEqual(result.analysis);
    expect(result.analysis.generated_at).toBe(context.now.toISOString());
    expect(result).toMatchObject({ ranked_ids: [], excluded: [] });
    expect(scopes[0]).toEqual({
      orgId: 'org_test',
      from: new Date('2025-06-01T00:00:00Z'),
      to: new Date('2025-06-30T00:00:00Z'),
    });
    const progress = recorded.filter((event) => event.type === 'progress').map((event) => event.name);
    expect(progress).toEqual(['profile', 'analyze', 'quantify', 'report', 'ranked']);
    expect(recorded.filter((event) => event.type === 'tool').map((event) => event.name)).toEqual([
      'analyze_usage',
    ]);
  });

  it('fails when the engine cannot read usage, so the workflow degrades around it', async () => {
    const { context } = recordingContext();
    const deps = testDependencies({
      usage: { ...EMPTY_USAGE, totals: () => Promise.reject(new Error('clickhouse down')) },
      catalogFor: () => Promise.resolve(catalog),
    });
    await expect(
      optimizationAgent.run(
        { triage: testTriage(), sufficiency: testSufficiency(), findings: undefined },
        context,
        deps,
      ),
    ).rejects.toThrow('clickhouse down');
  });

  it('takes null scope bounds as open ends', () => {
    expect(analysisScope('org', { from: null, to: null })).toEqual({
      orgId: 'org',
      from: undefined,
      to: undefined,
    });
  });

  it('notes anomalies of the window, and nothing without them', () => {
    const anomaly = {
      kind: 'spend_spike' as const,
      day: '2025-06-10',
      value: 9,
      expected: 3,
      score: 9,
      message: 'm',
    };
    const findings = {
      profile: {
        requests: 1,
        cost_usd: 1,
        days: 1,
        models: 1,
        features: 0,
        error_rate: 0,
        p95_latency_ms: null,
      },
      series: [],
      anomalies: [anomaly],
      method: '',
    };
    expect(anomalyNote(findings)).toMatch(/1 anomaly .*anomalous days included/);
    expect(anomalyNote({ ...findings, anomalies: [] })).toBeUndefined();
    expect(anomalyNote(undefined)).toBeUndefined();
  });
});
