/**
 * Starts one of Netra's services as a real child process from its sources, the way the launcher runs
 * it (own process, own port, readiness polled), so integration and e2e tests talk to it over HTTP.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IsolatedEnvironment } from '@netra/shared/server';
import { findRepoRoot } from '#runner/root.js';

export interface RunningService {
  url: string;
  /** The process id (e.g. to read its CPU time); undefined only if the spawn failed. */
  pid: number | undefined;
  /** What the process printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  service: 'auth' | 'backend';
  /** The service's configuration (e.g. from `serviceTestEnvironment`); PORT and HOST are chosen here. */
  environment: IsolatedEnvironment;
  args?: string[];
  /** Options for node itself, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

/** Variables the child must take only from `environment`, never inherit from the test runner. */
const OWNED = ['DATABASE_URL', 'AUTH_DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_URL', 'REDIS_NAMESPACE'];

function childEnvironment(environment: IsolatedEnvironment, port: number): Record<string, string> {
  const inherited = IsolatedEnvironment.fromProcess().toRecord();
  for (const name of OWNED) {
    // Deleting a key of a plain record built for this call.
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete inherited[name];
  }
  return { ...inherited, ...environment.toRecord(), PORT: String(port), HOST: '127.0.0.1' };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
      });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`service exited with ${child.exitCode} before it was ready:\n${output()}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`service not ready after ${timeoutMs} ms:\n${output()}`);
}

export async function startServiceProcess(options: StartServiceOptions): Promise<RunningService> {
  const root = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));
  const port = await freePort();
  const main = join(root, 'services', options.service, 'src', 'main.ts');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--conditions=source', '--import', 'tsx', main, ...(options.args ?? [])],
    {
      cwd: root,
      env: childEnvironment(options.environment, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  try {
    await waitReady(url, child, () => printed, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, output: () => printed, stop };
}
