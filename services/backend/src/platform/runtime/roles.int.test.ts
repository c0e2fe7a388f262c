import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHotStore } from '@netra/shared/redis';
import { IsolatedEnvironment } from '@netra/shared/server';
import { fileRedisNamespace, serviceTestEnvironment, testStores } from '@netra/test-framework/stores';
import { afterAll, describe, expect, it } from 'vitest';
import { LAST_RUN_KEY } from './housekeeping.js';

const BACKEND_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(BACKEND_DIR, 'src', 'main.ts');
const STARTUP_TIMEOUT_MS = 45_000;
const { redisUrl } = testStores();
/**
 * Its own namespace: a backend of another test file that ran both roles has already scheduled
 * housekeeping in the run's, and a worker joining an existing schedule waits for its next turn.
 */
const redisNamespace = fileRedisNamespace('roles');
/** The backend's own keys, to see what its worker recorded (server mode only). */
const backendRedis = openHotStore({ url: redisUrl, keyPrefix: `${redisNamespace}:backend:` });

afterAll(() => backendRedis.close());

interface LogLine {
  msg?: string;
  address?: string;
}

interface BackendProcess {
  child: ChildProcess;
  lines: LogLine[];
  baseUrl: string;
}

function collectLines(child: ChildProcess, lines: LogLine[]): void {
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (buffered + chunk.toString('utf8')).split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ msg: part });
      }
    }
  });
}

function listening(child: ChildProcess, lines: LogLine[], stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const address = lines.find((line) => line.msg === 'backend listening')?.address;
      if (address !== undefined) {
        clearInterval(poll);
        resolve(address);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`backend exited (code ${String(code)}) before listening:\n${stderr()}`));
    });
  });
}

/** Starts `src/main.ts --roles <roles>` on the run's stores, on a free port, and waits until it listens. */
async function startBackend(roles: string): Promise<BackendProcess> {
  const env = serviceTestEnvironment({
    overrides: { PORT: '0', LOG_LEVEL: 'info', REDIS_NAMESPACE: redisNamespace },
  }).layeredOver(IsolatedEnvironment.fromProcess({ dotenv: false }));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN, '--roles', roles], {
    cwd: BACKEND_DIR,
    env: env.toRecord(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines: LogLine[] = [];
  collectLines(child, lines);
  try {
    return { child, lines, baseUrl: await listening(child, lines, () => stderr) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** SIGTERM, as an orchestrator stops a process; resolves with the exit code. */
function stop(backend: BackendProcess): Promise<number | null> {
  const { child } = backend;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

function messages(backend: BackendProcess): (string | undefined)[] {
  return backend.lines.map((line) => line.msg);
}

function ingest(baseUrl: string): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[]',
  });
}

describe('backend roles as processes', { timeout: STARTUP_TIMEOUT_MS * 2 }, () => {
  it('--roles worker runs housekeeping and answers health and metrics, and nothing else', async () => {
    const backend = await startBackend('worker');
    try {
      await expect
        .poll(() => messages(backend), { timeout: STARTUP_TIMEOUT_MS })
        .toContain('housekeeping ran');
      expect(messages(backend)).toContain('worker started');
      if (redisUrl !== undefined) {
        expect(JSON.parse((await backendRedis.get(LAST_RUN_KEY)) ?? '{}')).toMatchObject({
          outcomes: [
            { task: 'purge-ended-invitations', ok: true },
            { task: 'enforce-usage-retention', ok: true },
          ],
        });
      }
      expect((await fetch(`${backend.baseUrl}/health/ready`)).status).toBe(200);
      // The runs' figures are recorded where they execute: Prometheus scrapes the worker too.
      const metrics = await fetch(`${backend.baseUrl}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('netra_run_tier_write_seconds');
      expect((await ingest(backend.baseUrl)).status).toBe(404);
    } finally {
      // Closing waits for the worker and the queue before the stores, and exits cleanly.
      expect(await stop(backend)).toBe(0);
    }
  });

  it('--roles api serves the routes and starts no worker', async () => {
    await backendRedis.delete(LAST_RUN_KEY);
    const backend = await startBackend('api');
    try {
      expect(messages(backend)).not.toContain('worker started');
      expect((await ingest(backend.baseUrl)).status).toBe(401);
      expect((await fetch(`${backend.baseUrl}/health/ready`)).status).toBe(200);
    } finally {
      expect(await stop(backend)).toBe(0);
    }
    expect(messages(backend)).not.toContain('housekeeping ran');
    expect(await backendRedis.get(LAST_RUN_KEY)).toBeNull();
  });
});
