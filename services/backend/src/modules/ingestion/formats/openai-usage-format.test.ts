import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { NO_MODEL_REASON } from './openai-usage-format.js';
import { errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

describe('OpenAI usage export', () => {
  it('turns each bucket result into one aggregated record with the request count', async () => {
    const { rows, progress } = await readAll([fixtureBytes('openai-usage-page.json')], { format: 'openai' });
    const [mini, batch] = recordsOf(rows);
    expect(mini).toMatchObject({
      timestamp: '2024-11-01T00:00:00.000Z',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      operation: 'chat',
      input_tokens: 1000,
      cache_read_tokens: 800,
      output_tokens: 500,
      batch: false,
      request_count: 5,
      period_end: '2024-11-02T00:00:00.000Z',
      metadata: {
        project_id: 'proj_abc',
        api_key_id: 'key_abc',
        input_audio_tokens: '0',
      },
    });
    expect(mini?.event_id).toMatch(/^openai-usage:[0-9a-f]{40}$/);
    expect(batch).toMatchObject({ batch: true, input_tokens: 24000, cache_write_tokens: 2048 });
    expect(progress.skipped).toEqual({ 'empty usage bucket': 1 });
  });

  it('keeps input inclusive: cached tokens are a subset, never added', async () => {
    const { rows } = await readAll([fixtureBytes('openai-usage-page.json')], { format: 'openai' });
    const parsed = recordsOf(rows).map((record, index) => parseUsageEvent(record, index));
    expect(parsed.every((result) => result.ok)).toBe(true);
  });

  it('reports a bad result at the line where that result starts in the pretty-printed page', async () => {
    const bytes = fixtureBytes('openai-usage-page.json');
    const { rows } = await readAll([bytes], { format: 'openai' });
    const lines = bytes.toString('utf8').split('\n');
    const error = rows.find((row) => row.error !== undefined);
    expect(error?.error).toMatchObject({ field: 'input_tokens' });
    const line = error?.line ?? 0;
    expect(lines[line - 1]?.trim()).toBe('{');
    expect(lines[line + 1]).toContain('"input_tokens": "lots"');
  });

  it('reads buckets as JSON lines, with the same records as the page', async () => {
    const page = await readAll([fixtureBytes('openai-usage-page.json')], { format: 'openai' });
    const lines = await readAll([fixtureBytes('openai-usage-buckets.jsonl')], { format: 'openai' });
    expect(recordsOf(lines.rows)).toEqual(recordsOf(page.rows));
    expect(errorsOf(lines.rows)).toEqual(['2: input_tokens']);
  });

  it('reads the CSV form; a row without a model takes the default model', async () => {
    const { rows } = await readAll([fixtureBytes('openai-usage.csv')], { format: 'openai', model: 'gpt-4o' });
    const records = recordsOf(rows);
    expect(records.map((record) => record.model)).toEqual([
      'gpt-4o-mini-2024-07-18',
      'gpt-4o-2024-08-06',
      'gpt-4o',
    ]);
    expect(records[1]).toMatchObject({ batch: true, timestamp: '2024-11-01T00:00:00.000Z' });
    expect(records[2]).toMatchObject({
      request_count: 3,
      timestamp: '2024-11-02T00:00:00.000Z',
      period_end: '2024-11-03T00:00:00.000Z',
    });
  });

  it('refuses a model-less row when no default model is given, saying how to re-export', async () => {
    const { rows } = await readAll([fixtureBytes('openai-usage.csv')], { format: 'openai' });
    expect(errorsOf(rows)).toEqual(['5: model']);
    expect(rows.find((row) => row.error !== undefined)?.error?.reason).toBe(NO_MODEL_REASON);
    expect(NO_MODEL_REASON).toMatch(/group_by=model/);
  });

  it('refuses the model: null rows of a usage page exported without group_by=model', async () => {
    const bucket = {
      start_time: 1730419200,
      end_time: 1730505600,
      results: [{ input_tokens: 10, output_tokens: 1, num_model_requests: 2, model: null }],
    };
    const { rows } = await readAll([`${JSON.stringify(bucket)}\n`], { format: 'openai' });
    expect(rows[0]?.error).toEqual({ field: 'model', reason: NO_MODEL_REASON });
    const named = await readAll([`${JSON.stringify(bucket)}\n`], { format: 'openai', model: 'gpt-4o' });
    expect(recordsOf(named.rows)[0]).toMatchObject({ model: 'gpt-4o', request_count: 2 });
  });

  it('counts a group that reports tokens but no requests as one request', async () => {
    const bucket = {
      start_time: 1730419200,
      end_time: 1730422800,
      results: [{ input_tokens: 10, output_tokens: 1, num_model_requests: 0, model: 'gpt-4o' }],
    };
    const { rows } = await readAll([`${JSON.stringify(bucket)}\n`], { format: 'openai' });
    const [record] = recordsOf(rows);
    expect(record?.request_count).toBeUndefined();
    expect(record && parseUsageEvent(record, 0)).toMatchObject({ ok: true, event: { request_count: 1 } });
  });

  it('gives two rows that differ only in a column it does not map different ids', async () => {
    const header = 'start_time,end_time,model,num_model_requests,input_tokens,output_tokens,project_name';
    const csv = [
      header,
      '1730419200,1730505600,gpt-4o,2,100,10,alpha',
      '1730419200,1730505600,gpt-4o,2,100,10,beta',
      '1730419200,1730505600,gpt-4o,2,100,10,alpha',
    ].join('\n');
    const { rows } = await readAll([`${csv}\n`], { format: 'openai' });
    const ids = recordsOf(rows).map((record) => record.event_id);
    expect(ids[0]).not.toBe(ids[1]);
    // A row repeated verbatim is the same group exported twice: the same id, stored once.
    expect(ids[2]).toBe(ids[0]);
  });

  it('refuses a result whose cached tokens exceed its inclusive input', async () => {
    const bucket = {
      start_time: 1730419200,
      end_time: 1730505600,
      results: [
        {
          input_tokens: 10,
          input_cached_tokens: 11,
          output_tokens: 1,
          num_model_requests: 1,
          model: 'gpt-4o',
        },
      ],
    };
    const { rows } = await readAll([`${JSON.stringify(bucket)}\n`], { format: 'openai' });
    expect(rows[0]?.error?.reason).toMatch(/must not exceed input_tokens/);
  });
});
