import { isDeployedEnvironment, type EnvironmentName } from '#env/environment.js';
import { maskUrlPassword } from '#env/secrets.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** TLS settings the Node driver needs; `false` means a plain connection. */
export type DatabaseTls =
  | false
  | {
      /** Verify the server certificate chain. */
      rejectUnauthorized: boolean;
      /** Also check that the certificate names the host (verify-full). */
      verifyHostname: boolean;
      caFile?: string;
      certFile?: string;
      keyFile?: string;
    };

export interface ResolvedDatabaseUrl {
  /** `postgresql://…` with every SSL parameter removed (the driver gets `tls` instead). */
  connectionString: string;
  host: string;
  port: number;
  database: string | undefined;
  user: string | undefined;
  password: string | undefined;
  /** Connected through a Unix-domain socket directory such as `/cloudsql/…`. */
  socket: boolean;
  /** Points at this machine (or a socket): TLS is not required. */
  local: boolean;
  sslMode: SslMode;
  tls: DatabaseTls;
  /** For logs: the password masked. */
  redacted: string;
}

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

const SCHEME = /^(postgres|postgresql)(\+[a-z0-9_]+)?:\/\//i;
const SSL_PARAMS = [
  'ssl',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'sslpassword',
  'sslcrl',
  'sslnegotiation',
];
const SOCKET_PLACEHOLDER = 'socket.invalid';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** `ssl=` spellings (asyncpg, JDBC, node-postgres) mapped onto libpq `sslmode` values. */
function sslParamToMode(value: string): SslMode {
  const lowered = value.toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(lowered)) {
    return 'require';
  }
  if (['false', '0', 'off', 'no'].includes(lowered)) {
    return 'disable';
  }
  return parseSslMode('ssl', lowered);
}

function parseSslMode(param: string, value: string): SslMode {
  const lowered = value.toLowerCase();
  if ((SSL_MODES as readonly string[]).includes(lowered)) {
    return lowered as SslMode;
  }
  throw new DatabaseUrlError(`${param}=${value} is not one of ${SSL_MODES.join(', ')}`);
}

/** `sslmode` wins over `ssl` only when they agree on whether TLS is used at all. */
function reconcileModes(ssl: SslMode | undefined, sslmode: SslMode | undefined): SslMode | undefined {
  if (ssl === undefined || sslmode === undefined) {
    return sslmode ?? ssl;
  }
  const usesTls = (mode: SslMode) => mode !== 'disable';
  if (usesTls(ssl) !== usesTls(sslmode)) {
    throw new DatabaseUrlError(
      `ssl and sslmode contradict each other (ssl means ${ssl}, sslmode=${sslmode})`,
    );
  }
  return sslmode;
}

function parseAuthority(raw: string): URL {
  const match = SCHEME.exec(raw);
  if (match === null) {
    throw new DatabaseUrlError(
      `database URL must start with postgres:// or postgresql:// (got ${maskUrlPassword(raw).slice(0, 40)})`,
    );
  }
  let rest = raw.slice(match[0].length);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  if (authority === '' || authority.endsWith('@')) {
    // libpq allows an empty host (socket via ?host=); WHATWG URLs do not, so parse with a placeholder.
    rest = authority + SOCKET_PLACEHOLDER + rest.slice(authority.length);
  }
  try {
    return new URL(`postgresql://${rest}`);
  } catch {
    throw new DatabaseUrlError('database URL is not a valid URL');
  }
}

function decode(value: string): string | undefined {
  return value === '' ? undefined : decodeURIComponent(value);
}

interface Target {
  host: string;
  socket: boolean;
}

function resolveTarget(url: URL): Target {
  const hostParam = url.searchParams.get('host');
  const urlHost = decodeURIComponent(url.hostname);
  const host = hostParam ?? (urlHost === SOCKET_PLACEHOLDER ? '' : urlHost);
  if (host === '') {
    return { host: '/var/run/postgresql', socket: true };
  }
  return { host, socket: host.startsWith('/') };
}

