/**
 * Anthropic organization cost report: the Admin API's `GET /v1/organizations/cost_report`, JSON
 * pages of daily buckets `{starting_at, ending_at, results[]}`.
 *
 * Facts used (Anthropic Admin API reference, "Get Cost Report"): each result has `currency`
 * (currently always "USD") and `amount`, a decimal STRING in the currency's lowest unit — cents:
 * "123.45" USD is $1.2345; `workspace_id` (null for the default workspace or when not grouped by
 * workspace), and when grouped by description `description`, `cost_type` (tokens, web_search,
 * code_execution), `model`, `token_type`, `service_tier`, `context_window` (null otherwise);
 * bucket times are RFC 3339 and buckets are one day wide. Priority Tier costs are not in it.
 *
 * Mapping decisions: the amount is divided by 100 into dollars; the line item is the bill's own
 * `description`, or, without one, the cost and token types it names; the workspace stands where
 * OpenAI's project does.
 * @module
 */
import type { SourceRow } from './file-format.types.js';
import type { ConvertedCostRow } from './billed-cost.types.js';
import { billedLine, convertCostBuckets, readAmount, requireUsd, utcDay } from './cost-buckets.js';
import { toIsoTimestamp } from './timestamps.js';
import { ConversionError, pick, readText, type Row } from './value-readers.js';

const CENTS_PER_DOLLAR = 100;

/** Grouping facts kept next to the amount. */
const ATTRIBUTES = ['cost_type', 'token_type', 'service_tier', 'context_window', 'inference_geo'] as const;

/** Converts one Anthropic cost report page, bucket or flat row into billed lines. */
export function convertAnthropicCostRow(row: SourceRow): ConvertedCostRow[] {
  return convertCostBuckets(row, convertResult);
}

function convertResult(line: number, result: Row, bucket: Row): ConvertedCostRow {
  requireUsd(result.currency, 'currency');
  const amount = required(pick(result, 'amount')?.value, 'amount');
  const periodStart = required(bucketTime(bucket, 'starting_at'), 'starting_at');
  const cost = billedLine(
    {
      day: utcDay(periodStart),
      periodStart,
      periodEnd: bucketTime(bucket, 'ending_at'),
      provider: 'anthropic',
      model: readText(result, 'model'),
      lineItem: lineItemOf(result),
      projectId: readText(result, 'workspace_id'),
      amountUsd: readAmount(amount, 'amount') / CENTS_PER_DOLLAR,
    },
    Object.fromEntries(ATTRIBUTES.map((key) => [key, readText(result, key)])),
  );
  return { line, cost };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new ConversionError(field, 'is missing');
  }
  return value;
}

function bucketTime(bucket: Row, field: 'starting_at' | 'ending_at'): string | undefined {
  const found = pick(bucket, field);
  return found === undefined ? undefined : toIsoTimestamp(found.value, found.key);
}

function lineItemOf(result: Row): string {
  const description = readText(result, 'description');
  if (description !== undefined) {
    return description;
  }
  const kinds = ['cost_type', 'token_type', 'service_tier'].map((key) => readText(result, key));
  const named = kinds.filter((kind): kind is string => kind !== undefined);
  return named.length > 0 ? named.join(', ') : 'all costs';
}
