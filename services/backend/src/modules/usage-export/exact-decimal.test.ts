import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, splitExactly, unitsOf } from './exact-decimal.js';

describe('exact decimals', () => {
  it('reads and writes decimal text without losing a unit', () => {
    expect(unitsOf('0.045000000000000002')).toBe(45_000_000_000_000_002n);
    expect(unitsOf('3')).toBe(3_000_000_000_000_000_000n);
    expect(decimalText(45_000_000_000_000_002n)).toBe('0.045000000000000002');
    expect(decimalText(3_000_000_000_000_000_000n)).toBe('3');
    expect(decimalText(0n)).toBe('0');
    expect(decimalText(unitsOf('-1.5'))).toBe('-1.5');
  });

  it('splits a total into parts that re-sum to it exactly, in proportion to the weights', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (total, raw) => {
          const weights = raw.some((weight) => weight > 0) ? raw : [...raw, 1];
          const parts = splitExactly(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total);
          expect(parts.every((part) => part >= 0n)).toBe(true);
          weights.forEach((weight, index) => {
            if (weight === 0) {
              expect(parts[index]).toBe(0n);
            }
          });
        },
      ),
    );
  });

  it('gives the rounding remainder to the largest weight', () => {
    expect(splitExactly(10n, [1, 1, 1])).toEqual([4n, 3n, 3n]);
    expect(splitExactly(10n, [1, 2])).toEqual([3n, 7n]);
  });
});
