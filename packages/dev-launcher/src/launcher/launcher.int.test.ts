import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readServicesFile, servicesFilePath, type ServicesFile } from '#discovery/services-file.js';

/**
 * These tests run the real launcher (fixtures/fake-launcher.ts) as a child process against
 * fixtures/fake-service.mjs, and check the process table afterwards.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const FAKE_LAUNCHER = fileURLToPath(new URL('../fixtures/fake-launcher.ts', import.meta.url));

/** Mirrors FakeStack in fixtures/fake-launcher.ts. */
interface FakeServiceSpec {
  name: string;
  dependsOn: string[];
  urlVariable: string;
  preferredPort: number;
  flags: string[];
}

interface Launch {
  pid: number;
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
}

let root: string;
let dataDir: string;
let pidDir: string;
const launches: Launch[] = [];
const servers: Server[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'netra-launcher-'));
  dataDir = join(root, '.netra');
  pidDir = root;
});

afterEach(async () => {
  // A failed test must not leave its launcher or services running.
  for (const launch of launches.splice(0)) {
    launch.kill('SIGKILL');
  }
  for (const pid of allPids(['auth', 'backend'])) {
    kill(pid, 'SIGKILL');
  }
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(root, { recursive: true, force: true });
});

function service(name: string, dependsOn: string[], urlVariable: string, port: number, flags: string[]) {
  return { name, dependsOn, urlVariable, preferredPort: port, flags: [...flags, '--pid-dir', pidDir] };
}

const auth = (flags: string[] = [], port = 0) => service('auth', [], 'AUTH_SERVICE_URL', port, flags);
const backend = (flags: string[] = [], port = 0) => service('backend', ['auth'], 'BACKEND_URL', port, flags);

function launch(services: FakeServiceSpec[], argv: string[] = [], stopGraceMs = 5_000): Launch {
  const stack = { rootDir: root, argv, services, env: {}, stopGraceMs };
  const args = ['--conditions=source', '--import', 'tsx', FAKE_LAUNCHER, JSON.stringify(stack)];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const running: Launch = {
    pid: child.pid!,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
  };
  launches.push(running);
  return running;
}

async function occupy(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

/** Polls until `probe` returns a value; bounded so a broken launcher fails the test instead of hanging it. */
async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) {
        throw new Error(`gave up waiting for ${what}`);
      }
      return value;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

function servicesWhen(condition: (file: ServicesFile) => boolean): () => ServicesFile | undefined {
  return () => {
    const file = readServicesFile(servicesFilePath(dataDir));
    return file !== undefined && condition(file) ? file : undefined;
  };
}

const allReady = (names: string[]) => (file: ServicesFile) =>
  names.every((name) => file.services[name]?.ready === true);

/** Service and grandchild pids the fake services wrote to the pid directory. */
function allPids(names: string[]): number[] {
  return names.flatMap((name) => {
    const path = join(pidDir, `${name}.json`);
    if (!existsSync(path)) {
      return [];
    }
    const pids = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; grandchild_pid: number | null };
    return pids.grandchild_pid === null ? [pids.pid] : [pids.pid, pids.grandchild_pid];
  });
}

