/** Unit tests of the Action Plan tab's steps: the agents' plan in order, else derived from the opportunities. */
import type { ActionPlan } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { analysisReportFixture, opportunityFixture } from './fixtures/analysis-report';
import { opportunityArtifacts, planSteps } from './action-plan';

const cache = opportunityFixture({
  id: 'cache',
  title: 'Prompt caching',
  monthly_savings_usd: 50,
  risk: 'medium',
});
const batch = opportunityFixture({
  id: 'batch',
  title: 'Batch API',
  monthly_savings_usd: 90,
  effort: 'high',
  actions: [
    { title: 'Write the JSONL', detail: 'One line per request', snippet: '{"a":1}', language: 'json' },
    { title: 'Schedule it', detail: 'Nightly at 2am' },
  ],
});
const report = analysisReportFixture({ opportunities: [cache, batch], planSavings: 140 });

function step(order: number, opportunityId: string | null): ActionPlan['steps'][number] {
  return {
    order,
    opportunity_id: opportunityId,
    title: `Step ${order}`,
    owner_role: 'Platform engineer',
    effort: 'low',
    phases: [{ name: 'Canary', traffic_pct: 5, duration_days: 2 }],
    validation: ['Error rate unchanged'],
    rollback_triggers: ['Error rate +1 pt'],
    artifacts: [{ label: 'Config', language: 'yaml', content: 'a: 1' }],
  };
}

describe('planSteps', () => {
  it('follows the Actions agent’s order and takes risk and savings from the opportunity', () => {
    const plan: ActionPlan = { steps: [step(2, null), step(1, 'cache')] };
    const steps = planSteps(report, plan);
    expect(steps.map((item) => [item.order, item.opportunityId, item.risk, item.monthlySavingsUsd])).toEqual([
      [1, 'cache', 'medium', 50],
      [2, null, null, null],
    ]);
    expect(steps[0]).toMatchObject({
      ownerRole: 'Platform engineer',
      effort: 'low',
      validation: ['Error rate unchanged'],
    });
    expect(steps[0]?.artifacts).toEqual([{ label: 'Config', language: 'yaml', content: 'a: 1' }]);
  });

  it('derives one step per plan opportunity, largest saving first, without an action plan', () => {
    const steps = planSteps(report, null);
    expect(steps.map((item) => [item.order, item.title, item.effort, item.risk])).toEqual([
      [1, 'Batch API', 'high', 'low'],
      [2, 'Prompt caching', 'medium', 'medium'],
    ]);
    expect(steps[0]?.details).toEqual([
      'Write the JSONL: One line per request',
      'Schedule it: Nightly at 2am',
    ]);
    expect(steps[0]?.artifacts).toEqual([{ label: 'Write the JSONL', language: 'json', content: '{"a":1}' }]);
  });
});

describe('opportunityArtifacts', () => {
  it('keeps only actions that carry a snippet', () => {
    expect(opportunityArtifacts(batch).map((item) => item.label)).toEqual(['Write the JSONL']);
  });
});
