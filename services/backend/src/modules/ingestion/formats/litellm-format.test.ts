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
