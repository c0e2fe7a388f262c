/**
 * Streams a cost export into billing: billed lines are read, handed to the billing service in
 * batches, and the refused lines are reported with their line numbers, like a usage import. The
 * updates say `kind: 'billed_cost'`, so the caller knows the file was stored as billed cost, not usage.
 * @module
 */
import type { ImportTotals, LineError } from '@netra/shared/contracts';
import type { BillingService } from '#modules/billing/billing.service.js';
import type { BilledCostRecord, CostFileFormat } from './formats/billed-cost.types.js';
import type { FileLimits } from './formats/file-limits.js';
import type { UsageFileInput } from './formats/file-format.types.js';
import { createCostFileProgress, readCostFile, type CostFileProgress } from './formats/read-cost-file.js';

/** Running totals of a cost import: the usage totals' shape, plus the dollars billed. */
export type CostImportTotals = ImportTotals & { kind: 'billed_cost'; billed_cost_usd: number };

export type CostImportUpdate =
  ({ type: 'progress' } & CostImportTotals) | ({ type: 'done'; errors: LineError[] } & CostImportTotals);

const BATCH_LINES = 10_000;
const MAX_LISTED_ERRORS = 1_000;

class CostImportRun {
  readonly progress: CostFileProgress = createCostFileProgress();
  readonly errors: LineError[] = [];
  batch: BilledCostRecord[] = [];
  stored = 0;
  rejected = 0;
  billed = 0;

  refuse(error: LineError): void {
    this.rejected += 1;
    if (this.errors.length < MAX_LISTED_ERRORS) {
      this.errors.push(error);
    }
  }

  snapshot(): CostImportTotals {
    const { format, bytesRead, rows, skipped } = this.progress;
    return {
      kind: 'billed_cost',
      format,
      bytes: bytesRead,
      rows,
      accepted: this.stored,
      stored: this.stored,
      duplicates: 0,
      unpriced: 0,
      rejected: this.rejected,
      skipped: { ...skipped },
      billed_cost_usd: Math.round(this.billed * 1e10) / 1e10,
    };
  }
}

async function flush(billing: BillingService, orgId: string, run: CostImportRun): Promise<void> {
  const batch = run.batch;
  run.batch = [];
  await billing.store(orgId, batch, run.progress.format ?? 'unknown');
  run.stored += batch.length;
  run.billed += batch.reduce((total, line) => total + line.amountUsd, 0);
}

/** Imports a cost export for `orgId`: running totals after each batch, then a summary with the refused lines. */
export async function* importCostFile(
  billing: BillingService,
  orgId: string,
  input: UsageFileInput,
  options: { format: CostFileFormat | 'auto'; limits?: FileLimits },
): AsyncGenerator<CostImportUpdate> {
  const run = new CostImportRun();
  for await (const row of readCostFile(input, { ...options, progress: run.progress })) {
    if (row.cost === undefined) {
      run.refuse({ line: row.line, field: row.error?.field ?? 'line', reason: row.error?.reason ?? '' });
    } else if (run.batch.push(row.cost) >= BATCH_LINES) {
      await flush(billing, orgId, run);
      yield { type: 'progress', ...run.snapshot() };
    }
  }
  if (run.batch.length > 0) {
    await flush(billing, orgId, run);
  }
  yield { type: 'done', ...run.snapshot(), errors: run.errors };
}
