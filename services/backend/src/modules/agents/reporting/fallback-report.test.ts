import { analysisReportSchema } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { TEST_NOW, testSufficiency, testTriage } from '#test-support/agents/agent-test-doubles.js';
import { EMPTY_STATE, reportDraftSchema, type WorkflowState } from '#modules/agents/workflow-state.js';
import { fallbackReportDraft } from './fallback-report.js';
import { zeroAnalysis } from './report-draft.js';
import { fullState } from '#test-support/agents/state-fixtures.js';

describe('fallback report', () => {
  it('keeps the engine report of the state and marks the report partial with the failure', () => {
    const state = fullState();
    const report = reportDraftSchema.parse(fallbackReportDraft(state, TEST_NOW));
    expect(report.tier).toBe('partial');
    expect(report.analysis).toEqual(state.optimization?.analysis);
    expect(report.summary.proven_monthly_savings_usd).toBe(
      state.optimization?.analysis.plan.proven.monthly_savings_usd,
    );
    expect(report.caveats.join(' ')).toMatch(/Reporting step failed/);
  });

  it('writes a guidance report with a zero analysis when every agent failed', () => {
    const state: WorkflowState = {
      failures: ['triage', 'data_sufficiency', 'data_helper'].map((agent) => ({
        agent: agent as 'triage',
        code: 'agent_failed',
        message: `${agent} broke`,
      })),
      done: ['triage', 'data_sufficiency', 'data_helper'],
    };
    const report = reportDraftSchema.parse(fallbackReportDraft(state, TEST_NOW));
    expect(report.tier).toBe('guidance');
    expect(report.summary).toMatchObject({ baseline_source: 'none', roi: null, payback_days: null });
    expect(report.analysis.data_quality).toMatchObject({ sufficiency: 'insufficient', completeness: 0 });
    // Three failed agents, the reporting fallback itself, and why the figures are zero.
    expect(report.caveats).toHaveLength(5);
    expect(report.caveats.at(-1)).toMatch(/No engine analysis/);
    expect(report.markdown).toContain('## Caveats');
  });

  it('writes a report from the empty state', () => {
    expect(() => reportDraftSchema.parse(fallbackReportDraft(EMPTY_STATE, TEST_NOW))).not.toThrow();
  });

  it('never throws, even on a state that breaks the assembly or an invalid date', () => {
    const broken = { failures: null, done: [] } as unknown as WorkflowState;
    const report = reportDraftSchema.parse(fallbackReportDraft(broken, new Date(Number.NaN)));
    expect(report.summary.headline).toMatch(/could not be written/);
    expect(report.analysis.generated_at).toBe('1970-01-01T00:00:00.000Z');
  });

  it('uses the stated spend as the baseline of a guidance report', () => {
    const state: WorkflowState = {
      triage: testTriage({ stated_monthly_spend_usd: 2_500 }),
      sufficiency: testSufficiency({ workflow: 'insufficient', level: 'insufficient' }),
      failures: [],
      done: [],
    };
    const report = fallbackReportDraft(state, TEST_NOW);
    expect(report.summary).toMatchObject({ baseline_monthly_usd: 2_500, baseline_source: 'stated' });
  });

  it('builds a zero analysis the schema accepts', () => {
    const analysis = zeroAnalysis(TEST_NOW, 'no engine');
    expect(analysisReportSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.data_quality.notes).toEqual(['no engine']);
  });
});
