import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readinessSchema } from '@netra/shared';
import { launchChromium } from '@netra/test-framework/browser';
import {
  launchPlatform,
  PLATFORM_START_TIMEOUT_MS,
  signal,
  type LaunchedPlatform,
} from '@netra/test-framework/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readServicesFile, servicesFilePath, type ServicesFile } from '#discovery/services-file.js';

/**
 * `npm start` exactly as a developer runs it, with every default port taken: the whole platform
 * comes up on free ports, the browser finds the backend and auth where the launcher put them, and
 * Ctrl-C (SIGINT to the process group) leaves nothing behind.
 */
const DEFAULT_PORTS = { auth: 8081, backend: 8000, frontend: 3000 };
const NAMES = ['auth', 'backend', 'frontend'] as const;
const servers: Server[] = [];
let dataDir = '';
let npmPid: number | undefined;

async function cleanUp(): Promise<void> {
  // Only finds something still running when the test failed half-way.
  const file = readServicesFile(servicesFilePath(dataDir));
  for (const pid of [
    npmPid,
    file?.launcher_pid,
    ...Object.values(file?.services ?? {}).map((entry) => entry.pid),
  ]) {
    if (pid !== undefined) {
      signal(-pid, 'SIGKILL');
      signal(pid, 'SIGKILL');
    }
  }
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dataDir, { recursive: true, force: true });
}

/** Holds `port` on 0.0.0.0 unless something already holds it; either way it is taken afterwards. */
async function takePort(port: number): Promise<void> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '0.0.0.0', () => {
      resolve(true);
    });
  });
  if (listening) {
    servers.push(server);
  }
}

async function waitFor<T>(what: () => string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) {
        throw new Error(`gave up waiting for ${what()}`);
      }
      return value;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

async function expectServedOnMovedPorts(file: ServicesFile): Promise<void> {
  expect(Object.keys(file.services).sort()).toEqual([...NAMES]);
  for (const name of NAMES) {
    const entry = file.services[name]!;
    expect(entry.port).not.toBe(DEFAULT_PORTS[name]);
    expect(entry.url).toBe(`http://127.0.0.1:${entry.port}`);
    expect(signal(entry.pid, 0)).toBe(true);
    const response = await fetch(`${entry.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(readinessSchema.parse(await response.json()).service).toBe(name);
  }
}

/** The status page, in Chromium, shows both services ready at the URLs the launcher chose. */
async function expectBrowserFindsServices(file: ServicesFile): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${file.services.frontend!.url}/status`);
    for (const name of ['backend', 'auth'] as const) {
      const card = page.locator(`[data-service="${name}"][data-state="ready"]`);
      await card.waitFor({ timeout: 30_000 });
      expect((await card.locator('[data-url]').textContent())?.trim()).toBe(file.services[name]!.url);
      const rows = await card.locator('tr[data-tier]').all();
      const modes = await Promise.all(rows.map((row) => row.getAttribute('data-mode')));
      expect(modes.length).toBeGreaterThan(0);
      expect(new Set(modes)).toEqual(new Set(['embedded']));
    }
  } finally {
    await browser.close();
  }
}

async function expectCtrlCLeavesNothing(platform: LaunchedPlatform, file: ServicesFile) {
  await platform.stop();
  expect(platform.output()).toContain('received SIGINT, stopping services');
  expect(platform.output()).toContain('all services stopped');
  expect(existsSync(servicesFilePath(dataDir))).toBe(false);
  const servicePids = NAMES.map((name) => file.services[name]!.pid);
  const candidates = [npmPid!, file.launcher_pid, ...servicePids, ...servicePids.map((pid) => -pid)];
  const alive = () => candidates.filter((pid) => signal(pid, 0));
  // Orphans stay visible as zombies until init reaps them; give that a moment before judging.
  await waitFor(
    () => 'every process to be gone',
    () => (alive().length === 0 ? true : undefined),
    5_000,
  ).catch(() => undefined);
  expect(alive()).toEqual([]);
}

describe('npm start (the whole platform)', () => {
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'netra-launcher-e2e-'));
  });
  afterAll(cleanUp);

  it(
    'serves every service on free ports when the defaults are taken, the browser follows, and SIGINT leaves no process behind',
    async () => {
      await Promise.all(NAMES.map((name) => takePort(DEFAULT_PORTS[name])));
      const platform = await launchPlatform({
        dataDir,
        overrides: {
          AUTH_PORT: String(DEFAULT_PORTS.auth),
          BACKEND_PORT: String(DEFAULT_PORTS.backend),
          FRONTEND_PORT: String(DEFAULT_PORTS.frontend),
        },
      });
      npmPid = platform.npmPid;
      const file = platform.services;
      expect(signal(file.launcher_pid, 0)).toBe(true);
      await expectServedOnMovedPorts(file);
      await expectBrowserFindsServices(file);
      await expectCtrlCLeavesNothing(platform, file);
    },
    PLATFORM_START_TIMEOUT_MS + 60_000,
  );
});