function tlsFor(mode: SslMode, params: URLSearchParams): DatabaseTls {
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') {
    // node-postgres cannot fall back between plain and TLS, so the opportunistic modes connect plainly.
    return false;
  }
  const files = {
    ...(params.get('sslrootcert') !== null && params.get('sslrootcert') !== 'system'
      ? { caFile: params.get('sslrootcert') as string }
      : {}),
    ...(params.get('sslcert') !== null ? { certFile: params.get('sslcert') as string } : {}),
    ...(params.get('sslkey') !== null ? { keyFile: params.get('sslkey') as string } : {}),
  };
  return {
    rejectUnauthorized: mode !== 'require',
    verifyHostname: mode === 'verify-full',
    ...files,
  };
}

function chooseMode(explicit: SslMode | undefined, local: boolean, environment: EnvironmentName): SslMode {
  if (explicit !== undefined) {
    return explicit;
  }
  // libpq's default is "prefer"; deployed environments upgrade an unspecified remote to TLS.
  if (!local && isDeployedEnvironment(environment)) {
    return 'require';
  }
  return 'disable';
}

function buildConnectionString(url: URL, target: Target): string {
  const params = new URLSearchParams(url.searchParams);
  for (const name of SSL_PARAMS) {
    params.delete(name);
  }
  const auth = url.username === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  if (target.socket) {
    params.set('host', target.host);
  }
  const host = target.socket ? '' : url.host;
  const query = params.toString();
  return `postgresql://${auth}${host}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

export interface ResolveOptions {
  environment: EnvironmentName;
}

function explicitMode(params: URLSearchParams): SslMode | undefined {
  const ssl = params.get('ssl');
  const sslmode = params.get('sslmode');
  return reconcileModes(
    ssl === null ? undefined : sslParamToMode(ssl),
    sslmode === null ? undefined : parseSslMode('sslmode', sslmode),
  );
}

function refusePlainRemote(
  tls: DatabaseTls,
  local: boolean,
  sslMode: SslMode,
  environment: EnvironmentName,
): void {
  if (tls === false && !local && isDeployedEnvironment(environment)) {
    throw new DatabaseUrlError(
      `a remote database without TLS is refused in ${environment} (sslmode=${sslMode}); use sslmode=require or stricter`,
    );
  }
}

/**
 * Normalizes a PostgreSQL URL for the Node driver: accepts `postgres://`, `postgresql://` and
 * driver-suffixed schemes, reconciles `ssl=` with `sslmode=`, drops every SSL parameter for
 * Unix-socket hosts, and refuses a plain-text remote connection in staging and production.
 */
export function resolveDatabaseUrl(raw: string, options: ResolveOptions): ResolvedDatabaseUrl {
  const url = parseAuthority(raw.trim());
  const target = resolveTarget(url);
  const local = target.socket || LOCAL_HOSTS.has(target.host);
  const explicit = explicitMode(url.searchParams);
  const sslMode = target.socket ? 'disable' : chooseMode(explicit, local, options.environment);
  const tls = target.socket ? false : tlsFor(sslMode, url.searchParams);
  refusePlainRemote(tls, local, sslMode, options.environment);
  const connectionString = buildConnectionString(url, target);
  return {
    connectionString,
    host: target.host,
    port: url.port === '' ? 5432 : Number(url.port),
    database: decode(url.pathname.replace(/^\//, '')),
    user: decode(url.username),
    password: decode(url.password),
    socket: target.socket,
    local,
    sslMode,
    tls,
    redacted: maskUrlPassword(connectionString),
  };
}

/** The database name of a URL, for safety checks such as "is this a test database". */
export function databaseNameOf(raw: string): string | undefined {
  return resolveDatabaseUrl(raw, { environment: 'development' }).database;
}
