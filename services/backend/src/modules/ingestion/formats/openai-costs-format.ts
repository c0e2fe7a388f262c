/**
 * OpenAI organization cost export: the Costs API (`GET /v1/organization/costs`, JSON pages of daily
 * buckets `{start_time, end_time, results[]}`) and the dashboard's cost CSV, which flattens the same
 * results with the bucket times as columns (`start_time, end_time, start_time_iso, end_time_iso,
 * amount_value, amount_currency, line_item, project_id, organization_id, organization_name`).
 *
 * Facts used (OpenAI API reference, "Costs object"): each result is
 * `{object: "organization.costs.result", amount: {value, currency}, line_item, project_id}`;
 * `amount.value` is in the currency's whole units (dollars) and `currency` is lowercase ISO-4217;
 * `line_item` and `project_id` are null unless the export is grouped by them; bucket times are Unix
 * seconds and buckets are one day wide.
 *
 * Mapping decisions: a line item reads `<model>, <kind>` for model usage (e.g.
 * `gpt-4o-2024-08-06, input`); the part before the comma is taken as the model when it is one word
 * (no spaces; a one-word line item is read the same way), otherwise the line is not attributed to a model (tool calls, storage, fine-tuning).
 * A CSV row with no amount at all is a day without cost and is skipped, not refused.
 * @module
 */
import type { SourceRow } from './file-format.types.js';
import type { ConvertedCostRow } from './billed-cost.types.js';
import { billedLine, convertCostBuckets, readAmount, requireUsd, utcDay } from './cost-buckets.js';
import { toIsoTimestamp } from './timestamps.js';
import { ConversionError, pick, readText, type Row } from './value-readers.js';

/** Grouping facts kept next to the amount (newer pages and the CSV carry some of them). */
const ATTRIBUTES = ['project_name', 'api_key_id', 'organization_id', 'quantity', 'quantity_unit'] as const;

/** One word before the first comma: how the costs API names the model of a usage line item. */
const MODEL_WORD = /^[A-Za-z0-9][\w.:/-]*$/;

/** Converts one OpenAI costs page, bucket or CSV row into billed lines. */
export function convertOpenAiCostRow(row: SourceRow): ConvertedCostRow[] {
  return convertCostBuckets(row, convertResult);
}

function convertResult(line: number, result: Row, bucket: Row): ConvertedCostRow {
  const amount = amountOf(result);
  if (amount === undefined) {
    return { line, skip: 'no cost in this bucket' };
  }
  const periodStart = bucketTime(bucket, 'start_time');
  if (periodStart === undefined) {
    throw new ConversionError('start_time', 'is missing');
  }
  const lineItem = readText(result, 'line_item');
  const cost = billedLine(
    {
      day: utcDay(periodStart),
      periodStart,
      periodEnd: bucketTime(bucket, 'end_time'),
      provider: 'openai',
      model: modelOfLineItem(lineItem),
      lineItem: lineItem ?? 'all costs',
      projectId: readText(result, 'project_id'),
      amountUsd: amount,
    },
    Object.fromEntries(ATTRIBUTES.map((key) => [key, readText(result, key)])),
  );
  return { line, cost };
}

/**
 * The amount in dollars from `amount: {value, currency}` (API) or `amount_value`/`amount_currency`
 * (CSV); undefined for a CSV day left blank (no cost that day). A line stating no amount at all is
 * refused: it is no cost export line, and skipping it would read a wrong file as a bill of $0.
 */
function amountOf(result: Row): number | undefined {
  if (Object.hasOwn(result, 'amount_value') && !Object.hasOwn(result, 'amount')) {
    const value = pick(result, 'amount_value');
    if (value === undefined) {
      return undefined;
    }
    requireUsd(result.amount_currency, 'amount_currency');
    return readAmount(value.value, 'amount_value');
  }
  const amount = result.amount;
  if (typeof amount !== 'object' || amount === null || Array.isArray(amount)) {
    throw new ConversionError('amount', 'must be an object with value and currency (`amount.value`)');
  }
  requireUsd((amount as Row).currency, 'amount.currency');
  return readAmount((amount as Row).value, 'amount.value');
}

function bucketTime(bucket: Row, field: 'start_time' | 'end_time'): string | undefined {
  const found = pick(bucket, `${field}_iso`, field);
  return found === undefined ? undefined : toIsoTimestamp(found.value, found.key, { epochUnit: 's' });
}

/** `gpt-4o-2024-08-06, input` → `gpt-4o-2024-08-06`; `web search tool calls` → undefined. */
export function modelOfLineItem(lineItem: string | undefined): string | undefined {
  const head = lineItem?.split(',')[0]?.trim();
  return head !== undefined && MODEL_WORD.test(head) ? head : undefined;
}
