/**
 * Whether an error says that something the request depends on (PostgreSQL, Redis, another service)
 * could not be reached, rather than that the request or the code is wrong: the service then answers
 * 503 with a retry hint instead of a 500. Drivers say it in their own words: Node's socket codes,
 * ioredis giving up on a command while it reconnects, pg losing or not getting a connection.
 * @module
 */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const DRIVER_MESSAGES: readonly RegExp[] = [
  // ioredis: a command given up after its retries, or sent on a connection closed for good.
  /max retries per request limit/i,
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  // pg: the server went away, or the pool could not connect in time.
  /^Connection terminated/,
  /timeout exceeded when trying to connect/i,
];

const MAX_DEPTH = 4;

function describesUnreachable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) {
    return false;
  }
  const { code, message, name, cause } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return true;
  }
  if (name === 'MaxRetriesPerRequestError') {
    return true;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) {
    return true;
  }
  const inner = error instanceof AggregateError ? error.errors : [cause];
  return inner.some((item) => describesUnreachable(item, depth + 1));
}

export function isDependencyUnreachable(error: unknown): boolean {
  return describesUnreachable(error, 0);
}
