import { describe, expect, it } from 'vitest';
import { loadClickHouseMigrations, splitStatements } from './clickhouse-migrations.js';

describe('splitStatements', () => {
  it('drops comment lines and splits on a semicolon that ends a line', () => {
    const sql = [
      '-- a comment; with a semicolon',
      "CREATE TABLE a (x String DEFAULT 'a;b');",
      '  -- indented comment',
      'ALTER TABLE a ADD COLUMN IF NOT EXISTS y UInt8 ;  ',
      'SELECT 1',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      "CREATE TABLE a (x String DEFAULT 'a;b')",
      'ALTER TABLE a ADD COLUMN IF NOT EXISTS y UInt8',
      'SELECT 1',
    ]);
  });
});

describe('loadClickHouseMigrations', () => {
  it('reads the shipped migrations in version order, each naming the database by placeholder', () => {
    const migrations = loadClickHouseMigrations();
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    for (const statement of migrations.flatMap((migration) => migration.statements)) {
      expect(statement).toContain('{{database}}.');
    }
  });
});
