import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

/** The first row of the spend-log fixtures, as a canonical record. */
const FIRST_REQUEST = {
  event_id: 'litellm:chatcmpl-9f1c2a',
  timestamp: '2025-05-06T09:15:02.123Z',
  provider: 'openai',
  model: 'gpt-4o-2024-08-06',
  operation: 'chat',
  input_tokens: 1400,
  output_tokens: 130,
  cache_read_tokens: 1024,
  cache_write_tokens: 0,
  reasoning_tokens: 64,
  latency_ms: 2333,
  ttft_ms: 777,
  status: 'success',
  cost_usd: 0.0042,
  user_id: 'customer-42',
  session_id: 'sess-1',
  tags: ['support', 'prod'],
  metadata: {
    source: 'litellm',
    call_type: 'acompletion',
    model_group: 'gpt-4o',
    model_id: 'deploy-1',
    api_base: 'https://api.openai.com/v1',
    api_key_hash: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b',
    team_id: 'team-1',
    key_alias: 'support-bot',
    team_alias: 'support',
  },
};

describe('LiteLLM spend logs', () => {
  it('maps a request with its usage object, timings, cost and attribution', async () => {
    const { rows } = await readAll([fixtureBytes('litellm-spend-logs.csv')], { format: 'litellm' });
    expect(recordsOf(rows)[0]).toEqual(FIRST_REQUEST);
  });

  it('keeps prompt_tokens as the inclusive input for Anthropic calls through LiteLLM', async () => {
    const { rows } = await readAll([fixtureBytes('litellm-spend-logs.csv')], { format: 'litellm' });
    expect(recordsOf(rows)[1]).toMatchObject({
      provider: 'anthropic',
      input_tokens: 6200,
      cache_read_tokens: 5000,
      cache_write_tokens: 1000,
    });
  });

  it('marks failures and proxy cache hits, and reports a bad count at its line', async () => {
    const { rows } = await readAll([fixtureBytes('litellm-spend-logs.csv')], { format: 'litellm' });
    const [, , failed, cached] = recordsOf(rows);
    expect(failed).toMatchObject({ status: 'error', error_type: 'RateLimitError', latency_ms: 30000 });
    expect(cached?.metadata).toMatchObject({ litellm_cache_hit: 'true' });
    expect(errorsOf(rows)).toEqual(['6: prompt_tokens']);
    const parsed = recordsOf(rows).map((record, index) => parseUsageEvent(record, index));
    expect(parsed.every((result) => result.ok)).toBe(true);
  });

  it('reads the JSON export (metadata inline) to the same records', async () => {
    const csv = await readAll([fixtureBytes('litellm-spend-logs.csv')], { format: 'litellm' });
    const json = await readAll([fixtureBytes('litellm-spend-logs.json')], { format: 'litellm' });
    expect(recordsOf(json.rows)).toEqual(recordsOf(csv.rows).slice(0, 3));
    expect(json.rows.map((row) => row.line)).toEqual([2, 43, 79]);
  });

  it('adds cache writes back for older LiteLLM releases that left them out of prompt_tokens', async () => {
    const usage = {
      prompt_tokens: 5100,
      completion_tokens: 5,
      cache_read_input_tokens: 5000,
      cache_creation_input_tokens: 900,
    };
    const row = {
      request_id: 'r-old',
      call_type: 'acompletion',
      startTime: '2025-01-01T00:00:00Z',
      model: 'claude-3-5-haiku-20241022',
      prompt_tokens: 5100,
      completion_tokens: 5,
      metadata: { usage_object: usage },
    };
    const { rows } = await readAll([`${JSON.stringify(row)}\n`], { format: 'litellm' });
    expect(rows[0]?.record).toMatchObject({
      input_tokens: 6000,
      cache_read_tokens: 5000,
      cache_write_tokens: 900,
    });
  });
});

/** The logging-payload fixture (one pretty object, as the S3/GCS loggers write one per request). */
function payload(): Record<string, unknown> {
  return JSON.parse(fixtureBytes('litellm-logging-payload.json').toString()) as Record<string, unknown>;
}

