import { describe, expect, it } from 'vitest';
import { analyzeReasoningEffort, REASONING_EFFORT_REDUCTION } from './reasoning-effort.js';
import { analyzedRequest, applyChange, mustApply, only, run, segmentProfile } from './test-support.js';

// 1,000 requests, 2,000 output tokens each of which 1,800 reasoning: 200 visible per request.
const ROUTER = segmentProfile({
  feature: 'router',
  model: 'o3',
  priced_model: 'o3',
  output_tokens: 2_000_000,
  reasoning_tokens: 1_800_000,
});

describe('reasoning_effort', () => {
  it('reports heavy reasoning behind short answers, marked for evaluation', () => {
    const candidate = only(run(analyzeReasoningEffort, ROUTER));
    expect(candidate.id).toBe('reasoning_effort:router:openai/o3');
    expect(candidate.requires_evaluation).toBe(true);
    expect(candidate.evidence).toMatchObject({
      reasoning_share_of_output: 0.9,
      reasoning_per_request: 1_800,
      visible_output_per_request: 200,
      assumed_reasoning_reduction: 0.5,
    });
    expect(JSON.parse(candidate.actions[0]?.snippet ?? '{}')).toEqual({ reasoning_effort: 'low' });
  });

  it('gives Anthropic a smaller thinking budget', () => {
    const claude = {
      ...ROUTER,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      priced_provider: 'anthropic',
      priced_model: 'claude-sonnet-4-5',
    };
    const snippet = only(run(analyzeReasoningEffort, claude)).actions[0]?.snippet ?? '{}';
    expect(JSON.parse(snippet)).toEqual({ thinking: { type: 'enabled', budget_tokens: 1_024 } });
  });

  it('removes half the reasoning from reasoning and output alike', () => {
    expect(REASONING_EFFORT_REDUCTION).toBe(0.5);
    const candidate = only(run(analyzeReasoningEffort, ROUTER));
    const request = analyzedRequest(ROUTER, { output_tokens: 2_000, reasoning_tokens: 1_801 });
    expect(mustApply(candidate, request).usage).toMatchObject({
      output_tokens: 1_099.5,
      reasoning_tokens: 900.5,
    });
    expect(applyChange(candidate, analyzedRequest(ROUTER))).toBeNull();
  });

  it('fires at the thresholds and stays silent just past each', () => {
    const half = { ...ROUTER, output_tokens: 600_000, reasoning_tokens: 300_000 };
    expect(run(analyzeReasoningEffort, half)).toHaveLength(1);
    expect(run(analyzeReasoningEffort, { ...half, reasoning_tokens: 299_999 })).toEqual([]);
    const visible300 = { ...ROUTER, output_tokens: 700_000, reasoning_tokens: 400_000 };
    expect(run(analyzeReasoningEffort, visible300)).toHaveLength(1);
    expect(run(analyzeReasoningEffort, { ...visible300, output_tokens: 700_001 })).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeReasoningEffort, segmentProfile())).toEqual([]);
    expect(run(analyzeReasoningEffort, { ...ROUTER, priced_model: '', priced_provider: '' })).toEqual([]);
  });
});
