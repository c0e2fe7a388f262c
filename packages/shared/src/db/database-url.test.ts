import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, resolveDatabaseUrl, type SslMode } from './database-url.js';
import type { EnvironmentName } from '#env/environment.js';

interface Row {
  name: string;
  url: string;
  environment?: EnvironmentName;
  connectionString: string;
  host: string;
  port?: number;
  database?: string | undefined;
  sslMode: SslMode;
  tls: false | { rejectUnauthorized: boolean; verifyHostname: boolean; caFile?: string };
  socket?: boolean;
}

const rows: Row[] = [
  {
    name: 'plain postgres:// on localhost',
    url: 'postgres://app:pw@localhost:5432/netra',
    connectionString: 'postgresql://app:pw@localhost:5432/netra',
    host: 'localhost',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'postgresql:// without port defaults to 5432',
    url: 'postgresql://app@db.internal/netra',
    connectionString: 'postgresql://app@db.internal/netra',
    host: 'db.internal',
    port: 5432,
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'asyncpg driver suffix',
    url: 'postgresql+asyncpg://app:pw@127.0.0.1:6543/netra',
    connectionString: 'postgresql://app:pw@127.0.0.1:6543/netra',
    host: '127.0.0.1',
    port: 6543,
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'psycopg2 driver suffix with sslmode=require',
    url: 'postgresql+psycopg2://app:pw@db.example.com/netra?sslmode=require',
    connectionString: 'postgresql://app:pw@db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'postgres+psycopg suffix with ssl=true (asyncpg spelling)',
    url: 'postgres+psycopg://app:pw@db.example.com/netra?ssl=true',
    connectionString: 'postgresql://app:pw@db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'ssl=1',
    url: 'postgres://db.example.com/netra?ssl=1',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'ssl=false',
    url: 'postgres://localhost/netra?ssl=false',
    connectionString: 'postgresql://localhost/netra',
    host: 'localhost',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'ssl=verify-full (asyncpg accepts sslmode names)',
    url: 'postgres://db.example.com/netra?ssl=verify-full',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'verify-full',
    tls: { rejectUnauthorized: true, verifyHostname: true },
  },
  {
    name: 'sslmode=verify-ca with a root certificate',
    url: 'postgres://db.example.com/netra?sslmode=verify-ca&sslrootcert=/etc/ssl/db-ca.pem',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'verify-ca',
    tls: { rejectUnauthorized: true, verifyHostname: false, caFile: '/etc/ssl/db-ca.pem' },
  },
  {
    name: 'sslrootcert=system uses the system store',
    url: 'postgres://db.example.com/netra?sslmode=verify-full&sslrootcert=system',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'verify-full',
    tls: { rejectUnauthorized: true, verifyHostname: true },
  },
  {
    name: 'sslmode=prefer in development connects plainly',
    url: 'postgres://db.example.com/netra?sslmode=prefer',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'prefer',
    tls: false,
  },
  {
    name: 'sslmode=allow in development connects plainly',
    url: 'postgres://db.example.com/netra?sslmode=allow',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'allow',
    tls: false,
  },
  {
    name: 'agreeing ssl and sslmode: sslmode gives the detail',
    url: 'postgres://db.example.com/netra?ssl=true&sslmode=verify-full',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'verify-full',
    tls: { rejectUnauthorized: true, verifyHostname: true },
  },
  {
    name: 'upper-case sslmode value',
    url: 'postgres://db.example.com/netra?sslmode=REQUIRE',
    connectionString: 'postgresql://db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'Cloud SQL socket via ?host= drops every SSL parameter',
    url: 'postgresql://app:pw@/netra?host=/cloudsql/proj:europe-west1:main&sslmode=require&sslrootcert=/x.pem',
    environment: 'production',
    connectionString: 'postgresql://app:pw@/netra?host=%2Fcloudsql%2Fproj%3Aeurope-west1%3Amain',
    host: '/cloudsql/proj:europe-west1:main',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
    socket: true,
  },
  {
    name: 'socket directory percent-encoded in the host',
    url: 'postgresql://app@%2Fvar%2Frun%2Fpostgresql/netra?ssl=true',
    connectionString: 'postgresql://app@/netra?host=%2Fvar%2Frun%2Fpostgresql',
    host: '/var/run/postgresql',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
    socket: true,
  },
  {
    name: 'empty host means the default socket directory',
    url: 'postgresql:///netra',
    connectionString: 'postgresql:///netra?host=%2Fvar%2Frun%2Fpostgresql',
    host: '/var/run/postgresql',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
    socket: true,
  },
  {
    name: 'IPv6 loopback',
    url: 'postgresql://app:pw@[::1]:5433/netra',
    connectionString: 'postgresql://app:pw@[::1]:5433/netra',
    host: '[::1]',
    port: 5433,
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'other parameters are kept, SSL ones removed',
    url: 'postgres://db.example.com/netra?application_name=netra&sslmode=require&connect_timeout=5',
    connectionString: 'postgresql://db.example.com/netra?application_name=netra&connect_timeout=5',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'percent-encoded password is preserved',
    url: 'postgres://app:p%40ss%3Aword@localhost/netra',
    connectionString: 'postgresql://app:p%40ss%3Aword@localhost/netra',
    host: 'localhost',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'no database name',
    url: 'postgres://app@localhost:5432',
    connectionString: 'postgresql://app@localhost:5432',
    host: 'localhost',
    database: undefined,
    sslMode: 'disable',
    tls: false,
  },
  {
    name: 'production remote without sslmode is upgraded to require',
    url: 'postgres://app:pw@db.example.com/netra',
    environment: 'production',
    connectionString: 'postgresql://app:pw@db.example.com/netra',
    host: 'db.example.com',
    database: 'netra',
    sslMode: 'require',
    tls: { rejectUnauthorized: false, verifyHostname: false },
  },
  {
    name: 'staging localhost without TLS is allowed by the resolver',
    url: 'postgres://localhost/netra?sslmode=disable',
    environment: 'staging',
    connectionString: 'postgresql://localhost/netra',
    host: 'localhost',
    database: 'netra',
    sslMode: 'disable',
    tls: false,
  },
];

