import { join } from 'node:path';
import type { HotStore } from '@netra/shared/redis';
import { closeAll, type Closable, type TierProbe } from '@netra/shared/http';
import type { BackendConfig } from '#config.js';
import { UsageWriter } from '#usage/usage-writer.js';
import { openClickHouse, type ClickHouseStore } from './clickhouse.js';
import { migrateClickHouse } from './clickhouse-migrations.js';
import { openBackendHotStore } from './hot-store.js';
import { openBackendPostgres, type BackendPostgres } from './postgres.js';
import { UsageRepository } from './usage.repository.js';

/** Every store the backend uses, opened once at start and closed once at shutdown. */
export interface BackendStores {
  postgres: BackendPostgres;
  hot: HotStore;
  clickhouse: ClickHouseStore;
  /** Usage events in ClickHouse: the read model and the raw insert path. */
  usage: UsageRepository;
  /** Where ingestion hands accepted usage: batched, idempotent, resolves once durable. */
  usageSink: UsageWriter;
  probes(): Record<string, TierProbe>;
  close(): Promise<void>;
}

/** Opens ClickHouse (server or embedded chdb) and applies its migrations. */
export async function openBackendClickHouse(config: BackendConfig): Promise<ClickHouseStore> {
  const clickhouse = await openClickHouse({
    url: config.values.CLICKHOUSE_URL,
    dataDir: join(config.values.NETRA_DATA_DIR, 'backend', 'clickhouse'),
    database: config.values.CLICKHOUSE_DATABASE,
  });
  try {
    await migrateClickHouse(clickhouse);
    return clickhouse;
  } catch (error) {
    await clickhouse.close();
    throw error;
  }
}

function createUsageSink(config: BackendConfig, usage: UsageRepository): UsageWriter {
  return new UsageWriter(usage, {
    maxBatchRows: config.values.INGEST_BATCH_ROWS,
    flushIntervalMs: config.values.INGEST_FLUSH_MS,
    maxPendingRows: config.values.INGEST_MAX_PENDING_ROWS,
  });
}

/** Opens all three tiers; a tier that fails to open closes the ones already opened. */
export async function openBackendStores(config: BackendConfig): Promise<BackendStores> {
  const hot = openBackendHotStore(config);
  const opened: Closable[] = [hot];
  try {
    const postgres = await openBackendPostgres(config);
    opened.push(postgres);
    const clickhouse = await openBackendClickHouse(config);
    opened.push(clickhouse);
    const usage = new UsageRepository(clickhouse);
    const usageSink = createUsageSink(config, usage);
    return {
      postgres,
      hot,
      clickhouse,
      usage,
      usageSink,
      probes: () => ({ postgres, redis: hot, clickhouse }),
      // The writer's last flush needs ClickHouse open, and closeAll closes everything at once.
      close: () => usageSink.close().finally(() => closeAll(opened)),
    };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}
