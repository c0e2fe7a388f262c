import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

const MAP = {
  when: 'timestamp',
  llm: 'model',
  prompt: 'input_tokens',
  completion: 'output_tokens',
  cached: 'cache_read_tokens',
  team: 'metadata.team',
  latency: 'latency_ms',
  tags: 'tags',
};

describe('generic CSV with a column map', () => {
  it('renames, coerces and defaults each row; naive times are read as UTC', async () => {
    const { rows } = await readAll([fixtureBytes('generic-usage.csv')], {
      format: 'csv',
      map: MAP,
      model: 'gpt-4o-mini',
      provider: 'openai',
    });
    const records = recordsOf(rows);
    expect(records[0]).toEqual({
      timestamp: '2025-01-10T08:00:00.000Z',
      model: 'gpt-4o',
      provider: 'openai',
      input_tokens: 1200,
      output_tokens: 300,
      cache_read_tokens: 1024,
      latency_ms: 812.5,
      tags: ['a', 'b'],
      metadata: { team: 'search' },
    });
    expect(records[1]).toMatchObject({ model: 'gpt-4o-mini', timestamp: '2025-01-10T08:00:05.000Z' });
    expect(records[2]).toMatchObject({ tags: ['c'], metadata: { team: 'ops, "night"' } });
    expect(errorsOf(rows)).toEqual(['4: prompt']);
    expect(rows[2]?.error?.reason).toMatch(/whole number of 0 or more/);
    expect(records.every((record, index) => parseUsageEvent(record, index).ok)).toBe(true);
  });
});

describe('canonical JSON lines', () => {
  it('passes canonical events through, coercing text counts and flags', async () => {
    const { rows } = await readAll([fixtureBytes('canonical-events.jsonl')], { format: 'canonical' });
    const [first, second] = recordsOf(rows);
    expect(first).toMatchObject({
      event_id: 'evt-1',
      timestamp: '2025-02-01T12:00:00.000Z',
      cache_read_tokens: 1024,
      metadata: { tenant: 'acme', attempt: '2' },
    });
    expect(second).toMatchObject({
      timestamp: 1738411200000,
      input_tokens: 800,
      stream: true,
      tags: ['x', 'y'],
    });
  });

  it('treats numeric timestamps as offsets from timestampBase', async () => {
    const line = '{"timestamp": 1500, "model": "m"}\n';
    const { rows } = await readAll([Buffer.from(line)], {
      format: 'canonical',
      timestampBase: new Date('2024-01-01T00:00:00Z'),
    });
    expect(recordsOf(rows)[0]?.timestamp).toBe('2024-01-01T00:00:01.500Z');
  });
});
