import type { DataQuality } from '@netra/optimizer';
import type { RequestGoal } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { sufficiencyResultSchema } from '#modules/agents/workflow-state.js';
import { decideSufficiency, type ScopeFacts } from './sufficiency-decision.js';

const GOAL: RequestGoal = {
  category: 'cost_optimization',
  objective: 'cost',
  maintain_quality: true,
  no_cost_increase: false,
  target_savings_pct: 30,
  target_latency_ms: null,
  growth_multiplier: null,
  stated_monthly_spend_usd: null,
  stated_models: [],
};
const STATED: RequestGoal = { ...GOAL, stated_monthly_spend_usd: 5000, stated_models: ['gpt-4'] };

const SCOPE: ScopeFacts = {
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-12-01T00:00:00Z'),
  origin: 'latest_30_days',
  mention: null,
  requests: 5000,
  days: 29.5,
  latestEvent: new Date('2026-11-30T23:59:59Z'),
};
const NO_DATA: ScopeFacts = {
  ...SCOPE,
  from: null,
  to: null,
  origin: 'no_data',
  requests: 0,
  days: 0,
  latestEvent: null,
};

function quality(sufficiency: DataQuality['sufficiency'], missing: string[] = []): DataQuality {
  return {
    sufficiency,
    completeness: sufficiency === 'sufficient' ? 0.9 : sufficiency === 'partial' ? 0.6 : 0,
    missing: missing.map((field) => ({ field, why: `${field} is missing` })),
    notes:
      sufficiency === 'insufficient'
        ? ['Only 0 requests: at least 50 are needed before any opportunity is claimed.']
        : [],
  };
}

describe('decideSufficiency: the decision table', () => {
  it.each([
    ['sufficient', SCOPE, GOAL, 'sufficient', null],
    ['partial', SCOPE, GOAL, 'partial', null],
    ['insufficient', { ...SCOPE, requests: 20 }, GOAL, 'insufficient', null],
    ['insufficient', NO_DATA, STATED, 'insufficient', { monthly_cost_usd: 5000, models: ['gpt-4'] }],
    ['insufficient', NO_DATA, GOAL, 'insufficient', null],
    ['sufficient', SCOPE, STATED, 'sufficient', { monthly_cost_usd: 5000, models: ['gpt-4'] }],
  ] as const)('engine %s → workflow %s', (engine, scope, goal, workflow, baseline) => {
    const result = decideSufficiency(quality(engine), scope, goal);
    expect(sufficiencyResultSchema.safeParse(result).success).toBe(true);
    expect(result.level).toBe(engine);
    expect(result.workflow).toBe(workflow);
    expect(result.stated_baseline).toEqual(baseline);
  });

  it('explains an empty organization with a stated spend', () => {
    const result = decideSufficiency(quality('insufficient'), NO_DATA, STATED);
    expect(result.scope).toEqual({ from: null, to: null });
    expect(result.reasons[0]).toBe('No usage is stored for this organization yet.');
    expect(result.reasons.at(-1)).toBe(
      'Your message states $5,000/month on gpt-4: it serves as the baseline of the guidance until usage data arrives.',
    );
  });

  it('names the window, the weak fields and the period the user asked for', () => {
    const result = decideSufficiency(
      quality('partial', ['prompt_hash', 'prefix_hashes']),
      { ...SCOPE, origin: 'message', mention: 'last month' },
      GOAL,
    );
    expect(result.reasons[0]).toBe(
      'Analyzed the period you named (last month): 2026-11-01 to 2026-12-01, 5,000 requests over 29.5 days.',
    );
    expect(result.reasons[1]).toBe(
      'The data is partial (60% complete): figures come with caveats; weak or missing: prompt_hash, prefix_hashes.',
    );
  });

  it('says there is no usage at all when the organization has none, whatever period was asked', () => {
    const result = decideSufficiency(
      quality('insufficient'),
      { ...SCOPE, origin: 'message', mention: 'last week', requests: 0, days: 0, latestEvent: null },
      GOAL,
    );
    expect(result.reasons[0]).toBe('No usage is stored for this organization yet.');
    expect(result.scope.from).toBe('2026-11-01T00:00:00.000Z');
  });

  it('says where the data is when the period asked about is empty', () => {
    const result = decideSufficiency(
      quality('insufficient'),
      { ...SCOPE, origin: 'message', mention: 'in March', requests: 0, days: 0 },
      GOAL,
    );
    expect(result.reasons).toContain(
      'There is no usage in that period; the latest stored event is from 2026-11-30.',
    );
  });
});
