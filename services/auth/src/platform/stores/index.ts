import type { HotStore } from '@netra/shared/redis';
import { closeAll, type Closable, type TierProbe } from '@netra/shared/http';
import type { AuthConfig } from '#config.js';
import { openAuthPostgres, type AuthPostgres } from './postgres.js';
import { openAuthRedis } from './redis.js';

/** Both store connectors of the auth service, opened once at start and closed once at shutdown. */
export interface AuthStores {
  postgres: AuthPostgres;
  redis: HotStore;
  probes(): Record<string, TierProbe>;
  close(): Promise<void>;
}

/** Opens the hot tier (Redis or in-process), then PostgreSQL (server or PGlite) with its migrations. */
export async function openAuthStores(config: AuthConfig): Promise<AuthStores> {
  const redis = openAuthRedis(config);
  const opened: Closable[] = [redis];
  try {
    const postgres = await openAuthPostgres(config);
    opened.push(postgres);
    return { postgres, redis, probes: () => ({ postgres, redis }), close: () => closeAll(opened) };
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}
