import { describe, expect, it } from 'vitest';
import {
  assertTestDatabaseUrl,
  isTestDatabaseName,
  TestStoreRefusedError,
  withDatabaseName,
  withDefaultUser,
} from './test-database.js';

describe('isTestDatabaseName', () => {
  it.each(['test', 'TEST', 'netra_test', 'test_ci', 'app-test-2', 'my.test.db', 'netra_test_0abc'])(
    'accepts %s',
    (name) => {
      expect(isTestDatabaseName(name)).toBe(true);
    },
  );

  it.each(['netra', 'postgres', 'contest', 'testing', 'tests', 'latest', 'attest_db', ''])(
    'refuses %s',
    (name) => {
      expect(isTestDatabaseName(name)).toBe(false);
    },
  );

  it('refuses a URL without a database name', () => {
    expect(isTestDatabaseName(undefined)).toBe(false);
  });
});

describe('assertTestDatabaseUrl', () => {
  it('returns the name of a test database', () => {
    expect(assertTestDatabaseUrl('postgres://127.0.0.1:5432/test')).toBe('test');
    expect(assertTestDatabaseUrl('postgresql://u:p@db.internal/netra_test?sslmode=require')).toBe(
      'netra_test',
    );
  });

  it('refuses anything else with a message naming the variable and the database', () => {
    const refuse = () => assertTestDatabaseUrl('postgres://u:secret@127.0.0.1:5432/netra', 'DATABASE_URL');
    expect(refuse).toThrow(TestStoreRefusedError);
    expect(refuse).toThrow('DATABASE_URL names database "netra", which is not a test database');
    expect(() => assertTestDatabaseUrl('postgres://127.0.0.1:5432')).toThrow('"(none)"');
  });

  it('never puts the password in the message', () => {
    expect(() => assertTestDatabaseUrl('postgres://u:hunter2@127.0.0.1/prod')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') as unknown }),
    );
  });
});

describe('withDatabaseName', () => {
  it('swaps the database and keeps credentials, host and parameters', () => {
    expect(withDatabaseName('postgres://u:p@h:5433/test?sslmode=require', 'netra_test_x')).toBe(
      'postgres://u:p@h:5433/netra_test_x?sslmode=require',
    );
    expect(withDatabaseName('postgres://127.0.0.1:5432', 'n')).toBe('postgres://127.0.0.1:5432/n');
    expect(withDatabaseName('postgresql:///test?host=/var/run/postgresql', 'n')).toBe(
      'postgresql:///n?host=/var/run/postgresql',
    );
  });
});

describe('withDefaultUser', () => {
  it('fills in the user only when the URL names none', () => {
    expect(withDefaultUser('postgres://127.0.0.1:5432/test', 'root')).toBe(
      'postgres://root@127.0.0.1:5432/test',
    );
    expect(withDefaultUser('postgres://app:pw@127.0.0.1/test', 'root')).toBe(
      'postgres://app:pw@127.0.0.1/test',
    );
    expect(withDefaultUser('postgres://127.0.0.1/test?sslmode=disable', 'a b')).toBe(
      'postgres://a%20b@127.0.0.1/test?sslmode=disable',
    );
  });
});
