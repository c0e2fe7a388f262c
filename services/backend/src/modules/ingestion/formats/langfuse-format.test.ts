import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { AI_SDK_WRAPPER_SKIP } from './langfuse-format.js';
import { langfuseTokens } from './langfuse-usage.js';
import { errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

/** The first generation of langfuse-observations.json, as a canonical record. */
const FIRST_GENERATION = {
  event_id: 'langfuse:obs-gen-1',
  timestamp: '2025-03-04T10:00:00.000Z',
  model: 'gpt-4o-2024-08-06',
  operation: 'chat',
  input_tokens: 1200,
  output_tokens: 80,
  cache_read_tokens: 1000,
  cache_write_tokens: 0,
  reasoning_tokens: 30,
  latency_ms: 2500,
  ttft_ms: 400,
  status: 'success',
  cost_usd: 0.00255,
  max_tokens: 1024,
  temperature: 0.2,
  stream: true,
  feature: 'summarize-ticket',
  environment: 'production',
  metadata: {
    source: 'langfuse',
    trace_id: 'trace-1',
    observation_id: 'obs-gen-1',
    parent_observation_id: 'obs-span-1',
    observation_name: 'OpenAI-generation',
    prompt_name: 'summarize-ticket',
    prompt_version: '3',
    ls_provider: 'openai',
    team: 'search',
  },
};

describe('Langfuse observation export', () => {
  it('maps a generation: additive usage types, timings, cost, parameters and attribution', async () => {
    const { rows } = await readAll([fixtureBytes('langfuse-observations.json')], { format: 'langfuse' });
    expect(recordsOf(rows)[0]).toEqual(FIRST_GENERATION);
  });

  it('counts cache reads and writes into the input of an Anthropic generation', async () => {
    const { rows } = await readAll([fixtureBytes('langfuse-observations.json')], { format: 'langfuse' });
    expect(recordsOf(rows)[1]).toMatchObject({
      input_tokens: 120 + 3000 + 800,
      cache_read_tokens: 3000,
      cache_write_tokens: 800,
      output_tokens: 410,
      cost_usd: 0.0081,
      feature: 'ChatAnthropic',
    });
  });

  it('marks ERROR generations, skips spans and events, reports a bad row at its line', async () => {
    const { rows, progress } = await readAll([fixtureBytes('langfuse-observations.json')], {
      format: 'langfuse',
    });
    expect(recordsOf(rows)[2]).toMatchObject({
      status: 'error',
      error_type: 'RateLimitError: Rate limit reached for gpt-4o-mini',
      cost_usd: 0.000135,
    });
    expect(progress.skipped).toEqual({ 'langfuse span observation': 1, 'langfuse event observation': 1 });
    expect(errorsOf(rows)).toEqual(['93: startTime']);
    expect(recordsOf(rows).every((record, index) => parseUsageEvent(record, index).ok)).toBe(true);
  });

  it('reads JSON lines and CSV (JSON cells) to the same records', async () => {
    const json = recordsOf(
      (await readAll([fixtureBytes('langfuse-observations.json')], { format: 'langfuse' })).rows,
    );
    const jsonl = await readAll([fixtureBytes('langfuse-observations.jsonl')], { format: 'langfuse' });
    const csv = await readAll([fixtureBytes('langfuse-observations.csv')], { format: 'langfuse' });
    expect(recordsOf(jsonl.rows)).toEqual(json);
    expect(recordsOf(csv.rows)).toEqual(json);
    expect(errorsOf(jsonl.rows)).toEqual(['6: startTime']);
    expect(errorsOf(csv.rows)).toEqual(['7: startTime']);
  });
});

describe('langfuseTokens', () => {
  it('takes input/output as inclusive when the total shows details were sent as subsets', () => {
    const usage = {
      input: 1500,
      input_cached_tokens: 1024,
      output: 100,
      output_reasoning_tokens: 60,
      total: 1600,
    };
    expect(langfuseTokens(usage)).toEqual({
      input_tokens: 1500,
      output_tokens: 100,
      cache_read_tokens: 1024,
      cache_write_tokens: 0,
      reasoning_tokens: 60,
    });
  });

  it('reads the older usage object and ignores unit and cost entries', () => {
    const usage = { input: 10, output: 5, total: 15, unit: 'TOKENS', inputCost: 0.1, totalCost: 0.2 };
    expect(langfuseTokens(usage)).toMatchObject({ input_tokens: 10, output_tokens: 5 });
  });
});

describe('Langfuse trace download', () => {
  it('counts the AI SDK inner calls, skips the wrapper, span and tool, and takes latency from the times', async () => {
    const { rows, progress } = await readAll([fixtureBytes('langfuse-trace-download.json')], {
      format: 'auto',
    });
    expect(progress.format).toBe('langfuse');
    expect(progress.skipped).toEqual({
      'langfuse span observation': 1,
      'langfuse tool observation': 1,
      [AI_SDK_WRAPPER_SKIP]: 1,
    });
    const records = recordsOf(rows);
    expect(records.map((record) => record.event_id)).toEqual(['langfuse:obs-call-1', 'langfuse:obs-call-2']);
    // The download writes latency 1500 (milliseconds); the times say 1.5 s: never 1,500,000 ms.
    expect(records[0]).toMatchObject({
      latency_ms: 1500,
      ttft_ms: 600,
      input_tokens: 800,
      output_tokens: 40,
    });
    expect(records[0]).toMatchObject({ cost_usd: 0.0024, max_tokens: 512, temperature: 0 });
    // Tokens and cost of the run: the inner calls only (the wrapper's 1800/240/$0.0069 are the same again).
    const sum = (key: string) => records.reduce((total, record) => total + (record[key] as number), 0);
    expect([sum('input_tokens'), sum('output_tokens')]).toEqual([1800, 240]);
    expect(sum('cost_usd')).toBeCloseTo(0.0069, 10);
  });

  it.each([
    ['ai.streamText', true],
    ['ai.generateObject my-function', true],
    ['ai.embedMany', true],
    ['ai.streamText.doStream', false],
    ['ai.embed.doEmbed', false],
    ['ai-generateText', false],
  ])('treats a generation named %s as a wrapper: %s', async (name, wrapper) => {
    const row = {
      id: 'o',
      traceId: 't',
      type: 'GENERATION',
      name,
      startTime: '2025-01-01T00:00:00Z',
      model: 'm',
    };
    const { rows, progress } = await readAll([`${JSON.stringify(row)}\n`], { format: 'langfuse' });
    expect(rows).toHaveLength(wrapper ? 0 : 1);
    expect(progress.skipped).toEqual(wrapper ? { [AI_SDK_WRAPPER_SKIP]: 1 } : {});
  });

  it('reads exported durations without times: `latency` in seconds (API), `latencyMs` in milliseconds', async () => {
    const base = { traceId: 't', type: 'GENERATION', startTime: '2025-01-01T00:00:00Z', model: 'm' };
    const rows = [
      { ...base, id: 'api', latency: 1.25, timeToFirstToken: 0.5 },
      { ...base, id: 'export', latencyMs: 1250, timeToFirstTokenMs: 500 },
    ];
    const { rows: read } = await readAll([JSON.stringify({ data: rows, meta: { page: 1 } })], {
      format: 'auto',
    });
    for (const record of recordsOf(read)) {
      expect(record).toMatchObject({ latency_ms: 1250, ttft_ms: 500 });
    }
  });

  it('takes the stated cost from costDetails.total, calculatedTotalCost, totalCost or the detail parts', async () => {
    const base = { traceId: 't', type: 'GENERATION', startTime: '2025-01-01T00:00:00Z', model: 'm' };
    const rows = [
      { ...base, id: 'a', costDetails: { input: 1, total: 3 }, calculatedTotalCost: 9 },
      { ...base, id: 'b', costDetails: {}, calculatedTotalCost: 0.5 },
      { ...base, id: 'c', totalCost: 0.25 },
      { ...base, id: 'd', costDetails: { input: 0.125, output: 0.5 } },
      { ...base, id: 'e' },
    ];
    const { rows: read } = await readAll([JSON.stringify(rows)], { format: 'langfuse' });
    expect(recordsOf(read).map((record) => record.cost_usd)).toEqual([3, 0.5, 0.25, 0.625, undefined]);
  });
});

describe('Langfuse request parameters', () => {
  it('keeps the generation when a parameter is a sentinel or free text (max_tokens -1 is "unset")', async () => {
    const row = {
      id: 'o',
      traceId: 't',
      type: 'GENERATION',
      startTime: '2025-01-01T00:00:00Z',
      model: 'gpt-4o',
      modelParameters: { max_tokens: -1, temperature: 'warm', stream: 'maybe' },
      usageDetails: { input: 41, output: 3 },
    };
    const { rows } = await readAll(
      [JSON.stringify([row, { ...row, id: 'p', modelParameters: '{not json' }])],
      {
        format: 'langfuse',
      },
    );
    expect(errorsOf(rows)).toEqual([]);
    for (const record of recordsOf(rows)) {
      expect(record).toMatchObject({ input_tokens: 41, output_tokens: 3 });
      expect(record).not.toHaveProperty('max_tokens');
      expect(record).not.toHaveProperty('temperature');
    }
  });
});

describe('Langfuse daily metrics page', () => {
  const page = {
    data: [
      {
        date: '2025-02-04',
        countTraces: 2,
        countObservations: 3,
        totalCost: 0.0002,
        usage: [
          {
            model: 'gpt-4o-mini',
            inputUsage: 390,
            outputUsage: 34,
            totalUsage: 424,
            totalCost: 0.0001,
            countObservations: 2,
          },
          {
            model: 'gpt-4o-mini',
            inputUsage: 384,
            outputUsage: 34,
            totalUsage: 418,
            totalCost: 0.0001,
            countObservations: 1,
          },
          {
            model: 'gpt-4o',
            inputUsage: 0,
            outputUsage: 0,
            totalUsage: 0,
            totalCost: 0,
            countObservations: 0,
          },
        ],
      },
    ],
    meta: { page: 1, limit: 50, totalItems: 1, totalPages: 1 },
  };

  it('makes one aggregated record per model entry, over the day, with the stated cost', async () => {
    const { rows, progress } = await readAll([JSON.stringify(page, null, 2)], { format: 'auto' });
    expect(progress.format).toBe('langfuse');
    expect(progress.skipped).toEqual({ 'empty usage bucket': 1 });
    const records = recordsOf(rows);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      timestamp: '2025-02-04T00:00:00.000Z',
      period_end: '2025-02-05T00:00:00.000Z',
      request_count: 2,
      model: 'gpt-4o-mini',
      input_tokens: 390,
      output_tokens: 34,
      cost_usd: 0.0001,
    });
    expect(records[0]?.event_id).not.toBe(records[1]?.event_id);
    expect(rows.map((row) => row.line)).toEqual([9, 17]);
    expect(records.every((record, index) => parseUsageEvent(record, index).ok)).toBe(true);
  });

  it('refuses a day whose date is not a date, at the day', async () => {
    const bad = { data: [{ ...page.data[0], date: 'yesterday' }] };
    const { rows } = await readAll([JSON.stringify(bad)], { format: 'langfuse' });
    expect(errorsOf(rows)).toEqual(['1: date']);
  });
});
