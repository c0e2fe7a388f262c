import { analysisReportSchema, createPriceCatalog } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_USAGE,
  recordingContext,
  testDependencies,
  testSufficiency,
  testTriage,
} from '#test-support/agents/agent-test-doubles.js';
import { reportDraftSchema, type WorkflowState } from '#modules/agents/workflow-state.js';
import { headlineFacts, reportingAgent, withDeadline, writeReport } from './reporting.agent.js';
import { DATA_REQUEST, FINDINGS, fullState } from '#test-support/agents/state-fixtures.js';

const catalog = createPriceCatalog();

function guidanceState(): WorkflowState {
  return {
    triage: testTriage({ stated_monthly_spend_usd: 5_000 }),
    sufficiency: testSufficiency({ level: 'insufficient', workflow: 'insufficient', requests: 0 }),
    data_request: DATA_REQUEST,
    failures: [],
    done: ['triage', 'data_sufficiency', 'data_helper'],
  };
}

const engineDeps = () => testDependencies({ usage: EMPTY_USAGE, catalogFor: () => Promise.resolve(catalog) });

describe('reporting agent: full tier', () => {
  it('leads with proven savings, potential beside them, ROI and payback, all from the engine', async () => {
    const state = fullState();
    const { context } = recordingContext();
    const report = reportDraftSchema.parse(await reportingAgent.run({ state }, context, testDependencies()));
    const plan = state.optimization?.analysis.plan;
    expect(report.tier).toBe('full');
    expect(report.analysis).toEqual(state.optimization?.analysis);
    expect(report.summary).toMatchObject({
      baseline_monthly_usd: 10_000,
      baseline_source: 'data',
      proven_monthly_savings_usd: plan?.proven.monthly_savings_usd,
      potential_monthly_savings_usd: plan?.monthly_savings_usd,
    });
    // 7 change steps: efforts low ×4 (1 d), medium ×3 (5 d) = 19 d at $1,000.
    expect(report.summary.roi).toBeCloseTo((12 * 4_370) / 19_000, 2);
    expect(report.summary.payback_days).toBeCloseTo((19_000 / 4_370) * 30, 1);
    expect(report.summary.headline).toMatch(/^\$4,370\/month proven .* up to \$6,120\/month/);
    expect(report.caveats).toEqual([]);
    expect(report.findings).toEqual(FINDINGS);
    expect(report.action_plan).toEqual(state.action_plan);
  });

  it('writes the summary, findings, optimizations and action plan in Markdown, with the engine rendering nested', async () => {
    const { context } = recordingContext();
    const { markdown } = await writeReport(fullState(), context, testDependencies());
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Executive summary',
      '## Data findings',
      '## Optimizations',
      '## Action plan',
    ]);
    expect(markdown).toContain('### Baseline');
    expect(markdown).toContain('Spend spiked.');
    expect(markdown).toContain('cache:\n  ttl: 86400');
    expect(markdown.indexOf('Proven savings')).toBeLessThan(markdown.indexOf('Potential savings'));
  });

  it('lists what the goal left out and says the figures include it', async () => {
    const state = fullState(testTriage({ objective: 'latency' }).goal);
    const { context } = recordingContext();
    const report = await writeReport(state, context, testDependencies());
    expect(report.title).toMatch(/latency/);
    expect(report.markdown).toMatch(
      /Left out for your goal:\n\n- batch\\_api for nightly: Left out for the latency goal/,
    );
    expect(report.caveats.join(' ')).toMatch(/1 change\(s\) in it are left out/);
  });

  it('lets the LLM phrase the headline and keeps the deterministic one when it declines or fails', async () => {
    const { context } = recordingContext();
    const phrasing = (answer: () => Promise<string | undefined>) =>
      testDependencies({ llm: { classify: () => Promise.resolve(undefined), phrase: answer } });
    const phrased = await writeReport(
      fullState(),
      context,
      phrasing(() => Promise.resolve('Save $4,370 a month.')),
    );
    expect(phrased.summary.headline).toBe('Save $4,370 a month.');
    expect(phrased.markdown).toContain('**Save $4,370 a month.**');
    const declined = await writeReport(
      fullState(),
      context,
      phrasing(() => Promise.resolve(undefined)),
    );
    const failed = await writeReport(
      fullState(),
      context,
      phrasing(() => Promise.reject(new Error('rate limited'))),
    );
    expect(declined.summary.headline).toMatch(/proven/);
    expect(failed.summary.headline).toBe(declined.summary.headline);
  });
});