/** An Anthropic call's usage as LiteLLM normalises it (prompt_tokens inclusive of the cache). */
const ANTHROPIC_USAGE = {
  prompt_tokens: 5200,
  completion_tokens: 80,
  cache_read_input_tokens: 5000,
  cache_creation_input_tokens: 100,
};

/** The logging-payload fixture as a canonical record. */
const PAYLOAD_REQUEST = {
  event_id: 'litellm:chatcmpl-7c1f0e2a-5b7e-4c0b-9d7e-1f2a3b4c5d6e',
  timestamp: '2025-05-06T09:15:02.123Z',
  provider: 'openai',
  model: 'gpt-4o-mini',
  operation: 'chat',
  input_tokens: 1500,
  output_tokens: 450,
  cache_read_tokens: 1024,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
  latency_ms: 2500,
  ttft_ms: 400,
  status: 'success',
  max_tokens: 600,
  temperature: 0.3,
  stream: false,
  cost_usd: 0.0004182,
  user_id: 'customer-17',
  tags: ['tickets'],
  metadata: {
    source: 'litellm',
    call_type: 'acompletion',
    model_group: 'gpt-4o-mini',
    model_id: 'deploy-7',
    api_base: 'https://api.openai.com/v1',
    trace_id: '4f0c6f8e-2f0a-4a57-9b1c-8d2e3f4a5b6c',
    api_key_hash: '5b0b6a8c0f3e4d2a9c1b7e6f5a4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d',
    team_id: 'team-support',
    organization_id: 'org-1',
    key_alias: 'ticket-bot',
    team_alias: 'support',
  },
};

describe('LiteLLM standard logging payload', () => {
  it('maps a payload: epoch-second times, tokens, stated cost, parameters and key attribution', async () => {
    const { rows, progress } = await readAll([fixtureBytes('litellm-logging-payload.json')], {
      format: 'auto',
    });
    expect(progress.format).toBe('litellm');
    expect(recordsOf(rows)).toEqual([PAYLOAD_REQUEST]);
    expect(parseUsageEvent(recordsOf(rows)[0], 0).ok).toBe(true);
  });

  it('reads the text times of the GCS Pub/Sub body and millisecond epochs the same way', async () => {
    const text = {
      ...payload(),
      startTime: '2025-05-06 09:15:02.123000',
      endTime: '2025-05-06 09:15:04.623000',
    };
    const millis = { ...payload(), startTime: 1746522902123, endTime: 1746522904623 };
    const { rows } = await readAll([JSON.stringify([text, millis])], { format: 'litellm' });
    for (const record of recordsOf(rows)) {
      expect(record).toMatchObject({ timestamp: '2025-05-06T09:15:02.123Z', latency_ms: 2500 });
    }
  });

  it('marks a failure with its error class and reads usage kept in hidden_params', async () => {
    const failed = {
      ...payload(),
      status: 'failure',
      custom_llm_provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
      prompt_tokens: undefined,
      completion_tokens: undefined,
      metadata: {},
      response: null,
      hidden_params: { usage_object: ANTHROPIC_USAGE },
      error_information: { error_class: 'RateLimitError', error_code: '429' },
      cache_hit: 'True',
    };
    const { rows } = await readAll([JSON.stringify(failed)], { format: 'litellm' });
    expect(rows[0]?.record).toMatchObject({
      status: 'error',
      error_type: 'RateLimitError',
      input_tokens: 5200,
      cache_read_tokens: 5000,
      cache_write_tokens: 100,
      output_tokens: 80,
      metadata: { litellm_cache_hit: 'true' },
    });
  });

  it('refuses a payload without its id or start time at its line', async () => {
    const { rows } = await readAll(
      [
        `${JSON.stringify({ ...payload(), id: null })}\n${JSON.stringify({ ...payload(), startTime: null })}\n`,
      ],
      {
        format: 'litellm',
      },
    );
    expect(rows.map((row) => row.error)).toEqual([
      { field: 'request_id', reason: 'is missing' },
      { field: 'startTime', reason: 'is missing' },
    ]);
  });
});
