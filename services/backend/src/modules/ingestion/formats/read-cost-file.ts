/**
 * Reads a cost export as billed lines, one per bucket result or CSV row, each with its 1-based line;
 * a line that cannot be converted is yielded with its reason instead, and reading goes on. Same
 * containers, limits and streaming as the usage reader (`read-usage-file.ts`).
 * @module
 */
import { AppError } from '@netra/shared';
import { convertAnthropicCostRow } from './anthropic-costs-format.js';
import type { BilledCostRecord, ConvertedCostRow, CostFileFormat } from './billed-cost.types.js';
import { detectCostFormat } from './cost-detect.js';
import { detectionProbe, detectLayout } from './detect-format.js';
import {
  createFileProgress,
  type FileProgress,
  type SourceEvent,
  type SourceRow,
  type UsageFileInput,
} from './file-format.types.js';
import { NO_FILE_LIMITS, type FileLimits } from './file-limits.js';
import { countSourceRow, sourceRows } from './source-rows.js';
import { convertOpenAiCostRow } from './openai-costs-format.js';
import { decodeText, peekText } from './text-source.js';

const CONVERTERS: Record<CostFileFormat, (row: SourceRow) => ConvertedCostRow[]> = {
  openai_costs: convertOpenAiCostRow,
  anthropic_costs: convertAnthropicCostRow,
};

/** One read line of a cost export: a billed line or the reason it was refused. */
export interface CostFileRow {
  line: number;
  cost?: BilledCostRecord;
  error?: { field: string; reason: string };
}

/** Live counters of a cost read. */
export interface CostFileProgress {
  format: CostFileFormat | undefined;
  bytesRead: number;
  rows: number;
  records: number;
  errors: number;
  skipped: Record<string, number>;
}

/** Options of `readCostFile`. */
export interface ReadCostFileOptions {
  format: CostFileFormat | 'auto';
  progress?: CostFileProgress;
  limits?: FileLimits;
}

/** Fresh, zeroed counters. */
export function createCostFileProgress(): CostFileProgress {
  return { format: undefined, bytesRead: 0, rows: 0, records: 0, errors: 0, skipped: {} };
}

/**
 * Streams `input` as billed lines. With `format: 'auto'` a file that is not a cost export throws a
 * 400 `AppError` before any line is yielded. Returns the final counters.
 */
export async function* readCostFile(
  input: UsageFileInput,
  options: ReadCostFileOptions,
): AsyncGenerator<CostFileRow, CostFileProgress> {
  const progress = options.progress ?? createCostFileProgress();
  const limits = options.limits ?? NO_FILE_LIMITS;
  const decoding = createFileProgress();
  const { format, rows } = await openRows(input, options.format, decoding, limits);
  progress.format = format;
  for await (const event of rows) {
    progress.bytesRead = decoding.bytesRead;
    countSourceRow(progress, limits);
    const converted: ConvertedCostRow[] = 'error' in event ? [event] : CONVERTERS[format](event);
    yield* converted.flatMap((row) => count(row, progress) ?? []);
  }
  progress.bytesRead = decoding.bytesRead;
  return progress;
}

/** Decodes the input, settles the format and opens the row source of its layout. */
async function openRows(
  input: UsageFileInput,
  requested: ReadCostFileOptions['format'],
  decoding: FileProgress,
  limits: FileLimits,
): Promise<{ format: CostFileFormat; rows: AsyncGenerator<SourceEvent> }> {
  const { head, text } = await peekText(decodeText(input, decoding, limits), detectionProbe());
  const format = requested === 'auto' ? detectCostFormat(head) : requested;
  if (format === undefined) {
    throw new AppError(
      400,
      'ingestion_not_a_cost_export',
      'The file is not an OpenAI or Anthropic cost export',
    );
  }
  return { format, rows: sourceRows(text, detectLayout(head)) };
}

function count(row: ConvertedCostRow, progress: CostFileProgress): CostFileRow | undefined {
  if ('skip' in row) {
    progress.skipped[row.skip] = (progress.skipped[row.skip] ?? 0) + 1;
    return undefined;
  }
  if ('error' in row) {
    progress.errors += 1;
    return { line: row.line, error: row.error };
  }
  progress.records += 1;
  return { line: row.line, cost: row.cost };
}
