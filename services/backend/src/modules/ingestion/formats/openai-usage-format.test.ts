import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
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
      metadata: {
        num_requests: '5',
        bucket_start: '2024-11-01T00:00:00.000Z',
        bucket_end: '2024-11-02T00:00:00.000Z',
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
    expect(records[2]?.metadata).toMatchObject({ num_requests: '3' });
  });

  it('refuses a model-less row when no default model is given', async () => {
    const { rows } = await readAll([fixtureBytes('openai-usage.csv')], { format: 'openai' });
    expect(errorsOf(rows)).toEqual(['5: model']);
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
