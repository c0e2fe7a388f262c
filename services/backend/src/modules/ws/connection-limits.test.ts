import { describe, expect, it } from 'vitest';
import { ConnectionLimits } from './connection-limits.js';

describe('ConnectionLimits', () => {
  it('admits up to the limit per user, and again once a slot is freed', () => {
    const limits = new ConnectionLimits(2);
    const first = limits.acquire('ann');
    expect(limits.acquire('ann')).toBeDefined();
    expect(limits.acquire('ann')).toBeUndefined();
    expect(limits.acquire('bob')).toBeDefined();
    first?.();
    first?.();
    expect(limits.openOf('ann')).toBe(1);
    expect(limits.acquire('ann')).toBeDefined();
    expect(limits.acquire('ann')).toBeUndefined();
  });
});
