import { describe, expect, it } from 'vitest';
import { effectiveDatabase, isTransientClickHouseError } from './clickhouse.js';

describe('effectiveDatabase', () => {
  it('takes the database a server URL names in its path, as the client does', () => {
    expect(effectiveDatabase('http://user:pw@ch.internal:8123/netra_test_1', 'netra')).toBe('netra_test_1');
  });

  it('falls back to the configured database without a path or in embedded mode', () => {
    expect(effectiveDatabase('https://ch.internal:8443/', 'netra')).toBe('netra');
    expect(effectiveDatabase(undefined, 'netra')).toBe('netra');
  });

  it('refuses a name that is not a plain identifier, since it is spliced into DDL', () => {
    expect(() => effectiveDatabase('http://ch.internal:8123/a%60b', 'netra')).toThrow(
      /not a plain identifier/,
    );
  });
});

describe('isTransientClickHouseError', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it('retries overload, timeouts and lost connections', () => {
    expect(isTransientClickHouseError(withCode('Too many parts', '252'))).toBe(true);
    expect(isTransientClickHouseError(withCode('Timeout exceeded', '159'))).toBe(true);
    expect(isTransientClickHouseError(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(true);
    expect(isTransientClickHouseError(new Error('socket hang up'))).toBe(true);
  });

  it('does not retry what would fail the same way again', () => {
    expect(isTransientClickHouseError(withCode('Syntax error', '62'))).toBe(false);
    expect(isTransientClickHouseError(withCode('Unknown table', '60'))).toBe(false);
    expect(isTransientClickHouseError('not an error')).toBe(false);
  });
});
