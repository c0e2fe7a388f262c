import { join } from 'node:path';
import type { HotStore } from '@netra/shared/redis';
import { closeAll, type Closable, type TierProbe } from '@netra/shared/http';
import type { BackendConfig } from '#config.js';
import { openClickHouse, type ClickHouseStore } from './clickhouse.js';
import { migrateClickHouse } from './clickhouse-migrations.js';
import { openBackendRedis } from './redis.js';
import { openBackendPostgres, type BackendPostgres } from './postgres.js';

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
  });
  try {
    await migrateClickHouse(clickhouse);
    return clickhouse;
  } catch (error) {
    await clickhouse.close();
    throw error;
  }
}

/** Opens all three tiers; a tier that fails to open closes the ones already opened. */
export async function openBackendStores(config: BackendConfig): Promise<BackendStores> {
  const redis = openBackendRedis(config);
  const opened: Closable[] = [redis];
  try {
    const postgres = await openBackendPostgres(config);
    opened.push(postgres);
    const clickhouse = await openBackendClickHouse(config);
    opened.push(clickhouse);
    return {
      postgres,
      redis,
      clickhouse,
      probes: () => ({ postgres, redis, clickhouse }),
      close: () => closeAll(opened),
    };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}
