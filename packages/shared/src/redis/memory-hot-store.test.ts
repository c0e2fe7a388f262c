import { afterEach, describe, expect, it } from 'vitest';
import { MemoryHotStore } from './memory-hot-store.js';

let clock = 0;
const stores: MemoryHotStore[] = [];
function store(): MemoryHotStore {
  const created = new MemoryHotStore('netra:test:', () => clock);
  stores.push(created);
  return created;
}

afterEach(async () => {
  clock = 0;
  await Promise.all(stores.splice(0).map((item) => item.close()));
});

describe('MemoryHotStore', () => {
  it('expires keys after their TTL', async () => {
    const hot = store();
    await hot.set('a', '1', 1_000);
    await hot.set('b', '2');
    clock = 999;
    expect(await hot.get('a')).toBe('1');
    expect(await hot.ttl('a')).toBe(1);
    clock = 1_000;
    expect(await hot.get('a')).toBeNull();
    expect(await hot.get('b')).toBe('2');
    expect(await hot.ttl('b')).toBeNull();
  });

  it('counts in a fixed window that starts with the first increment', async () => {
    const hot = store();
    expect(await hot.increment('hits', 60_000)).toBe(1);
    clock = 30_000;
    expect(await hot.increment('hits', 60_000)).toBe(2);
    clock = 60_000;
    expect(await hot.increment('hits', 60_000)).toBe(1);
  });

  it('takes a value exactly once', async () => {
    const hot = store();
    await hot.set('state', 'abc', 1_000);
    expect(await hot.take('state')).toBe('abc');
    expect(await hot.take('state')).toBeNull();
    expect(await hot.get('state')).toBeNull();
  });

  it('sets only absent keys', async () => {
    const hot = store();
    expect(await hot.setIfAbsent('lock', 'a', 100)).toBe(true);
    expect(await hot.setIfAbsent('lock', 'b', 100)).toBe(false);
    clock = 100;
    expect(await hot.setIfAbsent('lock', 'c', 100)).toBe(true);
    expect(await hot.get('lock')).toBe('c');
  });

  it('delivers published messages to subscribers until they unsubscribe', async () => {
    const hot = store();
    const received: string[] = [];
    const unsubscribe = await hot.subscribe('events', (message) => received.push(message));
    await hot.publish('events', 'one');
    await hot.publish('other', 'ignored');
    await unsubscribe();
    await hot.publish('events', 'two');
    expect(received).toEqual(['one']);
  });

  it('refuses use after close', async () => {
    const hot = store();
    await hot.close();
    await expect(hot.get('a')).rejects.toThrow(/closed/);
  });
});
