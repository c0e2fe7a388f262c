import type { CostSummary } from '@netra/optimizer';
import { dataFindingsSchema } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import type { DailyUsage } from '#modules/agents/agent.js';
import {
  recordingContext,
  testDependencies,
  testSufficiency,
  testTriage,
} from '#test-support/agents/agent-test-doubles.js';
import { dataAgent, dataFindings, weightedMedianP95 } from './data.agent.js';

const figures = { requests: 1, cost_usd: 1, unpriced_requests: 0 };
const SPEND: CostSummary = {
  requests: 3_000,
  total_cost_usd: 60,
  unpriced_requests: 0,
  by_model: [
    { ...figures, provider: 'openai', model: 'gpt-4o' },
    { ...figures, provider: 'openai', model: 'gpt-4o-mini' },
  ],
  by_feature: [
    { ...figures, feature: 'search' },
    { ...figures, feature: '' },
  ],
};

const SERIES: DailyUsage[] = [
  { day: '2025-06-01', requests: 1_000, cost_usd: 20, errors: 10, p95_latency_ms: 900 },
  { day: '2025-06-03', requests: 1_500, cost_usd: 30, errors: 20, p95_latency_ms: 700 },
  { day: '2025-06-04', requests: 500, cost_usd: 10, errors: 0, p95_latency_ms: null },
];

describe('data findings', () => {
  it('profiles the window from its series and spend', () => {
    const findings = dataFindingsSchema.parse(dataFindings(SERIES, SPEND));
    expect(findings.profile).toEqual({
      requests: 3_000,
      cost_usd: 60,
      days: 4,
      models: 2,
      features: 1,
      error_rate: 0.01,
      p95_latency_ms: 700,
    });
    expect(findings.series).toEqual(SERIES);
    expect(findings.anomalies).toEqual([]);
    expect(findings.method).toMatch(/median.*MAD/);
  });

  it('profiles an empty window as zeros', () => {
    const empty = { ...SPEND, by_model: [], by_feature: [] };
    expect(dataFindings([], empty).profile).toEqual({
      requests: 0,
      cost_usd: 0,
      days: 0,
      models: 0,
      features: 0,
      error_rate: 0,
      p95_latency_ms: null,
    });
  });

  it('takes the request-weighted median of the daily p95s', () => {
    expect(weightedMedianP95(SERIES)).toBe(700);
    expect(weightedMedianP95([SERIES[0] as DailyUsage])).toBe(900);
    expect(weightedMedianP95([])).toBeNull();
  });
});

describe('data agent', () => {
  it('reads the scope of the verdict and reports its reads as tools', async () => {
    const { context, recorded } = recordingContext();
    const windows: unknown[] = [];
    const deps = testDependencies({
      dailyUsage: (orgId, from, to) => {
        windows.push({ orgId, from, to });
        return Promise.resolve(SERIES);
      },
      usage: { ...testDependencies().usage, costSummary: () => Promise.resolve(SPEND) },
    });
    const findings = await dataAgent.run(
      { triage: testTriage(), sufficiency: testSufficiency() },
      context,
      deps,
    );
    expect(findings.profile.requests).toBe(3_000);
    expect(windows).toEqual([
      { orgId: 'org_test', from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-06-30T00:00:00Z') },
    ]);
    expect(recorded.filter((event) => event.type === 'tool').map((event) => event.name)).toEqual([
      'daily_usage',
      'cost_summary',
    ]);
    expect(recorded.some((event) => event.type === 'thinking')).toBe(true);
  });

  it('reads all stored usage when the scope is open', async () => {
    const { context } = recordingContext();
    const windows: unknown[] = [];
    const deps = testDependencies({
      dailyUsage: (_orgId, from, to) => {
        windows.push([from, to]);
        return Promise.resolve([]);
      },
      usage: { ...testDependencies().usage, costSummary: () => Promise.resolve(SPEND) },
    });
    const sufficiency = testSufficiency({ scope: { from: null, to: null } });
    await dataAgent.run({ triage: testTriage(), sufficiency }, context, deps);
    expect(windows).toEqual([[undefined, undefined]]);
  });

  it('fails when a read fails, so the workflow degrades around it', async () => {
    const { context } = recordingContext();
    const deps = testDependencies({ dailyUsage: () => Promise.reject(new Error('clickhouse down')) });
    await expect(
      dataAgent.run({ triage: testTriage(), sufficiency: testSufficiency() }, context, deps),
    ).rejects.toThrow('clickhouse down');
  });
});
