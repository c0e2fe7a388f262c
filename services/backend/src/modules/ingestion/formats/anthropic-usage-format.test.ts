import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

describe('Anthropic usage report (Admin API)', () => {
  it('converts exclusive input to inclusive: uncached + cache reads + both cache writes', async () => {
    const { rows } = await readAll([fixtureBytes('anthropic-usage-report.json')], { format: 'anthropic' });
    const [sonnet] = recordsOf(rows);
    expect(sonnet).toMatchObject({
      timestamp: '2025-08-01T00:00:00.000Z',
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input_tokens: 1500 + 200 + 500 + 1000,
      cache_read_tokens: 200,
      cache_write_tokens: 1500,
      output_tokens: 500,
      cache_write_1h_tokens: 1000,
      web_search_requests: 10,
      period_end: '2025-08-02T00:00:00.000Z',
      batch: false,
      metadata: {
        workspace_id: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ',
        api_key_id: 'apikey_01Rj2N8SVvo6BePZj99NhmiT',
        service_tier: 'standard',
        context_window: '0-200k',
        request_count_reported: 'false',
      },
    });
    // The report counts no requests: each row stands for one, and says the count is not reported.
    expect(sonnet?.request_count).toBeUndefined();
    expect(parseUsageEvent(sonnet, 0).ok).toBe(true);
  });

  it('marks the batch tier, skips empty results and reports a negative count at its line', async () => {
    const { rows, progress } = await readAll([fixtureBytes('anthropic-usage-report.json')], {
      format: 'anthropic',
    });
    expect(recordsOf(rows)[1]).toMatchObject({
      model: 'claude-3-5-haiku-20241022',
      batch: true,
      input_tokens: 380000,
    });
    expect(progress.skipped).toEqual({ 'empty usage bucket': 1 });
    const [error] = rows.filter((row) => row.error !== undefined);
    expect(error?.error).toMatchObject({ field: 'ephemeral_5m_input_tokens' });
    // `starting_at` follows `results` in this bucket, yet the result keeps its own line.
    const text = fixtureBytes('anthropic-usage-report.json').toString('utf8').split('\n');
    expect(text.slice(error?.line, (error?.line ?? 0) + 4).join('\n')).toContain(
      '"ephemeral_5m_input_tokens": -3',
    );
  });
});

describe('Anthropic Console usage CSV', () => {
  it('reads the Console export columns the same way', async () => {
    const { rows } = await readAll([fixtureBytes('anthropic-console-usage.csv')], { format: 'anthropic' });
    const records = recordsOf(rows);
    expect(records[0]).toMatchObject({
      timestamp: '2025-08-05T00:00:00.000Z',
      model: 'claude-opus-4-1-20250805',
      input_tokens: 46981 + 15969 + 120000,
      cache_read_tokens: 120000,
      cache_write_tokens: 15969,
      output_tokens: 16932,
      metadata: { api_key_name: 'Closer App', workspace: 'Default', inference_geo: 'global' },
    });
    expect(records[0]).toMatchObject({ period_end: '2025-08-06T00:00:00.000Z' });
    expect(records[1]).toMatchObject({ batch: true, web_search_requests: 3 });
    expect(records[2]).toMatchObject({ cache_write_1h_tokens: 4000, period_end: '2025-08-07T00:00:00.000Z' });
    expect(records[2]).toMatchObject({ input_tokens: 6500, cache_write_tokens: 4000 });
    expect(errorsOf(rows)).toEqual(['5: usage_input_tokens_no_cache']);
  });
});

describe('Anthropic Console hourly CSV', () => {
  it('ends each row an hour after its start', async () => {
    const csv = [
      'usage_date_utc,model_version,usage_type,usage_input_tokens_no_cache,usage_output_tokens',
      '2026-03-31 02:00,claude-haiku-4-5-20251001,standard,100,10',
    ].join('\n');
    const { rows } = await readAll([`${csv}\n`], { format: 'anthropic' });
    expect(recordsOf(rows)[0]).toMatchObject({
      timestamp: '2026-03-31T02:00:00.000Z',
      period_end: '2026-03-31T03:00:00.000Z',
    });
  });
});