function kill(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pids that are still alive once reaping has had its chance (an orphan stays visible to
 * kill(pid, 0) as a zombie until init reaps it, which can take a moment).
 */
async function survivors(pids: number[]): Promise<number[]> {
  const alive = () => pids.filter((pid) => kill(pid, 0));
  await waitFor('processes to disappear', () => (alive().length === 0 ? true : undefined), 5_000).catch(
    () => false,
  );
  return alive();
}

describe('launcher with fake services', () => {
  it('starts services in order on free ports, publishes them, and SIGINT stops every process', async () => {
    const taken = await occupy('0.0.0.0');
    const running = launch([
      auth(['--grandchild', '--ready-after-ms', '300'], taken),
      backend(['--grandchild']),
    ]);
    const file = await waitFor('both services ready', servicesWhen(allReady(['auth', 'backend'])));
    const { auth: authEntry, backend: backendEntry } = file.services;

    expect(file.launcher_pid).toBe(running.pid);
    expect(authEntry!.port).not.toBe(taken);
    expect(authEntry!.url).toBe(`http://127.0.0.1:${authEntry!.port}`);
    for (const entry of [authEntry!, backendEntry!]) {
      expect((await fetch(`${entry.url}/health/ready`)).status).toBe(200);
    }
    const env = (await (await fetch(`${backendEntry!.url}/env`)).json()) as Record<string, unknown>;
    expect(env).toMatchObject({
      PORT: String(backendEntry!.port),
      AUTH_SERVICE_URL: authEntry!.url,
      BACKEND_URL: backendEntry!.url,
      NETRA_DATA_DIR: dataDir,
      DATABASE_URL: null,
    });

    const stdout = running.stdout();
    expect(stdout).toContain(`auth: port ${taken} is in use, using ${authEntry!.port}`);
    expect(stdout).toContain(`✓ auth ready on ${authEntry!.url} (fakestore: embedded/fake-engine)`);
    expect(stdout.indexOf('✓ auth ready')).toBeLessThan(stdout.indexOf('◌ backend starting…'));
    expect(stdout).toMatch(/^auth\s+│ \d\d:\d\d:\d\d\.\d{3} INFO {2}listening port=\d+$/m);

    const pids = [running.pid, ...allPids(['auth', 'backend'])];
    expect(pids).toHaveLength(5);
    running.kill('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('received SIGINT, stopping services');
    expect(existsSync(servicesFilePath(dataDir))).toBe(false);
    expect(await survivors(pids)).toEqual([]);
  });

  it('stops the others and exits 1 with the reason when a service crashes', async () => {
    const running = launch([auth(['--grandchild']), backend(['--grandchild', '--crash-after-ms', '1000'])]);

    expect(await running.exited).toBe(1);
    expect(running.stderr()).toContain('✗ backend exited with code 3');
    expect(running.stderr()).toContain('Error: simulated failure in backend');
    expect(running.stdout()).toContain('auth stopped');
    expect(existsSync(servicesFilePath(dataDir))).toBe(false);
    expect(await survivors(allPids(['auth', 'backend']))).toEqual([]);
  });

  it('gives up on a service that never gets ready and kills one that ignores SIGTERM', async () => {
    const services = [auth(['--grandchild', '--ignore-sigterm']), backend(['--grandchild', '--never-ready'])];
    const running = launch(services, ['--ready-timeout', '1'], 500);

    expect(await running.exited).toBe(1);
    expect(running.stderr()).toContain('✗ backend did not become ready within 1s');
    expect(running.stderr()).toContain('last answer from backend: HTTP 503 (fakestore: warming up)');
    expect(running.stdout()).toContain('auth did not stop within 0.5s, killed');
    expect(await survivors(allPids(['auth', 'backend']))).toEqual([]);
  });

  it('leaves nothing behind when stopped while still waiting for readiness', async () => {
    const running = launch([auth(['--grandchild']), backend(['--grandchild', '--never-ready'])]);
    await waitFor(
      'backend to be spawned',
      servicesWhen((file) => file.services.backend !== undefined),
    );
    await waitFor('backend pids', () => (allPids(['backend']).length === 2 ? true : undefined));

    running.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('received SIGTERM');
    expect(await survivors([running.pid, ...allPids(['auth', 'backend'])])).toEqual([]);
  });

  it('starts only the selected services and rejects unknown names with exit code 2', async () => {
    const subset = launch([auth(), backend()], ['--services', 'backend']);
    await waitFor('backend ready', servicesWhen(allReady(['backend'])));
    expect(Object.keys(readServicesFile(servicesFilePath(dataDir))!.services)).toEqual(['backend']);
    subset.kill('SIGINT');
    expect(await subset.exited).toBe(0);

    const unknown = launch([auth(), backend()], ['--services', 'auth,billing']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toContain('unknown service "billing"; known services: auth, backend');
    expect(existsSync(join(pidDir, 'auth.json'))).toBe(false);
  });
});
