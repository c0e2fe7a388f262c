/**
 * Unit tests of the retry backoff: waits double per attempt, stop at the cap, and jitter stays
 * inside [ceiling/2, ceiling].
 */
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff';

const policy = { baseMs: 100, maxMs: 1_000 };

describe('backoff', () => {
  it('doubles the ceiling per attempt until the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 50].map((attempt) => backoffCeiling(attempt, policy));
    expect(ceilings).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('treats a negative or fractional attempt as the nearest sensible one', () => {
    expect(backoffCeiling(-3, policy)).toBe(100);
    expect(backoffCeiling(1.7, policy)).toBe(200);
  });

  it('draws each wait from the upper half of the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
    expect(backoffDelay(2, policy, () => 0.999_999)).toBe(400);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const delay = backoffDelay(attempt, policy);
      expect(delay).toBeGreaterThanOrEqual(backoffCeiling(attempt, policy) / 2);
      expect(delay).toBeLessThanOrEqual(backoffCeiling(attempt, policy));
    }
  });
});
