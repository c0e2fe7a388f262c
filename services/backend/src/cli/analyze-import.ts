/**
 * The import step of `netra analyze`: each file goes through the same pipeline as
 * `POST /api/v1/ingest/files` — usage through format readers → validation → pricing → UsageWriter →
 * ClickHouse, cost exports into billing — so the offline analysis sees exactly what the service
 * would store. No PostgreSQL: the run works in one fixed local organization, and prompts are kept
 * because the data never leaves the machine.
 * @module
 */
import { createReadStream } from 'node:fs';
import type { PriceCatalog } from '@netra/optimizer';
import type { ImportTotals, LineError } from '@netra/shared/contracts';
import { BillingRepository } from '#modules/billing/billing.repository.js';
import { BillingService } from '#modules/billing/billing.service.js';
import {
  isCanonicalJsonLines,
  type CanonicalLoader,
} from '#modules/ingestion/canonical-load/canonical-load.service.js';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import {
  importFile,
  type UploadUpdate,
  type ImportFileOptions,
} from '#modules/ingestion/file-import.service.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';
import type { AnalyzeArgs } from './analyze-args.js';
import { PipelinedSink } from './pipelined-sink.js';

/** The organization every offline analysis stores its events under. */
export const LOCAL_ORG_ID = 'local';

/** What the import of one file did: its kind, the final totals and the refused lines (the first 1,000). */
export interface ImportOutcome {
  file: string;
  kind: 'usage' | 'billed_cost';
  totals: ImportTotals;
  errors: LineError[];
  /** Dollars billed, for a cost export. */
  billedCostUsd?: number;
}

/** Large inserts, and no waiting for more rows: the file import hands over whole batches in turn. */
const WRITER_OPTIONS = { maxBatchRows: 50_000, flushIntervalMs: 0 } as const;

function readerOptions(args: AnalyzeArgs): ImportFileOptions {
  return {
    format: args.format,
    ...(args.map === undefined ? {} : { map: args.map }),
    ...(args.model === undefined ? {} : { model: args.model }),
    ...(args.provider === undefined ? {} : { provider: args.provider }),
    ...(args['timestamp-base'] === undefined ? {} : { timestampBase: args['timestamp-base'] }),
  };
}

/** The billing service of the offline run, on the run's store. */
export function localBilling(store: ClickHouseStore, catalog: PriceCatalog): BillingService {
  return new BillingService(new BillingRepository(store), catalog);
}

/** Ingestion of the offline run: prompts are kept, the data never leaves the machine. */
function localIngestion(sink: PipelinedSink, catalog: PriceCatalog): IngestionService {
  return new IngestionService({
    sink,
    pricer: catalog,
    validate: compileEventValidator(),
    policyOf: () => Promise.resolve({ storePrompts: true }),
  });
}

function outcomeOf(file: string, update: Extract<UploadUpdate, { type: 'done' }>): ImportOutcome {
  const { type: _type, errors, ...totals } = update;
  if (totals.kind === 'billed_cost') {
    const { kind: _kind, billed_cost_usd: billed, ...rest } = totals;
    return { file, kind: 'billed_cost', totals: rest, errors, billedCostUsd: billed };
  }
  const { kind: _kind, ...rest } = totals;
  return { file, kind: 'usage', totals: rest, errors };
}

/** Runs the import to its summary, handing every running total to `onProgress`. */
async function finalOutcome(
  updates: AsyncGenerator<UploadUpdate>,
  file: string,
  onProgress: (totals: ImportTotals) => void,
): Promise<ImportOutcome> {
  for await (const update of updates) {
    if (update.type === 'done') {
      return outcomeOf(file, update);
    }
    onProgress(update);
  }
  throw new Error('the file import ended without a summary');
}

/** Whether the options leave the file as written: no renamed columns, defaults or time base. */
function readsAsWritten(args: AnalyzeArgs): boolean {
  return (
    (args.format === 'auto' || args.format === 'canonical') &&
    args.map === undefined &&
    args.model === undefined &&
    args.provider === undefined &&
    args['timestamp-base'] === undefined
  );
}

/**
 * The canonical fast load (ClickHouse reads the file) when it applies: a canonical JSON Lines file
 * read as written whose every line passes its test. Undefined otherwise, having stored nothing.
 */
async function fastImport(
  loader: CanonicalLoader,
  catalog: PriceCatalog,
  file: string,
  args: AnalyzeArgs,
): Promise<ImportOutcome | undefined> {
  if (!readsAsWritten(args) || !isCanonicalJsonLines(file)) {
    return undefined;
  }
  const result = await loader.load(file, { orgId: LOCAL_ORG_ID, rates: catalog, storePrompts: true });
  return result.loaded ? { file, kind: 'usage', totals: result.totals, errors: [] } : undefined;
}

/**
 * Imports `file` into `store` for LOCAL_ORG_ID, reporting running totals to `onProgress`.
 * Refused rows do not stop the import; they come back with their line numbers. With a `loader`,
 * a canonical file ClickHouse can take as written is loaded by it (canonical-load); any other
 * file goes through the JavaScript pipeline, after `beforeJavascriptImport`.
 */
export async function importFileIntoStore(
  store: ClickHouseStore,
  catalog: PriceCatalog,
  file: string,
  args: AnalyzeArgs,
  onProgress: (totals: ImportTotals) => void,
  loader?: CanonicalLoader,
  beforeJavascriptImport?: () => Promise<void>,
): Promise<ImportOutcome> {
  const fast = loader === undefined ? undefined : await fastImport(loader, catalog, file, args);
  if (fast !== undefined) {
    onProgress(fast.totals);
    return fast;
  }
  await beforeJavascriptImport?.();
  return javascriptImport(store, catalog, file, args, onProgress);
}

/** The import through the JavaScript pipeline (format reader, validation, pricing, batched inserts). */
async function javascriptImport(
  store: ClickHouseStore,
  catalog: PriceCatalog,
  file: string,
  args: AnalyzeArgs,
  onProgress: (totals: ImportTotals) => void,
): Promise<ImportOutcome> {
  const sink = new PipelinedSink(new UsageWriter(new UsageRepository(store), WRITER_OPTIONS));
  const targets = { ingestion: localIngestion(sink, catalog), billing: localBilling(store, catalog) };
  let outcome: ImportOutcome;
  try {
    const updates = importFile(targets, LOCAL_ORG_ID, createReadStream(file), readerOptions(args));
    outcome = await finalOutcome(updates, file, onProgress);
  } finally {
    await sink.drain();
  }
  // Usage batches were acknowledged before their insert; the store's own counts are the true ones.
  return outcome.kind === 'usage' ? { ...outcome, totals: { ...outcome.totals, ...sink.tally } } : outcome;
}