describe('resolveDatabaseUrl', () => {
  it.each(rows)('$name', (row) => {
    const resolved = resolveDatabaseUrl(row.url, { environment: row.environment ?? 'development' });
    expect(resolved.connectionString).toBe(row.connectionString);
    expect(resolved.host).toBe(row.host);
    expect(resolved.port).toBe(row.port ?? resolved.port);
    expect(resolved.database).toBe(row.database);
    expect(resolved.sslMode).toBe(row.sslMode);
    expect(resolved.tls).toEqual(row.tls);
    expect(resolved.socket).toBe(row.socket ?? false);
  });

  const refused: { name: string; url: string; environment?: EnvironmentName; message: RegExp }[] = [
    { name: 'a MySQL URL', url: 'mysql://root@localhost/test', message: /must start with postgres/ },
    { name: 'not a URL at all', url: 'database please', message: /must start with postgres/ },
    { name: 'an unknown sslmode', url: 'postgres://h/db?sslmode=sometimes', message: /sslmode=sometimes/ },
    {
      name: 'contradicting ssl and sslmode',
      url: 'postgres://h/db?ssl=false&sslmode=require',
      message: /contradict/,
    },
    {
      name: 'plain remote in production',
      url: 'postgres://db.example.com/netra?sslmode=disable',
      environment: 'production',
      message: /without TLS is refused in production/,
    },
    {
      name: 'prefer on a remote host in staging',
      url: 'postgres://db.example.com/netra?sslmode=prefer',
      environment: 'staging',
      message: /without TLS is refused in staging/,
    },
  ];

  it.each(refused)('refuses $name', ({ url, environment, message }) => {
    expect(() => resolveDatabaseUrl(url, { environment: environment ?? 'development' })).toThrow(
      DatabaseUrlError,
    );
    expect(() => resolveDatabaseUrl(url, { environment: environment ?? 'development' })).toThrow(message);
  });

  it('never puts the password into the redacted form or error messages', () => {
    const resolved = resolveDatabaseUrl('postgres://app:hunter2@localhost/netra', {
      environment: 'development',
    });
    expect(resolved.redacted).toBe('postgresql://app:****@localhost/netra');
    expect(() => resolveDatabaseUrl('mysql://app:hunter2@h/db', { environment: 'development' })).toThrow(
      /^(?!.*hunter2)/,
    );
  });
});
