/**
 * What the cost exports share with the usage reports: a page (`data: [...]`) of daily buckets, each
 * with `results`, or flat CSV rows that carry the bucket times themselves. Also the money rules:
 * amounts must be finite, and only US dollars are accepted (the catalog prices in USD, so a bill in
 * another currency cannot be reconciled without an exchange rate Netra does not have).
 * @module
 */
import type { SourceRow } from './file-format.types.js';
import type { BilledCostRecord, ConvertedCostRow } from './billed-cost.types.js';
import { elementLines } from './json-elements.js';
import { asRow, ConversionError, describe, type Row } from './value-readers.js';

/** Converts one result; `bucket` holds the time fields (the result itself for flat CSV rows). */
export type CostResultConverter = (line: number, result: Row, bucket: Row) => ConvertedCostRow;

/** Walks a page, a bucket or a flat row and converts every result in it, each at its own line. */
export function convertCostBuckets(row: SourceRow, convert: CostResultConverter): ConvertedCostRow[] {
  return guardedCost(row.line, () => {
    const value = asRow(row.value);
    if (Array.isArray(value.data)) {
      return value.data.flatMap((bucket) => convertCostBuckets({ line: row.line, value: bucket }, convert));
    }
    if (Array.isArray(value.results)) {
      // Results of a pretty-printed bucket sit on lines of their own: report each at its line.
      const lines = row.text === undefined ? [] : elementLines(row.text, 'results');
      return (value.results as unknown[]).flatMap((result, index) => {
        const line = row.line + (lines[index] ?? 1) - 1;
        return guardedCost(line, () => [convert(line, asRow(result, 'results'), value)]);
      });
    }
    return [convert(row.line, value, value)];
  });
}

/** Runs one conversion; a `ConversionError` refuses that line, anything else is a bug and rethrown. */
export function guardedCost(line: number, convert: () => ConvertedCostRow[]): ConvertedCostRow[] {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ConversionError) {
      return [{ line, error: { field: error.field, reason: error.message } }];
    }
    throw error;
  }
}

/** A money amount: a JSON number or numeric text; anything else refuses the line. */
export function readAmount(value: unknown, field: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new ConversionError(field, `must be an amount of money, got ${describe(value)}`);
  }
  return number;
}

/** Refuses a line billed in anything but US dollars (absent currency means the provider's USD). */
export function requireUsd(currency: unknown, field: string): void {
  if (currency === undefined || currency === null || currency === '') {
    return;
  }
  if (typeof currency !== 'string' || currency.trim().toLowerCase() !== 'usd') {
    throw new ConversionError(
      field,
      `is ${describe(currency)}: only bills in USD can be reconciled (list prices are in USD); ` +
        'export the bill in USD',
    );
  }
}

/** The UTC day an ISO instant falls on. */
export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}

/** A billed line with empty optional fields left out of the attributes. */
export function billedLine(fields: Omit<BilledCostRecord, 'attributes'>, attributes: Row): BilledCostRecord {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string' && value.trim() !== '') {
      kept[key] = value.trim();
    }
  }
  return { ...fields, attributes: kept };
}
