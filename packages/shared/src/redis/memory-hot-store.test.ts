import { afterEach, describe, expect, it } from 'vitest';
import { hotStoreContract } from './hot-store-contract.js';
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

  it('delivers a message before publish resolves', async () => {
    const hot = store();
    const received: string[] = [];
    await hot.subscribe('events', (message) => received.push(message));
    await hot.publish('events', 'one');
    expect(received).toEqual(['one']);
  });

  it('expires a stream a TTL after its last append that set one', async () => {
    const hot = store();
    await hot.streamAppend('log', { value: '1' }, { ttlMs: 1_000 });
    clock = 600;
    await hot.streamAppend('log', { value: '2' }, { ttlMs: 1_000 });
    clock = 1_200;
    await hot.streamAppend('log', { value: '3' });
    expect(await hot.streamLength('log')).toBe(3);
    expect(await hot.ttl('log')).toBe(400);
    clock = 1_600;
    expect(await hot.streamLength('log')).toBe(0);
  });

  it('keeps stream ids increasing when the clock goes back', async () => {
    const hot = store();
    clock = 5_000;
    expect(await hot.streamAppend('log', { value: '1' })).toBe('5000-0');
    expect(await hot.streamAppend('log', { value: '2' })).toBe('5000-1');
    clock = 4_000;
    expect(await hot.streamAppend('log', { value: '3' })).toBe('5000-2');
    clock = 6_000;
    expect(await hot.streamAppend('log', { value: '4' })).toBe('6000-0');
  });

  it('keeps the last id after a trim, so ids are never reused', async () => {
    const hot = store();
    await hot.streamAppend('log', { value: '1' }, { id: '9-0' });
    await hot.streamTrim('log', 0);
    await expect(hot.streamAppend('log', { value: '2' }, { id: '8-0' })).rejects.toThrow(/equal or smaller/);
  });

  it('refuses to append to a key holding a value', async () => {
    const hot = store();
    await hot.set('plain', 'x');
    await expect(hot.streamAppend('plain', { value: '1' })).rejects.toThrow(/WRONGTYPE/);
  });

  it('refuses use after close', async () => {
    const hot = store();
    await hot.close();
    await expect(hot.get('a')).rejects.toThrow(/closed/);
  });
});

describe('MemoryHotStore contract', () => {
  hotStoreContract(() => {
    const created = new MemoryHotStore('netra:test:');
    stores.push(created);
    return created;
  });
});
