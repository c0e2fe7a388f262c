import { describe, expect, it } from 'vitest';
import { analyzeBatchApi, hourConcentration } from './batch-api.js';
import {
  analyzedRequest,
  applyChange,
  billCost,
  billOf,
  mustApply,
  only,
  run,
  segmentProfile,
} from './test-support.js';

/** 1,000 requests: `inBusiest` of them in hours 1–4 UTC, the rest spread over the other 20 hours. */
function nightlyHours(inBusiest: number): number[] {
  const rest = 1_000 - inBusiest;
  return Array.from({ length: 24 }, (_, hour) => (hour >= 1 && hour <= 4 ? inBusiest / 4 : rest / 20));
}

const NIGHTLY = segmentProfile({
  feature: 'nightly-summaries',
  model: 'gpt-4o',
  priced_model: 'gpt-4o',
  stream_share: 0,
  hours: nightlyHours(1_000),
  active_days: 7,
});

describe('batch_api', () => {
  it('reports a scheduled job with its hour concentration and the batch discount', () => {
    const candidate = only(run(analyzeBatchApi, NIGHTLY));
    expect(candidate.id).toBe('batch_api:nightly-summaries:openai/gpt-4o');
    expect(candidate.evidence).toMatchObject({
      hour_concentration: 1,
      busiest_hours: [1, 2, 3, 4],
      active_days: 7,
      batch_discount_pct: 50,
    });
    expect(candidate.confidence).toBe('medium');
  });

  it('gives the OpenAI /v1/batches JSONL line and the 24 h window', () => {
    const [line, submit] = only(run(analyzeBatchApi, NIGHTLY)).actions;
    expect(JSON.parse(line?.snippet ?? '{}')).toMatchObject({
      custom_id: 'nightly-summaries-000001',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o' },
    });
    expect(submit?.snippet).toContain("completion_window: '24h'");
  });

  it('gives Anthropic Message Batches lines', () => {
    const claude = {
      ...NIGHTLY,
      provider: 'anthropic',
      model: 'claude-3-5-haiku-latest',
      priced_provider: 'anthropic',
      priced_model: 'claude-3-5-haiku-latest',
    };
    const line = only(run(analyzeBatchApi, claude)).actions[0]?.snippet ?? '{}';
    expect(JSON.parse(line)).toMatchObject({
      custom_id: 'nightly-summaries-000001',
      params: { model: 'claude-3-5-haiku-latest' },
    });
  });

  it('moves unstreamed, unbatched requests to the batch API at half the price', () => {
    const candidate = only(run(analyzeBatchApi, NIGHTLY));
    const request = analyzedRequest(NIGHTLY);
    const bill = mustApply(candidate, request);
    expect(bill).toMatchObject({ batch: true, eliminated: false });
    expect(billCost(bill)).toBeCloseTo(billCost(billOf(request)) / 2, 10);
    expect(applyChange(candidate, analyzedRequest(NIGHTLY, { stream: true }))).toBeNull();
    expect(applyChange(candidate, analyzedRequest(NIGHTLY, { batch: true }))).toBeNull();
  });

  it('accepts offline-tagged work without a schedule, even on one day of data', () => {
    const tagged = { ...NIGHTLY, hours: segmentProfile().hours, active_days: 1, offline_share: 0.5 };
    expect(only(run(analyzeBatchApi, tagged)).confidence).toBe('high');
    expect(run(analyzeBatchApi, { ...tagged, offline_share: 0.49 })).toEqual([]);
  });

  it('infers no batch work from hours on one day of data', () => {
    expect(run(analyzeBatchApi, { ...NIGHTLY, active_days: 2 })).toHaveLength(1);
    expect(run(analyzeBatchApi, { ...NIGHTLY, active_days: 1 })).toEqual([]);
  });

  it('fires at the thresholds and stays silent just past each', () => {
    expect(run(analyzeBatchApi, { ...NIGHTLY, hours: nightlyHours(800) })).toHaveLength(1);
    expect(run(analyzeBatchApi, { ...NIGHTLY, hours: nightlyHours(796) })).toEqual([]);
    expect(run(analyzeBatchApi, { ...NIGHTLY, stream_share: 0.05 })).toHaveLength(1);
    expect(run(analyzeBatchApi, { ...NIGHTLY, stream_share: 0.06 })).toEqual([]);
    expect(run(analyzeBatchApi, { ...NIGHTLY, batch_share: 0.49 })).toHaveLength(1);
    expect(run(analyzeBatchApi, { ...NIGHTLY, batch_share: 0.5 })).toEqual([]);
  });

  it('needs a provider with a batch discount', () => {
    const together = {
      ...NIGHTLY,
      provider: 'together',
      model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
      priced_provider: 'together',
      priced_model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    };
    expect(run(analyzeBatchApi, together)).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeBatchApi, segmentProfile())).toEqual([]);
    expect(run(analyzeBatchApi, segmentProfile({ stream_share: 0 }))).toEqual([]);
    expect(run(analyzeBatchApi, { ...NIGHTLY, priced_model: '', priced_provider: '' })).toEqual([]);
  });

  it('measures hour concentration over the 4 busiest hours', () => {
    expect(hourConcentration(nightlyHours(900))).toEqual({ busiestHours: [1, 2, 3, 4], share: 0.9 });
    const lumpy = Array.from({ length: 24 }, (_, hour) => [0, 5, 9, 23, 12].indexOf(hour) + 1);
    expect(hourConcentration(lumpy)).toEqual({ busiestHours: [5, 9, 12, 23], share: 0.9333 });
    expect(hourConcentration(new Array<number>(24).fill(0))).toEqual({ busiestHours: [], share: 0 });
  });

  it('claims a schedule read from usage-report buckets with low confidence, still re-pricing the buckets', () => {
    const candidate = only(run(analyzeBatchApi, { ...NIGHTLY, aggregated_share: 1 }));
    expect(candidate.confidence).toBe('low');
    expect(candidate.assumptions.at(-1)).toMatch(
      /^100% of these requests come from aggregated usage-report rows .*streaming, latency and prompts are not known for them\.$/,
    );
    const bucket = analyzedRequest(NIGHTLY, { request_count: 500, aggregated: true });
    expect(mustApply(candidate, bucket).batch).toBe(true);
  });
});
