import { describe, expect, it } from 'vitest';
import { isRunId, newRunId, runStartedAt } from './run-id.js';

describe('run ids', () => {
  it('are lowercase alphanumerics that fit in SQL identifiers and Redis keys', () => {
    const id = newRunId();
    expect(id).toMatch(/^[0-9a-z]{17}$/);
    expect(isRunId(id)).toBe(true);
  });

  it('differ even when started in the same millisecond', () => {
    const now = 1_700_000_000_000;
    const ids = new Set(Array.from({ length: 200 }, () => newRunId(now)));
    expect(ids.size).toBe(200);
  });

  it('record when the run started', () => {
    expect(runStartedAt(newRunId(1_700_000_000_000))).toBe(1_700_000_000_000);
    expect(runStartedAt('not-a-run-id')).toBeUndefined();
  });
});
