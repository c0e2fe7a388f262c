import { describe, expect, it } from 'vitest';
import { testGoal } from '#test-support/agents/agent-test-doubles.js';
import { rankForGoal } from './goal-ranking.js';
import { emptyAnalysis, sampleAnalysis } from '#test-support/agents/engine-report-fixtures.js';

const kinds = (ids: readonly string[]) => ids.map((id) => id.split(':')[0]);

describe('ranking opportunities by the goal', () => {
  it('ranks a cost goal by dollars and leaves nothing out', () => {
    const ranking = rankForGoal(sampleAnalysis(), testGoal());
    expect(kinds(ranking.ranked_ids)).toEqual([
      'batch_api',
      'model_rightsizing',
      'response_caching',
      'prompt_caching',
      'output_length',
      'error_waste',
      'provider_arbitrage',
    ]);
    expect(ranking.excluded).toEqual([]);
    expect(ranking.goal_note).toContain('monthly savings');
  });

  it('puts proven before potential at equal dollars', () => {
    const analysis = sampleAnalysis([
      {
        kind: 'model_rightsizing',
        feature: 'a',
        monthly: 500,
        confidence: 'medium',
        requiresEvaluation: true,
      },
      { kind: 'response_caching', feature: 'b', monthly: 500, confidence: 'high' },
    ]);
    expect(kinds(rankForGoal(analysis, testGoal()).ranked_ids)).toEqual([
      'response_caching',
      'model_rightsizing',
    ]);
  });

  it('ranks latency levers first for a latency goal and leaves out the batch API with why', () => {
    const ranking = rankForGoal(sampleAnalysis(), testGoal({ objective: 'latency' }));
    expect(kinds(ranking.ranked_ids)).toEqual([
      'model_rightsizing',
      'response_caching',
      'prompt_caching',
      'output_length',
      'error_waste',
      'provider_arbitrage',
    ]);
    expect(ranking.excluded.map((item) => item.id)).toEqual(['batch_api:nightly:openai/gpt-4o']);
    expect(ranking.excluded[0]?.reason).toMatch(/hours/);
    expect(ranking.goal_note).toMatch(/faster/);
  });

  it('leaves out levers that need an evaluation when quality must be kept, and says so', () => {
    const ranking = rankForGoal(sampleAnalysis(), testGoal({ maintain_quality: true }));
    expect(kinds(ranking.ranked_ids)).toEqual([
      'batch_api',
      'response_caching',
      'prompt_caching',
      'error_waste',
    ]);
    expect(kinds(ranking.excluded.map((item) => item.id))).toEqual([
      'model_rightsizing',
      'output_length',
      'provider_arbitrage',
    ]);
    expect(ranking.excluded.every((item) => item.reason.includes('evaluation'))).toBe(true);
    expect(ranking.goal_note).toMatch(/quality must be kept/);
  });

  it('treats a quality objective as keeping quality', () => {
    const ranking = rankForGoal(sampleAnalysis(), testGoal({ objective: 'quality' }));
    expect(ranking.excluded).toHaveLength(3);
  });

  it('leaves out what lowers no cost when cost must not rise', () => {
    const ranking = rankForGoal(sampleAnalysis(), testGoal({ no_cost_increase: true }));
    expect(ranking.excluded.map((item) => item.id)).toEqual(['provider_arbitrage:search:openai/gpt-4o']);
    expect(ranking.excluded[0]?.reason).toMatch(/cost must not rise/);
    expect(ranking.ranked_ids).toHaveLength(6);
  });

  it('gives the first reason when several constraints leave an opportunity out', () => {
    const ranking = rankForGoal(
      sampleAnalysis(),
      testGoal({ maintain_quality: true, no_cost_increase: true }),
    );
    const arbitrage = ranking.excluded.find((item) => item.id.startsWith('provider_arbitrage'));
    expect(arbitrage?.reason).toMatch(/evaluation/);
  });

  it('never changes a figure of the report', () => {
    const analysis = sampleAnalysis();
    const before = structuredClone(analysis);
    rankForGoal(analysis, testGoal({ objective: 'latency', maintain_quality: true }));
    expect(analysis).toEqual(before);
  });

  it('ranks nothing when the engine found nothing', () => {
    expect(rankForGoal(emptyAnalysis(), testGoal())).toMatchObject({ ranked_ids: [], excluded: [] });
  });
});
