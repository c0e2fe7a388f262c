import { testStores } from '@netra/test-framework/stores';
import { afterAll, describe, expect, it } from 'vitest';
import type { HotStore } from './hot-store.js';
import { openHotStore } from './index.js';

const { redisUrl, redisNamespace } = testStores();
const opened: HotStore[] = [];

function open(service: string): HotStore {
  const store = openHotStore({ url: redisUrl, keyPrefix: `${redisNamespace}:${service}:` });
  opened.push(store);
  return store;
}

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
});

describe('hot store on the run tier', () => {
  it('runs in the mode the run provides', async () => {
    const store = open('mode');
    expect(store.mode).toBe(testStores().mode.redis);
    await store.ping();
  });

  it('keeps values with TTLs and counts in fixed windows', async () => {
    const store = open('kv');
    await store.set('session', 'abc', 60_000);
    expect(await store.get('session')).toBe('abc');
    const ttl = await store.ttl('session');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await store.increment('hits', 60_000)).toBe(1);
    expect(await store.increment('hits', 60_000)).toBe(2);
    expect(await store.setIfAbsent('lock', 'a', 60_000)).toBe(true);
    expect(await store.setIfAbsent('lock', 'b', 60_000)).toBe(false);
    await store.set('once', 'x', 60_000);
    expect(await store.take('once')).toBe('x');
    expect(await store.take('once')).toBeNull();
    await store.delete('session');
    expect(await store.get('session')).toBeNull();
  });

  it('keeps services apart by namespace', async () => {
    const auth = open('auth-ns');
    const backend = open('backend-ns');
    await auth.set('shared-name', 'auth');
    await backend.set('shared-name', 'backend');
    expect(await auth.get('shared-name')).toBe('auth');
    expect(await backend.get('shared-name')).toBe('backend');
  });

  it('delivers messages to subscribers of the same namespace only', async () => {
    const store = open('bus');
    const other = open('bus-other');
    const received: string[] = [];
    const strayed: string[] = [];
    const unsubscribe = await store.subscribe('events', (message) => received.push(message));
    const unsubscribeOther = await other.subscribe('events', (message) => strayed.push(message));
    await store.publish('events', 'hello');
    await expect.poll(() => received).toEqual(['hello']);
    expect(strayed).toEqual([]);
    await unsubscribe();
    await unsubscribeOther();
  });
});
