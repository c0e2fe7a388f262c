import { afterEach, describe, expect, it } from 'vitest';
import { admitInFixedWindow, countInFixedWindow } from './fixed-window.js';
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

describe('admitInFixedWindow', () => {
  it('admits up to the limit, then refuses until the window resets', async () => {
    const hot = store();
    const admit = () => admitInFixedWindow(hot, 'user:a', 60_000, 2);
    expect(await admit()).toEqual({ admitted: true });
    clock = 20_000;
    expect(await admit()).toEqual({ admitted: true });
    expect(await admit()).toEqual({ admitted: false, retryAfterMs: 40_000 });
    clock = 59_999;
    expect(await admit()).toEqual({ admitted: false, retryAfterMs: 1 });
    clock = 60_000;
    expect(await admit()).toEqual({ admitted: true });
  });

  it('keeps one budget per bucket, shared with countInFixedWindow', async () => {
    const hot = store();
    expect(await admitInFixedWindow(hot, 'user:a', 60_000, 1)).toEqual({ admitted: true });
    expect(await admitInFixedWindow(hot, 'user:b', 60_000, 1)).toEqual({ admitted: true });
    expect(await countInFixedWindow(hot, 'user:a', 60_000)).toEqual({ count: 2, resetMs: 60_000 });
    expect(await admitInFixedWindow(hot, 'user:a', 60_000, 1)).toEqual({
      admitted: false,
      retryAfterMs: 60_000,
    });
  });
});
