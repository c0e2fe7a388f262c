import { createPriceCatalog, type PriceOverride } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import { overrideTarget, rangesOverlap } from './override-rules.js';
import { OverrideTimeline } from './override-timeline.js';

const base = createPriceCatalog();
const START = Date.parse('2025-03-01T00:00:00Z');
const END = Date.parse('2025-04-01T00:00:00Z');
const usage = {
  input_tokens: 1_000_000,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};
const halfOff: PriceOverride = { kind: 'discount', percent: 50, model: 'gpt-4o-mini' };
const priceAt = (timeline: OverrideTimeline, ms: number) =>
  timeline.price({ provider: 'openai', model: 'gpt-4o-mini', usage, timestamp: new Date(ms) }).costUsd;

describe('OverrideTimeline', () => {
  const timeline = new OverrideTimeline([{ spec: halfOff, fromMs: START, toMs: END }], { base });
  const list = priceAt(new OverrideTimeline([], { base }), START) ?? Number.NaN;

  it('prices with an override from its start (inclusive) to its end (exclusive)', () => {
    expect(list).toBeGreaterThan(0);
    expect(priceAt(timeline, START - 1)).toBe(list);
    expect(priceAt(timeline, START)).toBeCloseTo(list / 2, 12);
    expect(priceAt(timeline, END - 1)).toBeCloseTo(list / 2, 12);
    expect(priceAt(timeline, END)).toBe(list);
  });

  it('lets leading (what-if) overrides win over the organization’s own', () => {
    const leading: PriceOverride[] = [{ kind: 'discount', percent: 10, model: 'gpt-4o-mini' }];
    const whatIf = new OverrideTimeline([{ spec: halfOff, fromMs: START, toMs: END }], { base, leading });
    expect(priceAt(whatIf, START)).toBeCloseTo(list * 0.9, 12);
    expect(priceAt(whatIf, END)).toBeCloseTo(list * 0.9, 12);
  });

  it('reuses the shared catalog when no override is in force', () => {
    expect(timeline.catalogAt(new Date(END))).toBe(base);
    expect(timeline.catalogAt(new Date(START))).not.toBe(base);
  });
});

describe('override rules', () => {
  it('treats ranges as half-open with open ends', () => {
    expect(rangesOverlap({ fromMs: 0, toMs: 10 }, { fromMs: 10, toMs: null })).toBe(false);
    expect(rangesOverlap({ fromMs: 0, toMs: 11 }, { fromMs: 10, toMs: null })).toBe(true);
    expect(rangesOverlap({ fromMs: null, toMs: null }, { fromMs: 5, toMs: 6 })).toBe(true);
  });

  it('targets an override by kind, provider and model, case aside', () => {
    expect(overrideTarget({ kind: 'discount', percent: 5, model: 'GPT-4o' })).toBe(
      overrideTarget({ kind: 'discount', percent: 20, model: 'gpt-4o' }),
    );
    expect(overrideTarget({ kind: 'discount', percent: 5, model: 'gpt-4o' })).not.toBe(
      overrideTarget({ kind: 'discount', percent: 5, provider: 'azure', model: 'gpt-4o' }),
    );
  });
});
