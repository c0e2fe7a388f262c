import type { FastifyInstance } from 'fastify';
import { ConfigError } from '#config/config-spec.js';

export interface ListenOptions {
  host: string;
  port: number;
  /**
   * Longest a shutdown waits for requests in flight (default 8 s, inside the dev launcher's 10 s
   * grace and Kubernetes' 30 s); connections still busy then are closed.
   */
  drainTimeoutMs?: number;
}

type Closer = () => Promise<void>;

const DEFAULT_DRAIN_TIMEOUT_MS = 8_000;

/**
 * Listens, then on SIGINT/SIGTERM drains: the listener closes at once (new connections are refused),
 * requests in flight finish and are answered (createServiceApp answers any new request on an open
 * connection 503 `shutting_down`), then the given resources close in order (stores flush) and the
 * process exits. A second signal ends the process at once.
 */
export async function serve(
  app: FastifyInstance,
  listen: ListenOptions,
  closers: Closer[] = [],
): Promise<string> {
  const address = await app.listen({ host: listen.host, port: listen.port });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const drainTimeoutMs = listen.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    void shutdown(app, closers, drainTimeoutMs).then((code) => process.exit(code));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return address;
}

/** Closes the app, cutting the connections still busy at the deadline so a stuck client cannot hold the exit. */
async function drain(app: FastifyInstance, drainTimeoutMs: number): Promise<void> {
  const deadline = setTimeout(() => {
    app.log.warn({ drain_timeout_ms: drainTimeoutMs }, 'requests still in flight at the drain deadline');
    app.server.closeAllConnections();
  }, drainTimeoutMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}

async function shutdown(app: FastifyInstance, closers: Closer[], drainTimeoutMs: number): Promise<number> {
  let code = 0;
  try {
    await drain(app, drainTimeoutMs);
    app.log.info('requests drained');
  } catch (error) {
    app.log.error({ err: error }, 'closing the HTTP server failed');
    code = 1;
  }
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      app.log.error({ err: error }, 'closing a resource failed');
      code = 1;
    }
  }
  return code;
}

/** An error with its chain of causes: drivers wrap the reason that matters (e.g. ECONNREFUSED). */
export function describeFailure(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && lines.length < 5) {
    lines.push(lines.length === 0 ? (current.stack ?? current.message) : `caused by: ${current.message}`);
    current = current.cause;
  }
  return lines.length === 0 ? String(error) : lines.join('\n');
}

/**
 * Runs a service's main function. A configuration error prints every problem and exits 1;
 * any other start-up failure prints its message and exits 1.
 */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${service} failed to start: ${describeFailure(error)}\n`);
    }
    process.exit(1);
  });
}

/** Something that holds a connection or handle and must be released at shutdown. */
export interface Closable {
  close(): Promise<void>;
}

/** Closes resources in reverse order of opening; every one is attempted, the first failure is rethrown. */
export async function closeAll(resources: readonly Closable[]): Promise<void> {
  const results = await Promise.allSettled([...resources].reverse().map((resource) => resource.close()));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
}
