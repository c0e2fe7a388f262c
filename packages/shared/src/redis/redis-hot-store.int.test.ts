import { testStores } from '@netra/test-framework/stores';
import { afterAll, describe, expect, it } from 'vitest';
import type { HotStore } from './hot-store.js';
import { hotStoreContract } from './hot-store-contract.js';
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

  it('keeps services apart by namespace', async () => {
    const auth = open('auth-ns');
    const backend = open('backend-ns');
    await auth.set('shared-name', 'auth');
    await backend.set('shared-name', 'backend');
    expect(await auth.get('shared-name')).toBe('auth');
    expect(await backend.get('shared-name')).toBe('backend');
  });

  it.runIf(redisUrl !== undefined)(
    'delivers messages to subscribers of the same namespace only, in every process',
    async () => {
      const store = open('bus');
      const instance = open('bus');
      const other = open('bus-other');
      const received: string[] = [];
      const receivedElsewhere: string[] = [];
      const strayed: string[] = [];
      const unsubscribes = await Promise.all([
        store.subscribe('events', (message) => received.push(message)),
        instance.subscribe('events', (message) => receivedElsewhere.push(message)),
        other.subscribe('events', (message) => strayed.push(message)),
      ]);
      await store.publish('events', 'hello');
      await expect.poll(() => [received, receivedElsewhere]).toEqual([['hello'], ['hello']]);
      expect(strayed).toEqual([]);
      await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    },
  );

  it.runIf(redisUrl !== undefined)(
    'gives BullMQ a connection that never gives up on a command, and a prefix inside the namespace',
    async () => {
      const store = open('queue');
      const queue = store.queueConnection;
      expect(queue?.prefix).toBe(`${redisNamespace}:queue:bull`);
      const connection = queue?.connect();
      try {
        expect(connection?.options.maxRetriesPerRequest).toBeNull();
        expect(connection?.options.keyPrefix ?? '').toBe('');
        expect(await connection?.ping()).toBe('PONG');
      } finally {
        connection?.disconnect();
      }
    },
  );
});

describe('hot store contract on the run tier', () => {
  let cases = 0;
  hotStoreContract((label) => open(`contract-${String((cases += 1))}-${label}`));
});
