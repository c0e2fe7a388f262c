/**
 * The behaviour both hot tiers promise, as test cases: the in-process tier runs them in unit tests,
 * Redis in integration tests, so the two cannot drift apart. Test scaffolding, imported by tests only.
 * @module
 */
import { expect, it, onTestFinished } from 'vitest';
import type { HotStore, StreamEntry } from './hot-store.js';
import { compareStreamIds, parseStreamId } from './stream-id.js';

/** Opens a fresh store; `label` keeps the stores of different cases apart on a shared server. */
export type OpenHotStore = (label: string) => HotStore;

function values(entries: readonly StreamEntry[]): string[] {
  return entries.map((entry) => entry.fields.value ?? '');
}

function ascending(ids: readonly string[]): boolean {
  return ids.every(
    (id, index) =>
      index === 0 || compareStreamIds(parseStreamId(ids[index - 1] ?? ''), parseStreamId(id)) < 0,
  );
}

async function appendValues(store: HotStore, key: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    ids.push(await store.streamAppend(key, { value: String(index) }));
  }
  return ids;
}

function keepsValues(open: OpenHotStore): void {
  it('keeps values with TTLs, counts in fixed windows and consumes values once', async () => {
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
}

function deliversToEverySubscriber(open: OpenHotStore): void {
  it('delivers each message to every subscriber of its channel until each unsubscribes', async () => {
    const store = open('bus');
    const first: string[] = [];
    const second: string[] = [];
    const unsubscribeFirst = await store.subscribe('events', (message) => first.push(message));
    const unsubscribeSecond = await store.subscribe('events', (message) => second.push(message));
    await store.publish('other', 'elsewhere');
    await store.publish('events', 'one');
    await expect.poll(() => [first, second]).toEqual([['one'], ['one']]);
    await unsubscribeFirst();
    await store.publish('events', 'two');
    await expect.poll(() => second).toEqual(['one', 'two']);
    await unsubscribeSecond();
    expect(first).toEqual(['one']);
  });
}

function isolatesThrowingListeners(open: OpenHotStore): void {
  it('still delivers to the other subscribers when one listener throws, and reports it', async () => {
    const store = open('bus-faulty');
    const received: string[] = [];
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    onTestFinished(() => {
      process.off('warning', onWarning);
    });
    await store.subscribe('events', () => {
      throw new Error('listener bug');
    });
    await store.subscribe('events', (message) => received.push(message));
    await store.publish('events', 'hello');
    await expect.poll(() => received).toEqual(['hello']);
    await expect.poll(() => warnings).toContain('a listener of channel "events" threw: listener bug');
  });
}

function appendsInOrder(open: OpenHotStore): void {
  it('appends entries with increasing ids and reads them back in order, after an id', async () => {
    const store = open('stream-append');
    const ids = await appendValues(store, 'log', 4);
    expect(ascending(ids)).toBe(true);
    const all = await store.streamRange('log');
    expect(all.map((entry) => entry.id)).toEqual(ids);
    expect(all[0]?.fields).toEqual({ value: '1' });
    expect(values(await store.streamRange('log', { after: ids[1] }))).toEqual(['3', '4']);
    expect(values(await store.streamRange('log', { after: ids[0], count: 2 }))).toEqual(['2', '3']);
    expect(await store.streamRange('log', { after: ids[3] })).toEqual([]);
    expect(await store.streamLength('log')).toBe(4);
  });
}

function takesExplicitIds(open: OpenHotStore): void {
  it('takes explicit ids above the last one and refuses the others', async () => {
    const store = open('stream-ids');
    expect(await store.streamAppend('log', { value: 'a' }, { id: '5-0' })).toBe('5-0');
    await expect(store.streamAppend('log', { value: 'b' }, { id: '5' })).rejects.toThrow(/equal or smaller/);
    expect(await store.streamAppend('log', { value: 'c' }, { id: '7' })).toBe('7-0');
    await expect(store.streamAppend('log', { value: 'd' }, { id: '6-3' })).rejects.toThrow(
      /equal or smaller/,
    );
    const next = await store.streamAppend('log', { value: 'e' });
    expect(values(await store.streamRange('log', { after: '7-0' }))).toEqual(['e']);
    expect(next).not.toBe('7-0');
    await expect(store.streamAppend('fresh', { value: 'f' }, { id: '0-0' })).rejects.toThrow(
      /greater than 0-0/,
    );
    await expect(store.streamRange('log', { after: 'not-an-id' })).rejects.toThrow();
  });
}

function capsAndTrims(open: OpenHotStore): void {
  it('keeps at least the newest entries under a length cap, and trims exactly on demand', async () => {
    const store = open('stream-cap');
    for (let index = 1; index <= 20; index += 1) {
      await store.streamAppend('log', { value: String(index) }, { maxLength: 5 });
    }
    const kept = values(await store.streamRange('log'));
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.slice(-5)).toEqual(['16', '17', '18', '19', '20']);
    expect(await store.streamTrim('log', 3)).toBe(kept.length - 3);
    expect(values(await store.streamRange('log'))).toEqual(['18', '19', '20']);
    expect(await store.streamTrim('log', 3)).toBe(0);
    expect(await store.streamTrim('missing', 3)).toBe(0);
  });
}

function expiresAndDeletesStreams(open: OpenHotStore): void {
  it('expires a stream after its last append when given a TTL, and deletes it on demand', async () => {
    const store = open('stream-ttl');
    await store.streamAppend('kept', { value: '1' });
    expect(await store.ttl('kept')).toBeNull();
    await store.streamAppend('expiring', { value: '1' }, { ttlMs: 60_000 });
    const ttl = await store.ttl('expiring');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.delete('expiring');
    expect(await store.streamLength('expiring')).toBe(0);
    expect(await store.streamRange('expiring')).toEqual([]);
    expect(await store.streamRange('never-written')).toEqual([]);
  });
}

function readsAndWaits(open: OpenHotStore): void {
  it('reads what is already there at once, and waits for what comes after the last id', async () => {
    const store = open('stream-read');
    const [first] = await appendValues(store, 'log', 2);
    expect(values(await store.streamRead('log', { after: first ?? '0', timeoutMs: 0 }))).toEqual(['2']);
    const seen = (await store.streamRange('log')).at(-1)?.id ?? '0';
    const waiting = store.streamRead('log', { after: seen, timeoutMs: 30_000 });
    const appended = await store.streamAppend('log', { value: '3' });
    expect(await waiting).toEqual([{ id: appended, fields: { value: '3' } }]);
  });
}

function wakesEveryReader(open: OpenHotStore): void {
  it('wakes several waiting readers with one append', async () => {
    const store = open('stream-readers');
    const readers = [1, 2, 3].map(() => store.streamRead('log', { after: '0', timeoutMs: 30_000 }));
    await store.streamAppend('log', { value: 'shared' });
    const results = await Promise.all(readers);
    expect(results.map(values)).toEqual([['shared'], ['shared'], ['shared']]);
  });
}

function timesOut(open: OpenHotStore): void {
  it('returns no entries when nothing arrives within the timeout', async () => {
    const store = open('stream-quiet');
    expect(await store.streamRead('log', { after: '0', timeoutMs: 50 })).toEqual([]);
    const [id] = await appendValues(store, 'log', 1);
    expect(await store.streamRead('log', { after: id ?? '0', timeoutMs: 50 })).toEqual([]);
  });
}

function closeEndsReads(open: OpenHotStore): void {
  it('ends a pending read when the store closes', async () => {
    const store = open('stream-close');
    const pending = store.streamRead('log', { after: '0', timeoutMs: 0 });
    const outcome = pending.then(
      () => 'resolved',
      () => 'rejected',
    );
    await store.close();
    expect(await outcome).toBe('rejected');
    await expect(store.streamAppend('log', { value: 'late' })).rejects.toThrow();
  });
}

/** Registers the hot-store contract cases in the current describe block. */
export function hotStoreContract(open: OpenHotStore): void {
  const cases = [
    keepsValues,
    deliversToEverySubscriber,
    isolatesThrowingListeners,
    appendsInOrder,
    takesExplicitIds,
    capsAndTrims,
    expiresAndDeletesStreams,
    readsAndWaits,
    wakesEveryReader,
    timesOut,
    closeEndsReads,
  ];
  for (const register of cases) {
    register(open);
  }
}
