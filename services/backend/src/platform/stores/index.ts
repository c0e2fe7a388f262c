import { join } from 'node:path';
import type { HotStore } from '@netra/shared/redis';
import { closeAll, type Closable, type TierProbe } from '@netra/shared/http';
import type { BackendConfig } from '#config.js';
import { openClickHouse, type ClickHouseStore } from './clickhouse.js';
import { migrateClickHouse } from './clickhouse-migrations.js';
import { openBackendRedis } from './redis.js';
import { openBackendPostgres, type BackendPostgres } from './postgres.js';
import { timedConnector, type CallReport } from './timed-connector.js';

export type StoreName = 'postgres' | 'redis' | 'clickhouse';

/** One finished call to a store, for latency metrics. */
export interface StoreCall {
  store: StoreName;
  /** The kind of call: the connector method (`query_rows`, `increment`) or, for PostgreSQL, the SQL verb. */
  operation: string;
  seconds: number;
  ok: boolean;
}

export type StoreCallObserver = (call: StoreCall) => void;

export interface OpenBackendStoresOptions {
  /** Told about every store call; without it the connectors are used bare. */
  observeCalls?: StoreCallObserver;
}

/** The three store connectors, opened once at start and closed once at shutdown. */
export interface BackendStores {
  postgres: BackendPostgres;
  redis: HotStore;
  clickhouse: ClickHouseStore;
  probes(): Record<string, TierProbe>;
  close(): Promise<void>;
}

/** Opens ClickHouse (server or embedded chdb) and applies its migrations. */
export async function openBackendClickHouse(config: BackendConfig): Promise<ClickHouseStore> {
  const clickhouse = await openClickHouse({
    url: config.values.CLICKHOUSE_URL,
    dataDir: join(config.values.NETRA_DATA_DIR, 'backend', 'clickhouse'),
    database: config.values.CLICKHOUSE_DATABASE,
    cluster: config.values.CLICKHOUSE_CLUSTER,
  });
  try {
    await migrateClickHouse(clickhouse);
    return clickhouse;
  } catch (error) {
    await clickhouse.close();
    throw error;
  }
}

function reporterFor(store: StoreName, observe: StoreCallObserver): CallReport {
  return (operation, seconds, ok) => {
    observe({ store, operation, seconds, ok });
  };
}

function observedStores(
  stores: { postgres: BackendPostgres; redis: HotStore; clickhouse: ClickHouseStore },
  observe: StoreCallObserver | undefined,
) {
  if (observe === undefined) {
    return stores;
  }
  // PostgreSQL is timed inside the shared connector, per query on the driver's client.
  stores.postgres.observeQueries(({ operation, seconds, ok }) => {
    observe({ store: 'postgres', operation, seconds, ok });
  });
  return {
    postgres: stores.postgres,
    redis: timedConnector(stores.redis, reporterFor('redis', observe)),
    clickhouse: timedConnector(stores.clickhouse, reporterFor('clickhouse', observe)),
  };
}

/** Opens all three tiers; a tier that fails to open closes the ones already opened. */
export async function openBackendStores(
  config: BackendConfig,
  options: OpenBackendStoresOptions = {},
): Promise<BackendStores> {
  const redis = openBackendRedis(config);
  const opened: Closable[] = [redis];
  try {
    const postgres = await openBackendPostgres(config);
    opened.push(postgres);
    const clickhouse = await openBackendClickHouse(config);
    opened.push(clickhouse);
    const tiers = observedStores({ postgres, redis, clickhouse }, options.observeCalls);
    return {
      ...tiers,
      probes: () => ({ ...tiers }),
      close: () => closeAll(opened),
    };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}
