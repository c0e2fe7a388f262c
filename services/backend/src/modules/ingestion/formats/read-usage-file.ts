/**
 * Reads a usage file of any supported source format as a stream of canonical records, one per
 * source row (or per usage-report result), each with its 1-based line; a row that cannot be
 * converted is yielded with its reason instead, and reading goes on. Records are not validated
 * here: the caller passes each through `parseUsageEvent`, then prices and stores it.
 * @module
 */
import { AppError } from '@netra/shared';
import { convertAnthropicRow } from './anthropic-usage-format.js';
import {
  detectFormat,
  detectLayout,
  detectionProbe,
  isEmptyDocument,
  type TextLayout,
} from './detect-format.js';
import {
  createFileProgress,
  NO_USAGE_IN_FILE,
  type ConvertedRow,
  type FileProgress,
  type FileRow,
  type ReadUsageFileOptions,
  type ResolvedFormat,
  type RowConverter,
  type SourceEvent,
  type UsageFileInput,
} from './file-format.types.js';
import { convertGenericRow } from './generic-format.js';
import { convertLangfuseRow } from './langfuse-format.js';
import { convertLiteLlmRow } from './litellm-format.js';
import { convertOpenAiRow } from './openai-usage-format.js';
import { NO_FILE_LIMITS, type FileLimits } from './file-limits.js';
import { countSourceRow, sourceRows } from './source-rows.js';
import { decodeText, firstNonBlankLine, MAX_PEEK_CHARS, peekText } from './text-source.js';

const CONVERTERS: Record<ResolvedFormat, RowConverter> = {
  canonical: convertGenericRow,
  csv: convertGenericRow,
  openai: convertOpenAiRow,
  anthropic: convertAnthropicRow,
  litellm: convertLiteLlmRow,
  langfuse: convertLangfuseRow,
};

/**
 * Streams `input` as canonical records. With `format: 'auto'` the format is detected from the first
 * line(s) and an ambiguous file throws a 400 `AppError` before any row is yielded. The generator's
 * return value is the final progress (also kept live in `options.progress`).
 */
export async function* readUsageFile(
  input: UsageFileInput,
  options: ReadUsageFileOptions,
): AsyncGenerator<FileRow, FileProgress> {
  const progress = options.progress ?? createFileProgress();
  const limits = options.limits ?? NO_FILE_LIMITS;
  const { head, ended, text } = await peekText(decodeText(input, progress, limits), detectionProbe());
  if (isEmpty(head, ended)) {
    noUsage(progress, 'the file is empty');
    return progress;
  }
  const layout = layoutOf(head, options);
  if (options.format === 'auto' && ended && layout.container === 'json-document' && isEmptyDocument(head)) {
    noUsage(progress, EMPTY_JSON);
    return progress;
  }
  const format = options.format === 'auto' ? autoFormat(head, layout, options) : options.format;
  progress.format = format;
  yield* convertRows(sourceRows(text, layout), CONVERTERS[format], { ...options, progress, limits });
  if (progress.rows === 0) {
    noUsage(progress, layout.container === 'csv' ? 'it has a header and no rows' : EMPTY_JSON);
  }
  return progress;
}

/** Converts every source row, counting as it goes; only records and errors are yielded. */
async function* convertRows(
  events: AsyncIterable<SourceEvent>,
  converter: RowConverter,
  options: ReadUsageFileOptions & { progress: FileProgress; limits: FileLimits },
): AsyncGenerator<FileRow> {
  for await (const event of events) {
    countSourceRow(options.progress, options.limits);
    const converted: ConvertedRow[] = 'error' in event ? [event] : converter(event, options);
    for (const row of converted) {
      const counted = count(row, options.progress);
      if (counted !== undefined) {
        yield counted;
      }
    }
  }
}

const EMPTY_JSON = 'its JSON holds no records (an empty page or array)';

/** A file that holds no usage says so among the skip reasons, instead of reading as a silent zero. */
function noUsage(progress: FileProgress, why: string): void {
  progress.skipped[`${NO_USAGE_IN_FILE}: ${why}`] = 1;
}

/** An explicit `csv` reads as CSV whatever the first character; the delimiter is always sniffed. */
function layoutOf(head: string, options: ReadUsageFileOptions): TextLayout {
  const layout = detectLayout(head);
  return options.format === 'csv' && layout.container !== 'csv'
    ? { container: 'csv', delimiter: ',' }
    : layout;
}

/**
 * Whether the file holds nothing but blank lines. Blank as far as detection looks but not ended is
 * refused: reading on could not tell the format, and calling it empty would drop what follows.
 */
function isEmpty(head: string, ended: boolean): boolean {
  if (firstNonBlankLine(head, true) !== undefined) {
    return false;
  }
  if (!ended) {
    throw new AppError(
      400,
      'ingestion_file_blank_start',
      `The first ${MAX_PEEK_CHARS} characters of the file are blank; remove the blank lines and upload again`,
    );
  }
  return true;
}

/** A column map only makes sense for the generic formats, so it settles `auto` without guessing. */
function autoFormat(head: string, layout: TextLayout, options: ReadUsageFileOptions): ResolvedFormat {
  if (options.map !== undefined && Object.keys(options.map).length > 0) {
    return layout.container === 'csv' ? 'csv' : 'canonical';
  }
  return detectFormat(head, layout);
}

function count(row: ConvertedRow, progress: FileProgress): FileRow | undefined {
  if ('skip' in row) {
    progress.skipped[row.skip] = (progress.skipped[row.skip] ?? 0) + 1;
    return undefined;
  }
  if ('error' in row) {
    progress.errors += 1;
    return { line: row.line, error: row.error };
  }
  progress.records += 1;
  return { line: row.line, record: row.record };
}
