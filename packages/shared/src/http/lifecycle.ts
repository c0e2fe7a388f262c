import type { FastifyInstance } from 'fastify';
import { ConfigError } from '#config/config-spec.js';

export interface ListenOptions {
  host: string;
  port: number;
}

type Closer = () => Promise<void>;

/**
 * Listens, then closes the server and the given resources (in order) on SIGINT/SIGTERM so
 * in-flight requests finish and stores flush before the process exits.
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
    void shutdown(app, closers).then((code) => process.exit(code));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return address;
}

async function shutdown(app: FastifyInstance, closers: Closer[]): Promise<number> {
  let code = 0;
  try {
    await app.close();
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
