/**
 * The import step of `netra analyze`: the file goes through the same pipeline as
 * `POST /api/v1/ingest/files` (format readers → validation → pricing → UsageWriter → ClickHouse), so
 * the offline analysis sees exactly what the service would store. No PostgreSQL: the run works in
 * one fixed local organization, and prompts are kept because the data never leaves the machine.
 * @module
 */
import { createReadStream } from 'node:fs';
import type { PriceCatalog } from '@netra/optimizer';
import type { ImportTotals, LineError } from '@netra/shared/contracts';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import { importUsageFile } from '#modules/ingestion/file-import.service.js';
import type { ReadUsageFileOptions } from '#modules/ingestion/formats/file-format.types.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';
import type { AnalyzeArgs } from './analyze-args.js';
import { PipelinedSink } from './pipelined-sink.js';

/** The organization every offline analysis stores its events under. */
export const LOCAL_ORG_ID = 'local';

/** What the import did: the final totals and the refused lines (the first 1,000). */
export interface ImportOutcome {
  totals: ImportTotals;
  errors: LineError[];
}

/** Large inserts, and no waiting for more rows: the file import hands over whole batches in turn. */
const WRITER_OPTIONS = { maxBatchRows: 50_000, flushIntervalMs: 0 } as const;

function readerOptions(args: AnalyzeArgs): Omit<ReadUsageFileOptions, 'progress'> {
  return {
    format: args.format,
    ...(args.map === undefined ? {} : { map: args.map }),
    ...(args.model === undefined ? {} : { model: args.model }),
    ...(args.provider === undefined ? {} : { provider: args.provider }),
    ...(args['timestamp-base'] === undefined ? {} : { timestampBase: args['timestamp-base'] }),
  };
}

/**
 * Imports `args.file` into `store` for LOCAL_ORG_ID, reporting running totals to `onProgress`.
 * Refused rows do not stop the import; they come back with their line numbers.
 */
export async function importFileIntoStore(
  store: ClickHouseStore,
  catalog: PriceCatalog,
  args: AnalyzeArgs,
  onProgress: (totals: ImportTotals) => void,
): Promise<ImportOutcome> {
  const sink = new PipelinedSink(new UsageWriter(new UsageRepository(store), WRITER_OPTIONS));
  const ingestion = new IngestionService({
    sink,
    pricer: catalog,
    validate: compileEventValidator(),
    policyOf: () => Promise.resolve({ storePrompts: true }),
  });
  const file = createReadStream(args.file);
  let outcome: ImportOutcome | undefined;
  try {
    for await (const update of importUsageFile(ingestion, LOCAL_ORG_ID, file, readerOptions(args))) {
      if (update.type === 'done') {
        const { type: _type, errors, ...totals } = update;
        outcome = { totals, errors };
        break;
      }
      onProgress(update);
    }
  } finally {
    await sink.drain();
  }
  if (outcome === undefined) {
    throw new Error('the file import ended without a summary');
  }
  // Batches were acknowledged before their insert; the store's own counts are the true ones.
  return { ...outcome, totals: { ...outcome.totals, ...sink.tally } };
}
