import { describe, expect, it } from 'vitest';
import { analyzeOutputLength, outputCap } from './output-length.js';
import { analyzedRequest, applyChange, mustApply, only, run, segmentProfile } from './test-support.js';

const WRITER = segmentProfile({
  feature: 'writer',
  max_tokens_share: 0,
  output_p50: 150,
  output_p90: 250,
  output_p99: 900,
  output_max: 4_000,
});

describe('outputCap', () => {
  it('is 1.5 × p90 rounded up to a multiple of 64', () => {
    expect(outputCap(250)).toBe(384);
    expect(outputCap(256)).toBe(384);
    expect(outputCap(1)).toBe(64);
    expect(outputCap(1_000)).toBe(1_536);
  });
});

describe('output_length', () => {
  it('reports an uncapped long tail with the proposed max_tokens', () => {
    const candidate = only(run(analyzeOutputLength, WRITER));
    expect(candidate.id).toBe('output_length:writer:openai/gpt-4o-mini');
    expect(candidate.title).toBe('Cap the output of `writer` on gpt-4o-mini at 384 tokens');
    expect(candidate.evidence).toMatchObject({ output_p90: 250, output_p99: 900, proposed_max_tokens: 384 });
    expect(JSON.parse(candidate.actions[0]?.snippet ?? '{}')).toEqual({ max_completion_tokens: 384 });
    expect(candidate.confidence).toBe('low');
  });

  it('caps output and keeps reasoning within it', () => {
    const candidate = only(run(analyzeOutputLength, WRITER));
    const runaway = analyzedRequest(WRITER, { output_tokens: 2_000, reasoning_tokens: 1_000 });
    expect(mustApply(candidate, runaway).usage).toMatchObject({ output_tokens: 384, reasoning_tokens: 384 });
    const thinking = analyzedRequest(WRITER, { output_tokens: 2_000, reasoning_tokens: 100 });
    expect(mustApply(candidate, thinking).usage).toMatchObject({ output_tokens: 384, reasoning_tokens: 100 });
    expect(applyChange(candidate, analyzedRequest(WRITER, { output_tokens: 384 }))).toBeNull();
  });

  it('uses the provider spelling of the limit', () => {
    const claude = {
      ...WRITER,
      provider: 'anthropic',
      model: 'claude-3-5-haiku-latest',
      priced_provider: 'anthropic',
      priced_model: 'claude-3-5-haiku-latest',
    };
    expect(JSON.parse(only(run(analyzeOutputLength, claude)).actions[0]?.snippet ?? '{}')).toEqual({
      max_tokens: 384,
    });
  });

  it('fires at each tail threshold and stays silent just below', () => {
    const noTail = { ...WRITER, output_p99: 749, output_max: 999 };
    expect(run(analyzeOutputLength, noTail)).toEqual([]);
    expect(run(analyzeOutputLength, { ...noTail, output_p99: 750 })).toHaveLength(1);
    expect(run(analyzeOutputLength, { ...noTail, output_max: 1_000 })).toHaveLength(1);
    expect(run(analyzeOutputLength, { ...WRITER, max_tokens_share: 0.49 })).toHaveLength(1);
    expect(run(analyzeOutputLength, { ...WRITER, max_tokens_share: 0.5 })).toEqual([]);
    expect(run(analyzeOutputLength, { ...WRITER, output_p90: 0 })).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeOutputLength, segmentProfile())).toEqual([]);
    expect(run(analyzeOutputLength, segmentProfile({ max_tokens_share: 0 }))).toEqual([]);
    expect(run(analyzeOutputLength, { ...WRITER, priced_model: '', priced_provider: '' })).toEqual([]);
  });

  it('reads no tail from usage-report buckets, whose outputs are averages', () => {
    expect(run(analyzeOutputLength, { ...WRITER, aggregated_share: 0.5 })).toEqual([]);
  });

  it('never caps an aggregated row, and says so when part of the segment is aggregated', () => {
    const candidate = only(run(analyzeOutputLength, { ...WRITER, aggregated_share: 0.25 }));
    const bucket = analyzedRequest(WRITER, { output_tokens: 20_000, request_count: 40, aggregated: true });
    expect(applyChange(candidate, bucket)).toBeNull();
    expect(candidate.assumptions.at(-1)).toBe(
      '25% of these requests come from aggregated usage-report rows (token totals per time bucket, each ' +
        'standing for its request count); this lever is decided request by request, so the figure counts ' +
        'only the individual requests.',
    );
  });
});
