/**
 * Stores the planted events through the backend's real ingestion path: validated and priced at
 * ingest by the IngestionService, written by the batching UsageWriter into ClickHouse, exactly as
 * the REST endpoint does. Prompts are stored (the rightsizing analyzer reads prompt samples).
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import { EventIdDeriver } from '#modules/ingestion/usage-row-builder.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';

/** Records per ingestion call: what one large REST request carries. */
const INGEST_BATCH = 10_000;

export interface PlantedIngestResult {
  accepted: number;
  stored: number;
  rejected: number;
  unpriced: number;
}

/**
 * Ingests `events` for `orgId` and resolves once every row is durable.
 * @throws Error when any record is refused (the generator must only emit valid events).
 */
export async function ingestPlantedEvents(
  store: ClickHouseStore,
  orgId: string,
  events: readonly UsageEventInput[],
): Promise<PlantedIngestResult> {
  const writer = new UsageWriter(new UsageRepository(store), { flushIntervalMs: 20 });
  const ingestion = new IngestionService({
    sink: writer,
    pricer: createPriceCatalog(),
    validate: compileEventValidator(),
    policyOf: () => Promise.resolve({ storePrompts: true }),
  });
  const total: PlantedIngestResult = { accepted: 0, stored: 0, rejected: 0, unpriced: 0 };
  const ids = new EventIdDeriver();
  try {
    for (let start = 0; start < events.length; start += INGEST_BATCH) {
      // The validator fills defaults in place; the generated events stay untouched.
      const batch = events.slice(start, start + INGEST_BATCH).map((event) => ({ ...event }));
      const result = await ingestion.ingest(orgId, batch, 'rest', ids);
      total.accepted += result.accepted;
      total.stored += result.stored;
      total.rejected += result.rejected.length;
      total.unpriced += result.unpriced;
      if (result.rejected.length > 0) {
        throw new Error(`planted events refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
    }
  } finally {
    await writer.close();
  }
  return total;
}
