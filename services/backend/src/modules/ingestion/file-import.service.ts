import type { ImportTotals, LineError, UsageFileFormat } from '@netra/shared/contracts';
import type { BillingService } from '#modules/billing/billing.service.js';
import { importCostFile, type CostImportUpdate } from './cost-import.js';
import { COST_FILE_FORMATS, type CostFileFormat } from './formats/billed-cost.types.js';
import { sniffExport } from './formats/export-kind.js';
import type { IngestionService } from './ingest.service.js';
import { EventIdDeriver } from './usage-row-builder.js';
import { readUsageFile } from './formats/read-usage-file.js';
import {
  createFileProgress,
  type FileProgress,
  type ReadUsageFileOptions,
  type UsageFileInput,
} from './formats/file-format.types.js';

/** Totals of a usage import, marked as such (a cost export's say `billed_cost`). */
type UsageImportTotals = ImportTotals & { kind: 'usage' };

export type ImportUpdate =
  ({ type: 'progress' } & UsageImportTotals) | ({ type: 'done'; errors: LineError[] } & UsageImportTotals);

/** What an upload's updates can be: a usage import's or a cost export's. */
export type UploadUpdate = ImportUpdate | CostImportUpdate;

const BATCH_ROWS = 10_000;
/** Line errors returned in full; beyond this only their count grows, so huge bad files stay cheap. */
const MAX_LISTED_ERRORS = 1_000;

class ImportRun {
  readonly totals: ImportTotals;
  readonly errors: LineError[] = [];
  readonly ids = new EventIdDeriver();
  batch: { line: number; record: Record<string, unknown> }[] = [];

  constructor(readonly progress: FileProgress) {
    this.totals = {
      format: undefined,
      bytes: 0,
      rows: 0,
      accepted: 0,
      stored: 0,
      duplicates: 0,
      unpriced: 0,
      rejected: 0,
      skipped: {},
    };
  }

  refuse(error: LineError): void {
    this.totals.rejected += 1;
    if (this.errors.length < MAX_LISTED_ERRORS) {
      this.errors.push(error);
    }
  }

  snapshot(): UsageImportTotals {
    const { format, bytesRead, rows, skipped } = this.progress;
    return { ...this.totals, kind: 'usage', format, bytes: bytesRead, rows, skipped: { ...skipped } };
  }
}

async function flush(ingestion: IngestionService, orgId: string, run: ImportRun): Promise<void> {
  const batch = run.batch;
  run.batch = [];
  const source = `file:${run.progress.format ?? 'unknown'}`;
  const result = await ingestion.ingest(
    orgId,
    batch.map((entry) => entry.record),
    source,
    run.ids,
  );
  run.totals.accepted += result.accepted;
  run.totals.stored += result.stored;
  run.totals.duplicates += result.duplicates;
  run.totals.unpriced += result.unpriced;
  for (const rejection of result.rejected) {
    run.refuse({ line: batch[rejection.index]?.line ?? 0, field: rejection.field, reason: rejection.reason });
  }
}

/**
 * Streams an uploaded usage file through ingestion in batches, yielding running totals after each
 * batch and a final summary with every refused line (line number, field, reason). Memory stays
 * bounded by one batch whatever the file size.
 */
export async function* importUsageFile(
  ingestion: IngestionService,
  orgId: string,
  input: UsageFileInput,
  options: Omit<ReadUsageFileOptions, 'progress'>,
): AsyncGenerator<ImportUpdate> {
  const run = new ImportRun(createFileProgress());
  for await (const row of readUsageFile(input, { ...options, progress: run.progress })) {
    if (row.record === undefined) {
      run.refuse({
        line: row.line,
        field: row.error?.field ?? 'record',
        reason: row.error?.reason ?? 'unreadable row',
      });
      continue;
    }
    run.batch.push({ line: row.line, record: row.record });
    if (run.batch.length >= BATCH_ROWS) {
      await flush(ingestion, orgId, run);
      yield { type: 'progress', ...run.snapshot() };
    }
  }
  if (run.batch.length > 0) {
    await flush(ingestion, orgId, run);
  }
  yield { type: 'done', ...run.snapshot(), errors: run.errors };
}

/** Where an upload goes: usage to ingestion, cost exports to billing. */
export interface ImportTargets {
  ingestion: IngestionService;
  billing: BillingService;
}

/** Reader options of an upload; `format` may also name a cost export. */
export type ImportFileOptions = Omit<ReadUsageFileOptions, 'progress' | 'format'> & {
  format: UsageFileFormat | CostFileFormat;
};

function isCostFormat(format: string): format is CostFileFormat {
  return (COST_FILE_FORMATS as readonly string[]).includes(format);
}

/**
 * Imports an upload of either kind. A cost export (named by `format`, or recognised by its content
 * whatever usage format was asked for) is stored as billed cost; anything else is read as usage. A
 * column map means a generic usage file, so it is never taken for a cost export.
 */
export async function* importFile(
  targets: ImportTargets,
  orgId: string,
  input: UsageFileInput,
  options: ImportFileOptions,
): AsyncGenerator<UploadUpdate> {
  const { format, ...rest } = options;
  if (isCostFormat(format)) {
    yield* importCostFile(targets.billing, orgId, input, { format, ...limitsOf(options) });
    return;
  }
  if (options.map !== undefined && Object.keys(options.map).length > 0) {
    yield* importUsageFile(targets.ingestion, orgId, input, { ...rest, format });
    return;
  }
  const sniffed = await sniffExport(input);
  if (sniffed.costFormat !== undefined) {
    yield* importCostFile(targets.billing, orgId, sniffed.input, {
      format: sniffed.costFormat,
      ...limitsOf(options),
    });
    return;
  }
  yield* importUsageFile(targets.ingestion, orgId, sniffed.input, { ...rest, format });
}

function limitsOf(options: ImportFileOptions): Pick<ReadUsageFileOptions, 'limits'> {
  return options.limits === undefined ? {} : { limits: options.limits };
}
