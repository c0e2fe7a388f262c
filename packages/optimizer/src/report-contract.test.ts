import { describe, expect, it } from 'vitest';
import { monthlyFromPeriod, OPPORTUNITY_KINDS } from './report-contract.js';

describe('report contract', () => {
  it('names each opportunity kind once', () => {
    expect(new Set(OPPORTUNITY_KINDS).size).toBe(OPPORTUNITY_KINDS.length);
  });

  it('scales an observed period to a 30-day month', () => {
    expect(monthlyFromPeriod(70, 7)).toBe(300);
    expect(monthlyFromPeriod(45, 45)).toBe(30);
  });

  it('refuses an empty or negative period', () => {
    expect(() => monthlyFromPeriod(10, 0)).toThrow(/positive number of days/);
    expect(() => monthlyFromPeriod(10, Number.NaN)).toThrow(RangeError);
  });
});
