/**
 * Safety rules for the PostgreSQL server tests run against.
 * @module
 */
import { databaseNameOf } from '@netra/shared/server';

/** Thrown when configuration points tests at a store they must not touch. */
export class TestStoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestStoreRefusedError';
  }
}

/** `test` as a whole word, where `_`, `-` and `.` separate words: `test`, `app_test`, `test-ci`. */
const TEST_WORD = /(^|[^a-z0-9])test([^a-z0-9]|$)/i;

/** Whether a database name marks a database as disposable test data. */
export function isTestDatabaseName(name: string | undefined): boolean {
  return name !== undefined && TEST_WORD.test(name);
}

/**
 * Returns the database name of `url`, or throws when it is not a test database: the run creates
 * and drops databases on that server and must never be pointed at real data by mistake.
 */
export function assertTestDatabaseUrl(url: string, variable = 'DATABASE_URL'): string {
  const name = databaseNameOf(url);
  if (!isTestDatabaseName(name)) {
    throw new TestStoreRefusedError(
      `${variable} names database "${name ?? '(none)'}", which is not a test database. Integration and e2e ` +
        'tests create and drop databases on that server, so they only run when the URL names a test ' +
        'database (e.g. "test", "netra_test", "test_ci").',
    );
  }
  return name as string;
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i;

/** The same URL naming another database; user, host, port and parameters (e.g. sslmode) are kept. */
export function withDatabaseName(url: string, database: string): string {
  const match = URL_PARTS.exec(url.trim());
  if (match === null) {
    throw new TestStoreRefusedError('database URL is not a URL');
  }
  return `${match[1] ?? ''}/${encodeURIComponent(database)}${match[3] ?? ''}`;
}

/**
 * The URL with `user` filled in when it names none. libpq (psql) defaults to the operating-system
 * user, but node-postgres only looks at $USER, which is often unset in containers and CI.
 */
export function withDefaultUser(url: string, user: string): string {
  const match = URL_PARTS.exec(url.trim());
  const authority = match?.[1];
  if (authority === undefined || authority.includes('@')) {
    return url;
  }
  const schemeEnd = authority.indexOf('://') + 3;
  return `${authority.slice(0, schemeEnd)}${encodeURIComponent(user)}@${authority.slice(schemeEnd)}${match?.[2] ?? ''}${match?.[3] ?? ''}`;
}
