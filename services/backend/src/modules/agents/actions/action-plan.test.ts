import { actionPlanSchema } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { recordingContext, testGoal, testTriage } from '#test-support/agents/agent-test-doubles.js';
import { rankForGoal } from '#modules/agents/optimization/goal-ranking.js';
import { emptyAnalysis, sampleAnalysis } from '#test-support/agents/engine-report-fixtures.js';
import type { OptimizationResult } from '#modules/agents/workflow-state.js';
import { buildActionPlan } from './action-plan.js';
import { actionsAgent } from './actions.agent.js';

function optimization(goal = testGoal(), analysis = sampleAnalysis()): OptimizationResult {
  return { analysis, ...rankForGoal(analysis, goal) };
}

describe('action plan', () => {
  it('has one step per ranked opportunity in rank order, then the savings tracking step', () => {
    const result = optimization();
    const plan = actionPlanSchema.parse(buildActionPlan(result, testGoal()));
    expect(plan.steps.map((step) => step.opportunity_id)).toEqual([...result.ranked_ids, null]);
    expect(plan.steps.map((step) => step.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.steps.at(-1)?.owner_role).toBe('finance');
    expect(plan.steps.at(-1)?.title).toMatch(/realized savings/);
  });

  it('rolls a proven change out 5% → 25% → 100% with owner, effort, checks and thresholds', () => {
    const plan = buildActionPlan(optimization(), testGoal());
    const caching = plan.steps.find((step) => step.opportunity_id?.startsWith('response_caching'));
    expect(caching).toMatchObject({ owner_role: 'platform engineer', effort: 'medium' });
    expect(caching?.phases.map((phase) => phase.traffic_pct)).toEqual([5, 25, 100]);
    expect(caching?.validation).toEqual(
      expect.arrayContaining([
        'Cost per request of the scope, against the pre-change baseline',
        'Error rate',
        'p95 latency',
      ]),
    );
    expect(caching?.validation.join(' ')).not.toMatch(/Quality eval/);
    expect(caching?.rollback_triggers.join(' ')).toMatch(/1 percentage point.*30 minutes/);
    expect(caching?.artifacts).toEqual([
      { label: 'Apply response_caching', language: 'yaml', content: 'cache:\n  ttl: 86400' },
    ]);
  });

  it('starts a change that needs an evaluation with an offline evaluation at 0% and gates it on quality', () => {
    const plan = buildActionPlan(optimization(), testGoal());
    const rightsizing = plan.steps.find((step) => step.opportunity_id?.startsWith('model_rightsizing'));
    expect(rightsizing?.owner_role).toBe('ML engineer');
    expect(rightsizing?.phases.map((phase) => phase.traffic_pct)).toEqual([0, 5, 25, 100]);
    expect(rightsizing?.phases[0]?.name).toMatch(/evaluation/i);
    expect(rightsizing?.validation).toContain('Quality eval score against the current setup');
    expect(rightsizing?.rollback_triggers.join(' ')).toMatch(/Quality eval score more than 2 points/);
    expect(rightsizing?.artifacts).toEqual([]);
  });

  it('does not roll the batch API back on latency, and names the latency target when there is one', () => {
    const plan = buildActionPlan(optimization(), testGoal({ target_latency_ms: 800 }));
    const batch = plan.steps.find((step) => step.opportunity_id?.startsWith('batch_api'));
    expect(batch?.validation).not.toContain('p95 latency');
    expect(batch?.rollback_triggers.join(' ')).toMatch(/24 hours/);
    const caching = plan.steps.find((step) => step.opportunity_id?.startsWith('response_caching'));
    expect(caching?.rollback_triggers.join(' ')).toMatch(/800 ms target/);
  });

  it('leaves excluded opportunities out of the plan', () => {
    const goal = testGoal({ maintain_quality: true });
    const plan = buildActionPlan(optimization(goal), goal);
    expect(plan.steps.some((step) => step.opportunity_id?.startsWith('model_rightsizing'))).toBe(false);
    expect(plan.steps).toHaveLength(5);
  });

  it('has no steps when nothing is ranked', () => {
    expect(buildActionPlan(optimization(testGoal(), emptyAnalysis()), testGoal())).toEqual({ steps: [] });
  });

  it('is what the agent returns, with a thinking and a progress event', async () => {
    const { context, recorded } = recordingContext();
    const result = optimization();
    const plan = await actionsAgent.run({ triage: testTriage(), optimization: result }, context, {} as never);
    expect(plan).toEqual(buildActionPlan(result, testGoal()));
    expect(recorded.map((event) => event.type)).toEqual(['thinking', 'progress']);
  });
});
