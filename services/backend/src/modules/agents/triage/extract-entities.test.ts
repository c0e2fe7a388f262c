import { describe, expect, it } from 'vitest';
import { triageResultSchema, type TriageResult } from '#modules/agents/workflow-state.js';
import { triageAgent } from './triage.agent.js';
import { unitContext, unitDeps } from '#test-support/agents/triage-test-support.js';

async function triage(text: string): Promise<TriageResult> {
  const { context } = unitContext(text);
  const result = await triageAgent.run({ text, previous: null }, context, unitDeps());
  expect(triageResultSchema.safeParse(result).success).toBe(true);
  return result;
}

describe('triage: amounts, targets and periods', () => {
  it.each([
    ['we spend 5k a month', 5000, 'month', 5000],
    ['our budget is $12,000 per year', 12000, 'year', 1000],
    ['roughly $300 a day on tokens', 300, 'day', 9000],
    ['about $1.2M annually', 1_200_000, 'year', 100_000],
    ['$700 weekly', 700, 'week', 3000],
    ['a monthly spend of $2,500', 2500, 'month', 2500],
  ])('%s → %d per %s, %d a month', async (text, usd, period, monthly) => {
    const result = await triage(text);
    expect(result.entities.amounts[0]).toMatchObject({ usd, period });
    expect(result.goal.stated_monthly_spend_usd).toBe(monthly);
  });

  it('keeps an amount without a period, but states no monthly spend from it', async () => {
    const result = await triage('We spent $800 on the experiment');
    expect(result.entities.amounts).toEqual([{ mention: '$800', usd: 800, period: null }]);
    expect(result.goal.stated_monthly_spend_usd).toBeNull();
  });

  it('derives the savings share from a spend and a spend target', async () => {
    const result = await triage('Bring our spend from $10,000/month down to $7,000/month');
    expect(result.goal.stated_monthly_spend_usd).toBe(10000);
    expect(result.entities.targets).toContainEqual({
      mention: '$7,000/month',
      kind: 'cost_usd',
      value: 7000,
    });
    expect(result.goal.target_savings_pct).toBe(30);
  });

  it.each([
    ['get p95 below 800ms', 800],
    ['latency under 1.5 seconds please', 1500],
    ['we need sub-second answers', 1000],
  ])('%s → %d ms', async (text, ms) => {
    expect((await triage(text)).goal.target_latency_ms).toBe(ms);
  });

  it.each([
    ['traffic will double next month', 2],
    ['prepare for 10x growth', 10],
    ['usage will grow 50% by spring', 1.5],
    ['we will quadruple our users', 4],
  ])('%s → ×%d', async (text, multiplier) => {
    expect((await triage(text)).goal.growth_multiplier).toBe(multiplier);
  });

  it('reads "double-check" as no growth, a latency percentage as no savings target, and halving as 50 %', async () => {
    expect((await triage('please double-check the costs')).goal.growth_multiplier).toBeNull();
    expect((await triage('cut latency by 40%')).goal.target_savings_pct).toBeNull();
    expect((await triage('halve our OpenAI bill')).goal.target_savings_pct).toBe(50);
    expect((await triage('find a model 4x cheaper')).goal.target_savings_pct).toBe(75);
  });

  it.each([
    ['costs over the last 30 days', '2026-11-03T12:00:00.000Z', '2026-12-03T12:00:00.000Z'],
    ['what happened last week', '2026-11-26T12:00:00.000Z', '2026-12-03T12:00:00.000Z'],
    ['spend this month', '2026-12-01T00:00:00.000Z', '2026-12-03T12:00:00.000Z'],
    ['the spike yesterday', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['usage in March', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['costs last month', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['compare with December 2025', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ])('%s → [%s, %s)', async (text, from, to) => {
    expect((await triage(text)).entities.time_range).toMatchObject({ from, to });
  });

  it('reads the verb "may" as no month', async () => {
    expect((await triage('we may cut costs')).entities.time_range).toBeNull();
  });
});

describe('triage: features', () => {
  it('matches the organization features as whole words, any case, with - _ and space alike', async () => {
    const result = await triage('Costs of the Support Bot and the doc summarizer, not the searchbar');
    expect(result.entities.features).toEqual(['support-bot', 'doc_summarizer']);
  });
});

describe('triage: savings amounts and open periods', () => {
  it('reads "save $X a month" as a savings share of the stated spend, not as the spend', async () => {
    const result = await triage('We spend $8,000/month on OpenAI and want to save $2,000 a month');
    expect(result.goal.stated_monthly_spend_usd).toBe(8000);
    expect(result.goal.target_savings_pct).toBe(25);
    const alone = await triage('Help us save $1,000 a month');
    expect(alone.goal.stated_monthly_spend_usd).toBeNull();
  });

  it('adds up spends stated per model, and keeps the first of spends that overlap', async () => {
    const split = await triage("We're spending $3k/month on GPT-4o and $2,000 per month on Claude");
    expect(split.goal.stated_monthly_spend_usd).toBe(5000);
    const overlapping = await triage('Our bill is $5000/month, of which $2000/month is embeddings');
    expect(overlapping.goal.stated_monthly_spend_usd).toBe(5000);
  });

  it('runs "since March" up to now', async () => {
    expect((await triage('costs since March')).entities.time_range).toMatchObject({
      mention: 'since March',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-12-03T12:00:00.000Z',
    });
  });
});
