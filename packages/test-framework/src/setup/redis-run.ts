/**
 * A per-run key namespace on a shared Redis server, emptied at teardown.
 * @module
 */
import { Redis } from 'ioredis';

/** Every namespace this framework hands out starts with this. */
export const NAMESPACE_PREFIX = 'netra-test-';
const SCAN_BATCH = 500;

/** The namespace of a run; keys under it are `<namespace>:…`. */
export function redisNamespace(runId: string): string {
  return `${NAMESPACE_PREFIX}${runId}`;
}

/** Escapes Redis glob characters so a namespace matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** Runs `fn` with a client that gives up quickly instead of retrying forever. */
export async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** A namespace of the run's own for one test file (`<namespace>-<label>`), cleared with the run's. */
export function subNamespace(namespace: string, label: string): string {
  return `${namespace}-${label}`;
}

async function unlinkMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
    cursor = next;
    if (keys.length > 0) {
      deleted += await redis.unlink(...keys);
    }
  } while (cursor !== '0');
  return deleted;
}

/**
 * Deletes every key under `<namespace>:` and under its sub-namespaces `<namespace>-<label>:` with
 * SCAN + UNLINK (never FLUSHDB: other runs and other data share the server). Returns how many keys
 * were deleted.
 */
export async function clearNamespace(redis: Redis, namespace: string): Promise<number> {
  const own = await unlinkMatching(redis, `${escapeGlob(namespace)}:*`);
  const subs = await unlinkMatching(redis, `${escapeGlob(namespace)}-*:*`);
  return own + subs;
}

/** Checks the server answers, so a wrong REDIS_URL fails the run at setup rather than in every test. */
export async function checkRedis(url: string): Promise<void> {
  await withRedis(url, async (redis) => {
    await redis.ping();
  });
}
