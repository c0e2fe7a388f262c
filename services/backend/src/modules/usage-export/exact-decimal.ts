/**
 * Money as an exact count of 1e-18 USD units (BigInt), the scale ClickHouse sums costs at
 * (Decimal128(18)): a split into parts and their re-sum never lose a unit.
 * @module
 */

export const DECIMAL_PLACES = 18;
const SCALE = 10n ** BigInt(DECIMAL_PLACES);
/** Weights become integers of this many binary digits before a split (float ratios are not exact). */
const WEIGHT_BITS = 2 ** 50;

/** Units of a decimal text such as `12.345` (no exponent; ClickHouse's Decimal text). */
export function unitsOf(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(DECIMAL_PLACES, '0').slice(0, DECIMAL_PLACES));
  return negative ? -units : units;
}

/** Decimal text of units, without trailing zeros (`0.045`, `3`, `0`). */
export function decimalText(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const magnitude = units < 0n ? -units : units;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(DECIMAL_PLACES, '0').replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/**
 * `total` split in proportion to `weights` (≥ 0, at least one > 0): each part is rounded down and
 * what rounding left over goes to the largest weight, so the parts always re-sum to `total` exactly.
 */
export function splitExactly(total: bigint, weights: readonly number[]): bigint[] {
  const largest = Math.max(...weights);
  const scaled = weights.map((weight) => BigInt(Math.round((weight / largest) * WEIGHT_BITS)));
  const sum = scaled.reduce((a, b) => a + b, 0n);
  const parts = scaled.map((weight) => (total * weight) / sum);
  const remainder = total - parts.reduce((a, b) => a + b, 0n);
  const at = weights.indexOf(largest);
  parts[at] = (parts[at] ?? 0n) + remainder;
  return parts;
}
