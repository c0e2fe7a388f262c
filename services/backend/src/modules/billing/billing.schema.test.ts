/**
 * The reconciliation window: dates or date-times, widened to the whole UTC days they touch, and
 * refused when it runs backwards or is not a time.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { reconciliationQuerySchema, toDayRange } from './billing.schema.js';

const range = (query: Record<string, string>) => toDayRange(reconciliationQuerySchema.parse(query));

describe('reconciliation window', () => {
  it('reads dates as whole days, `to` excluded', () => {
    expect(range({ from: '2025-03-01', to: '2025-03-08' })).toEqual({ from: '2025-03-01', to: '2025-03-08' });
  });

  it('widens date-times to the days they touch', () => {
    expect(range({ from: '2025-03-01T13:00:00Z', to: '2025-03-02T00:00:01Z' })).toEqual({
      from: '2025-03-01',
      to: '2025-03-03',
    });
    expect(range({ from: '2025-03-01T23:30:00-02:00' })).toEqual({ from: '2025-03-02', to: undefined });
  });

  it('leaves open ends open', () => {
    expect(range({})).toEqual({ from: undefined, to: undefined });
  });

  it('refuses a window that runs backwards, and text that is no time', () => {
    const backwards = reconciliationQuerySchema.safeParse({ from: '2025-03-08', to: '2025-03-01' });
    expect(backwards.error?.issues[0]).toMatchObject({
      path: ['from'],
      message: '`from` must be before `to`',
    });
    expect(reconciliationQuerySchema.safeParse({ from: 'last week' }).success).toBe(false);
  });
});
