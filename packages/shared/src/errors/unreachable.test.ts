import { describe, expect, it } from 'vitest';
import { isDependencyUnreachable } from './unreachable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyUnreachable', () => {
  it('recognizes refused and broken connections by their socket code, nested causes included', () => {
    expect(isDependencyUnreachable(withCode('connect ECONNREFUSED 127.0.0.1:6390', 'ECONNREFUSED'))).toBe(
      true,
    );
    expect(
      isDependencyUnreachable(new Error('query failed', { cause: withCode('read', 'ECONNRESET') })),
    ).toBe(true);
    expect(
      isDependencyUnreachable(
        new AggregateError([withCode('connect ::1', 'ECONNREFUSED')], 'connect failed'),
      ),
    ).toBe(true);
  });

  it('recognizes ioredis and pg giving up', () => {
    const maxRetries = Object.assign(
      new Error(
        'Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.',
      ),
      { name: 'MaxRetriesPerRequestError' },
    );
    expect(isDependencyUnreachable(maxRetries)).toBe(true);
    expect(isDependencyUnreachable(new Error('Connection is closed.'))).toBe(true);
    expect(isDependencyUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves every other failure a failure of the code or the request', () => {
    expect(isDependencyUnreachable(new Error('relation "users" does not exist'))).toBe(false);
    expect(isDependencyUnreachable(withCode('duplicate key', '23505'))).toBe(false);
    expect(isDependencyUnreachable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDependencyUnreachable('ECONNREFUSED')).toBe(false);
    expect(isDependencyUnreachable(null)).toBe(false);
  });

  it('stops at a bounded depth of causes (a cycle cannot hang it)', () => {
    const looped = new Error('outer') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(isDependencyUnreachable(looped)).toBe(false);
  });
});
