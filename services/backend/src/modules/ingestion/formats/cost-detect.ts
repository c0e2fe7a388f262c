/**
 * Tells a cost export (money billed) from a usage export (tokens used) by its first row. The two
 * share their page and bucket shape, so the bucket keys alone cannot decide; the results can: a cost
 * result carries an `amount` (an object with `value` at OpenAI, a decimal string next to `currency`
 * at Anthropic), a usage result token counts. Pure text inspection of the look-ahead, so it works
 * the same on JSON Lines, one-line and pretty JSON documents.
 * @module
 */
import { AppError } from '@netra/shared';
import type { CostFileFormat } from './billed-cost.types.js';
import { firstNonBlankLine } from './text-source.js';

/** Detection reads no further than this into the look-ahead: the first bucket's first results. */
const DETECT_CHARS = 64 * 1024;

const OPENAI_COST_RESULT = /"object"\s*:\s*"organization\.costs\.result"/;
const OPENAI_AMOUNT_OBJECT = /"amount"\s*:\s*\{\s*"(?:value|currency)"\s*:/;
const ANTHROPIC_AMOUNT_TEXT = /"amount"\s*:\s*"\s*-?[\d.]/;
const ANTHROPIC_COST_KEYS = /"(?:currency|cost_type|token_type)"\s*:/;

/** The cost export the text starts with, or undefined when it is not one. */
export function detectCostFormat(head: string): CostFileFormat | undefined {
  const line = firstNonBlankLine(head, true);
  if (line === undefined) {
    return undefined;
  }
  if (!line.startsWith('{') && !line.startsWith('[')) {
    return csvCostFormat(line);
  }
  const text = head.slice(0, DETECT_CHARS);
  if (OPENAI_COST_RESULT.test(text) || OPENAI_AMOUNT_OBJECT.test(text)) {
    return 'openai_costs';
  }
  return ANTHROPIC_AMOUNT_TEXT.test(text) && ANTHROPIC_COST_KEYS.test(text) ? 'anthropic_costs' : undefined;
}

function csvCostFormat(header: string): CostFileFormat | undefined {
  const columns = new Set(header.split(/[,\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
  if (columns.has('amount_value')) {
    return 'openai_costs';
  }
  const anthropic = columns.has('amount') && columns.has('currency') && columns.has('starting_at');
  return anthropic ? 'anthropic_costs' : undefined;
}

const COST_EXPORT_NAMES: Record<CostFileFormat, string> = {
  openai_costs: 'an OpenAI cost export (Costs API or dashboard cost CSV)',
  anthropic_costs: 'an Anthropic cost report',
};

/**
 * Throws a 400 when the text is a cost export: the usage readers call it before detecting a usage
 * format, so a bill is refused loudly instead of being read as buckets without usage.
 */
export function refuseCostExport(head: string): void {
  const format = detectCostFormat(head);
  if (format === undefined) {
    return;
  }
  throw new AppError(
    400,
    'ingestion_cost_export',
    `This file is ${COST_EXPORT_NAMES[format]}: billed cost, not usage. Import it as billed cost ` +
      '(POST /api/v1/ingest/files, or `netra analyze <usage file> <cost file>`) to reconcile it with the usage.',
    { details: { cost_format: format } },
  );
}
