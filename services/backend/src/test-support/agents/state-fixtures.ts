/**
 * Workflow states for the reporting tests: a sufficient run where every agent succeeded (engine-shaped
 * analysis, goal ranking, action plan), with the findings and data request agents produce.
 * @module
 */
import type { DataFindings, DataRequest } from '@netra/shared/contracts';
import { buildActionPlan } from '#modules/agents/actions/action-plan.js';
import { testSufficiency, testTriage } from '#test-support/agents/agent-test-doubles.js';
import { rankForGoal } from '#modules/agents/optimization/goal-ranking.js';
import { sampleAnalysis } from '#test-support/agents/engine-report-fixtures.js';
import type { WorkflowState } from '#modules/agents/workflow-state.js';

export const DATA_REQUEST: DataRequest = {
  summary: 'Send 14 days of request-level usage.',
  period: { days: 14, why: 'two weekly cycles' },
  fields: [{ field: 'model', required: true, why: 'prices depend on it' }],
  sources: [
    {
      source: 'sdk',
      title: 'From the SDK',
      steps: ['Install it', 'Send events'],
      snippet: 'npm i x',
      language: 'sh',
    },
  ],
  ingestion: { events_url: 'http://x/events', files_url: 'http://x/files', otlp_traces_url: 'http://x/otlp' },
  csv_template: 'timestamp,model\n',
};

export const FINDINGS: DataFindings = {
  profile: {
    requests: 120_000,
    cost_usd: 10_000,
    days: 30,
    models: 2,
    features: 4,
    error_rate: 0.01,
    p95_latency_ms: 900,
  },
  series: [],
  anomalies: [
    {
      kind: 'spend_spike',
      day: '2025-06-10',
      value: 900,
      expected: 300,
      score: 9.1,
      message: 'Spend spiked.',
    },
  ],
  method: 'robust z-score',
};

/** The state of a sufficient run where every agent succeeded. */
export function fullState(goal = testTriage().goal): WorkflowState {
  const analysis = sampleAnalysis();
  const optimization = { analysis, ...rankForGoal(analysis, goal) };
  return {
    triage: { ...testTriage(), goal },
    sufficiency: testSufficiency(),
    findings: FINDINGS,
    optimization,
    action_plan: buildActionPlan(optimization, goal),
    failures: [],
    done: ['triage', 'data_sufficiency', 'data', 'optimization', 'actions'],
  };
}
