import { describe, expect, it } from 'vitest';
import { queryOperation } from './query-timing.js';

describe('queryOperation', () => {
  it.each([
    ['select 1', 'select'],
    ['  SELECT * FROM t', 'select'],
    ['(select 1) union (select 2)', 'select'],
    ['insert into t values (1)', 'insert'],
    ['UPDATE t SET a = 1', 'update'],
    ['delete from t', 'delete'],
    ['with x as (select 1) select * from x', 'with'],
    ['BEGIN', 'transaction'],
    ['commit', 'transaction'],
    ['ROLLBACK TO SAVEPOINT s', 'transaction'],
    ['create table t (a int)', 'other'],
    ['', 'other'],
  ])('names %j as %s', (text, operation) => {
    expect(queryOperation(text)).toBe(operation);
    expect(queryOperation({ text })).toBe(operation);
  });

  it('names a query it cannot read "other"', () => {
    expect(queryOperation(undefined)).toBe('other');
    expect(queryOperation({ name: 'prepared' })).toBe('other');
  });
});