describe('headline facts', () => {
  it('hold the summary figures and the top three ranked changes, nothing else', async () => {
    const state = fullState();
    const { context } = recordingContext();
    const facts = headlineFacts(await writeReport(state, context, testDependencies()), state);
    expect(Object.keys(facts)).toEqual([
      'tier',
      'objective',
      'headline',
      'baseline_monthly_usd',
      'baseline_source',
      'proven_monthly_savings_usd',
      'proven_savings_pct',
      'potential_monthly_savings_usd',
      'potential_savings_pct',
      'roi',
      'payback_days',
      'top_changes',
    ]);
    expect(facts.top_changes).toEqual([
      { title: 'batch_api for nightly', monthly_savings_usd: 2_500, proven: true },
      { title: 'model_rightsizing for classify', monthly_savings_usd: 1_800, proven: false },
      { title: 'response_caching for support', monthly_savings_usd: 1_200, proven: true },
    ]);
  });
});

describe('reporting agent: partial tier', () => {
  it('is partial with partial data, carrying the data request and the data caveats', async () => {
    const state = {
      ...fullState(),
      sufficiency: testSufficiency({ level: 'partial', workflow: 'partial' }),
      data_request: DATA_REQUEST,
    };
    const { context } = recordingContext();
    const report = await writeReport(state, context, testDependencies());
    expect(report.tier).toBe('partial');
    expect(report.data_request).toEqual(DATA_REQUEST);
    expect(report.markdown).toContain('## Data request');
    expect(report.markdown).toContain('timestamp,model');
  });

  it('is partial when a step failed, runs the engine itself without an optimization and lists what failed', async () => {
    const state: WorkflowState = {
      ...fullState(),
      optimization: undefined,
      action_plan: undefined,
      failures: [{ agent: 'optimization', code: 'timeout', message: 'did not finish within 120000 ms' }],
    };
    const { context, recorded } = recordingContext();
    const report = reportDraftSchema.parse(await writeReport(state, context, engineDeps()));
    expect(report.tier).toBe('partial');
    expect(analysisReportSchema.parse(report.analysis).generated_at).toBe(context.now.toISOString());
    expect(recorded.some((event) => event.type === 'tool' && event.name === 'analyze_usage')).toBe(true);
    expect(report.caveats[0]).toMatch(
      /Optimization step failed \(timeout: did not finish.*\); no ranked opportunities/,
    );
    expect(report.summary).toMatchObject({ roi: null, payback_days: null });
  });
});

describe('reporting agent: guidance tier', () => {
  it('says what data to send, with the stated spend as the baseline and the engine empty assessment', async () => {
    const { context } = recordingContext();
    const report = reportDraftSchema.parse(await writeReport(guidanceState(), context, engineDeps()));
    expect(report.tier).toBe('guidance');
    expect(report.summary).toMatchObject({
      baseline_monthly_usd: 5_000,
      baseline_source: 'stated',
      proven_monthly_savings_usd: 0,
    });
    expect(report.summary.headline).toMatch(/data request.*\$5,000\/month/);
    expect(report.analysis.data_quality.sufficiency).toBe('insufficient');
    expect(report.markdown).toContain('## Data request');
    expect(report.markdown).not.toContain('## Optimizations');
    expect(report.caveats).toContain(
      'The baseline is the monthly spend you stated, not measured from usage.',
    );
  });

  it('stands in a zero analysis when the engine fails or misses its deadline', async () => {
    const { context } = recordingContext();
    const broken = testDependencies({
      usage: { ...EMPTY_USAGE, totals: () => Promise.reject(new Error('down')) },
      catalogFor: () => Promise.resolve(catalog),
    });
    const report = reportDraftSchema.parse(await writeReport(guidanceState(), context, broken));
    expect(report.analysis.baseline.requests).toBe(0);
    expect(report.caveats.join(' ')).toMatch(/engine could not analyze the usage for this report \(down\)/);
    const stuck = testDependencies({
      usage: { ...EMPTY_USAGE, totals: () => new Promise(() => undefined) },
      catalogFor: () => Promise.resolve(catalog),
    });
    const late = await writeReport(guidanceState(), context, stuck, 10);
    expect(late.caveats.join(' ')).toMatch(/did not finish within 10 ms/);
  });

  it('answers a deadline race with the work when it is first', async () => {
    await expect(withDeadline(Promise.resolve(7), 60_000)).resolves.toBe(7);
  });
});
