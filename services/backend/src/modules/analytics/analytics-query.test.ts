import { describe, expect, it } from 'vitest';
import { bucketCount, bucketStart, bucketStarts } from './analytics-query.js';
import { spendQuerySchema, summaryQuerySchema } from './analytics.schema.js';

const at = (iso: string) => Date.parse(iso);

describe('analytics buckets', () => {
  it('start weeks on Monday (UTC), days at midnight and hours on the hour', () => {
    expect(new Date(bucketStart('week', at('2025-03-09T23:59:59Z'))).toISOString()).toBe(
      '2025-03-03T00:00:00.000Z',
    );
    expect(new Date(bucketStart('week', at('2025-03-10T00:00:00Z'))).toISOString()).toBe(
      '2025-03-10T00:00:00.000Z',
    );
    expect(new Date(bucketStart('day', at('2025-03-09T13:20:00Z'))).toISOString()).toBe(
      '2025-03-09T00:00:00.000Z',
    );
    expect(new Date(bucketStart('hour', at('2025-03-09T13:20:00Z'))).toISOString()).toBe(
      '2025-03-09T13:00:00.000Z',
    );
  });

  it('list every bucket a window touches, the first one at or before from, and count them alike', () => {
    const from = new Date('2025-03-05T00:00:00Z');
    const to = new Date('2025-03-18T00:00:00Z');
    const weeks = bucketStarts('week', from, to).map((ms) => new Date(ms).toISOString().slice(0, 10));
    expect(weeks).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    expect(bucketCount('week', from, to)).toBe(3);
    expect(bucketCount('hour', from, to)).toBe(13 * 24);
    expect(bucketCount('day', to, from)).toBe(0);
  });
});

describe('analytics query schemas', () => {
  it('default to daily buckets over the 30 days before the next whole hour, 20 groups', () => {
    const query = spendQuerySchema.parse({});
    expect(query.bucket).toBe('day');
    expect(query.limit).toBe(20);
    expect(query.to.getTime() % 3_600_000).toBe(0);
    expect(query.to.getTime() - query.from.getTime()).toBe(30 * 86_400_000);
  });

  it('read repeated filters as any of their values and meta filters as key:value pairs', () => {
    const query = summaryQuerySchema.parse({
      model: ['a', 'b'],
      status: 'error',
      meta: ['team:x', 'team:y:z'],
    });
    expect(query.filters.model).toEqual(['a', 'b']);
    expect(query.filters.status).toEqual(['error']);
    expect([...query.filters.meta.entries()]).toEqual([['team', ['x', 'y:z']]]);
  });

  it('parse tag and metadata groupings with their key', () => {
    expect(spendQuerySchema.parse({ group_by: 'tag:team' }).groupBy).toEqual({ kind: 'tag', key: 'team' });
    expect(spendQuerySchema.parse({ group_by: 'meta:a:b' }).groupBy).toEqual({ kind: 'meta', key: 'a:b' });
    expect(spendQuerySchema.parse({ group_by: 'model' }).groupBy).toEqual({ kind: 'model' });
  });
});
