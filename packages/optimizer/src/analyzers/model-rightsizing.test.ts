import { describe, expect, it } from 'vitest';
import { ladderKey, ladderTargets } from './model-ladder.js';
import { analyzeModelRightsizing, rightsizingCandidate, taskLikeSamples } from './model-rightsizing.js';
import { analyzedRequest, billCost, catalog, mustApply, only, run, segmentProfile } from './test-support.js';

const TICKET_TAGGER = segmentProfile({
  feature: 'ticket-tagger',
  model: 'gpt-4o-2024-08-06',
  priced_model: 'gpt-4o',
  output_p50: 12,
  output_p90: 40,
  output_p99: 60,
  output_max: 90,
  prompt_samples: ['Classify this support ticket into one of: billing, bug, other.', 'Hello there'],
});

describe('rightsizingCandidate', () => {
  it('walks the curated ladder to a cheaper model of the same provider', () => {
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-4o')).toBe('gpt-4o-mini');
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-4o-2024-08-06')).toBe('gpt-4o-mini');
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-4.1')).toBe('gpt-4.1-mini');
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-4-turbo')).toBe('gpt-4o-mini');
    expect(rightsizingCandidate(catalog, 'azure', 'gpt-4o')).toBe('gpt-4o-mini');
    expect(rightsizingCandidate(catalog, 'anthropic', 'claude-opus-4-1')).toBe('claude-sonnet-4-0');
    expect(rightsizingCandidate(catalog, 'anthropic', 'claude-sonnet-4-5')).toBe('claude-3-5-haiku-latest');
    expect(rightsizingCandidate(catalog, 'anthropic', 'claude-3-7-sonnet')).toBe('claude-3-5-haiku-latest');
    expect(rightsizingCandidate(catalog, 'google', 'gemini-2.5-pro')).toBe('gemini-2.5-flash');
    expect(rightsizingCandidate(catalog, 'google', 'gemini-1.5-pro')).toBe('gemini-1.5-flash');
    expect(rightsizingCandidate(catalog, 'aws', 'us.anthropic.claude-sonnet-4-20250514-v1:0')).toBe(
      'regional.anthropic.claude-3-5-haiku-20241022-v1:0',
    );
  });

  it('returns null for models without a rung or that do not resolve', () => {
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-4o-mini')).toBeNull();
    expect(rightsizingCandidate(catalog, 'anthropic', 'claude-3-5-haiku')).toBeNull();
    expect(rightsizingCandidate(catalog, 'openai', 'gpt-17-ultra')).toBeNull();
  });

  it('keys the ladder on the bare model id', () => {
    expect(ladderKey('regional.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(
      'claude-3-7-sonnet-20250219-v1:0',
    );
    expect(ladderKey('openai/GPT-4o')).toBe('gpt-4o');
    expect(ladderTargets('gemini-3-pro-preview')[0]).toBe('gemini-3-flash-preview');
    expect(ladderTargets('gpt-4o-mini')).toEqual([]);
  });
});

describe('model_rightsizing', () => {
  it('reports short outputs on a premium model with the candidate and its context window', () => {
    const candidate = only(run(analyzeModelRightsizing, TICKET_TAGGER));
    expect(candidate.id).toBe('model_rightsizing:ticket-tagger:openai/gpt-4o-2024-08-06');
    expect(candidate.title).toBe('Move `ticket-tagger` on gpt-4o-2024-08-06 to gpt-4o-mini');
    expect(candidate.requires_evaluation).toBe(true);
    expect(candidate.confidence).toBe('medium');
    expect(candidate.evidence).toMatchObject({
      candidate_model: 'gpt-4o-mini',
      output_p90: 40,
      candidate_context_window: 128_000,
      task_like_samples: 1,
    });
  });

  it('gives a routing rule and a LiteLLM router config routing the feature to the candidate', () => {
    const [rule, config] = only(run(analyzeModelRightsizing, TICKET_TAGGER)).actions;
    expect(JSON.parse(rule?.snippet ?? '{}')).toMatchObject({
      match: { feature: 'ticket-tagger' },
      route_to: { provider: 'openai', model: 'gpt-4o-mini' },
    });
    expect(config?.snippet).toContain('model: "openai/gpt-4o-mini"');
    expect(config?.snippet).toContain('model_group_alias:');
    expect(config?.snippet).toContain('"ticket-tagger-model": "gpt-4o-mini"');
  });

  it('re-prices every request of the segment on the candidate', () => {
    const candidate = only(run(analyzeModelRightsizing, TICKET_TAGGER));
    const request = analyzedRequest(TICKET_TAGGER, { input_tokens: 1_000_000, output_tokens: 0 });
    const bill = mustApply(candidate, request);
    expect(bill).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(billCost(bill)).toBeCloseTo(0.15, 10);
  });

  it('has lower confidence without task wording in prompt samples', () => {
    expect(only(run(analyzeModelRightsizing, { ...TICKET_TAGGER, prompt_samples: [] })).confidence).toBe(
      'low',
    );
    expect(taskLikeSamples(['Extract the invoice number', 'Answer yes or no', 'Write a poem'])).toBe(2);
  });

  it('fires at output p90 = 200 and stays silent above', () => {
    expect(run(analyzeModelRightsizing, { ...TICKET_TAGGER, output_p90: 200 })).toHaveLength(1);
    expect(run(analyzeModelRightsizing, { ...TICKET_TAGGER, output_p90: 201 })).toEqual([]);
  });

  it("needs the candidate's context window to hold input p90 + output max", () => {
    expect(run(analyzeModelRightsizing, { ...TICKET_TAGGER, input_p90: 127_910 })).toHaveLength(1);
    expect(run(analyzeModelRightsizing, { ...TICKET_TAGGER, input_p90: 127_911 })).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeModelRightsizing, segmentProfile())).toEqual([]);
    expect(run(analyzeModelRightsizing, segmentProfile({ output_p90: 40 }))).toEqual([]);
    expect(run(analyzeModelRightsizing, { ...TICKET_TAGGER, priced_model: '', priced_provider: '' })).toEqual(
      [],
    );
  });
});
