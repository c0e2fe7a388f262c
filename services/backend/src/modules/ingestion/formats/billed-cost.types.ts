/**
 * Shapes of the cost-export readers: a provider's bill (OpenAI Costs API, Anthropic cost report, the
 * OpenAI dashboard's cost CSV) read as billed-cost lines, not usage. A line is money billed for one
 * day, optionally itemised by model, line item and project or workspace.
 * @module
 */

/** The cost exports Netra reads. */
export const COST_FILE_FORMATS = ['openai_costs', 'anthropic_costs'] as const;
export type CostFileFormat = (typeof COST_FILE_FORMATS)[number];

/** One billed line of a cost export, in US dollars. */
export interface BilledCostRecord {
  /** The UTC day the bucket starts on, `YYYY-MM-DD`. */
  day: string;
  /** Bucket start and end, ISO-8601 UTC (the end when the export states it). */
  periodStart: string;
  periodEnd: string | undefined;
  provider: 'openai' | 'anthropic';
  /** The model as the bill names it; undefined when the export is not itemised by model. */
  model: string | undefined;
  /** The bill's own wording of the line (OpenAI `line_item`, Anthropic `description`), or a built one. */
  lineItem: string;
  /** OpenAI project id or Anthropic workspace id, when the export is grouped by it. */
  projectId: string | undefined;
  amountUsd: number;
  /** Other grouping facts the export states (token type, service tier, context window…). */
  attributes: Record<string, string>;
}

/** What a cost converter makes of one source row: billed lines, a refused line, or a skip reason. */
export type ConvertedCostRow =
  | { line: number; cost: BilledCostRecord }
  | { line: number; error: { field: string; reason: string } }
  | { line: number; skip: string };
