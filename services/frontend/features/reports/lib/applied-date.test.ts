/** Unit tests of the applied-on date: today is now, earlier days their start, the future refused. */
import { describe, expect, it } from 'vitest';
import { appliedAtFor, todayValue } from './applied-date';

const now = new Date('2026-12-04T16:41:33.000Z');

describe('appliedAtFor', () => {
  it('takes today as now and an earlier day as its start (UTC)', () => {
    expect(todayValue(now)).toBe('2026-12-04');
    expect(appliedAtFor('2026-12-04', now)).toBe('2026-12-04T16:41:33.000Z');
    expect(appliedAtFor('2026-11-27', now)).toBe('2026-11-27T00:00:00.000Z');
  });

  it('refuses the future and what is not a day', () => {
    expect(appliedAtFor('2026-12-05', now)).toBeNull();
    expect(appliedAtFor('', now)).toBeNull();
    expect(appliedAtFor('2026-13-45', now)).toBeNull();
    expect(appliedAtFor('yesterday', now)).toBeNull();
  });
});
