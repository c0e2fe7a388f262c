import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { livenessSchema } from '@netra/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@netra/test-framework/browser';
import { currentBuildId, ensureFrontendBuilt } from './e2e/build';
import { startFrontend, type RunningFrontend } from './e2e/next-server';
import { FRONTEND_DIR } from './e2e/paths';
import { freePort } from '@netra/test-framework/ports';
import { embeddedAuth, embeddedBackend, serverBackend } from './e2e/readiness-fixtures';
import { collectPageErrors, readServiceCard, waitForServiceState } from './e2e/status-page';
import { startStubService, type StubService } from './e2e/stub-service';
import { frontendReadinessSchema } from './server/readiness';

let buildId: string;
let browser: Browser;
const stubs: StubService[] = [];
let frontend: RunningFrontend | undefined;
let currentPage: Page | undefined;

async function stub(...args: Parameters<typeof startStubService>): Promise<StubService> {
  const started = await startStubService(...args);
  stubs.push(started);
  return started;
}

/** Starts `next start` on a free port, the same build every time, with the given service URLs. */
async function startWith(backendUrl: string, authUrl: string): Promise<RunningFrontend> {
  const port = await freePort();
  frontend = await startFrontend(port, {
    ENVIRONMENT: 'test',
    PORT: String(port),
    FRONTEND_URL: `http://127.0.0.1:${port}`,
    BACKEND_URL: backendUrl,
    AUTH_SERVICE_URL: authUrl,
  });
  return frontend;
}

function browserRequests(service: StubService, origin: string) {
  return service.requests.filter((request) => request.path === '/health/ready' && request.origin === origin);
}

beforeAll(async () => {
  buildId = await ensureFrontendBuilt();
  browser = await launchChromium();
});

async function stopFrontend(): Promise<void> {
  await currentPage?.close();
  currentPage = undefined;
  await frontend?.stop();
  frontend = undefined;
}

/** Opens the status page in a new tab; returns the page errors it collects. */
async function openStatusPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await browser.newPage();
  currentPage = opened;
  const errors = collectPageErrors(opened);
  await opened.goto(`${url}/status`);
  return { page: opened, errors };
}

afterEach(stopFrontend);

afterAll(async () => {
  await browser.close();
  await Promise.all(stubs.map((service) => service.close()));
});

describe('platform status page (next start + Chromium)', () => {
  it('shows each service, its state and every store tier with mode and engine', async () => {
    const backend = await stub(embeddedBackend);
    const auth = await stub(embeddedAuth);
    const { url } = await startWith(backend.url, auth.url);
    const { page, errors } = await openStatusPage(url);

    await waitForServiceState(page, 'backend', 'ready');
    await waitForServiceState(page, 'auth', 'ready');
    expect(await readServiceCard(page, 'backend')).toEqual({
      state: 'ready',
      url: backend.url,
      tiers: [
        { name: 'postgres', mode: 'embedded', engine: 'pglite' },
        { name: 'redis', mode: 'embedded', engine: 'memory' },
        { name: 'clickhouse', mode: 'embedded', engine: 'chdb' },
      ],
    });
    const authModes = (await readServiceCard(page, 'auth')).tiers.map((tier) => tier.mode);
    expect(authModes).toEqual(['embedded', 'embedded']);
    expect(await page.getByRole('heading', { name: 'Platform status' }).isVisible()).toBe(true);
    expect(await page.getByRole('status').textContent()).toBe('All services ready');
    expect(browserRequests(auth, url).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('serves its own health endpoints with the shared wire schemas', async () => {
    const backend = await stub(embeddedBackend);
    const { url } = await startWith(backend.url, `http://127.0.0.1:${await freePort()}`);

    const liveness = livenessSchema.parse(await (await fetch(`${url}/health`)).json());
    expect(liveness).toMatchObject({ status: 'ok', service: 'frontend' });
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    const readiness = frontendReadinessSchema.parse(await response.json());
    expect(readiness).toMatchObject({ status: 'ready', service: 'frontend', environment: 'test', tiers: {} });
    expect(readiness.upstreams.backend).toEqual({ url: backend.url, reachable: true, status: 'ready' });
    expect(readiness.upstreams.auth?.reachable).toBe(false);
  });

  it('follows a BACKEND_URL changed between starts, without a rebuild', async () => {
    const firstBackend = await stub(embeddedBackend);
    const movedBackend = await stub(serverBackend);
    const auth = await stub(embeddedAuth);
    const before = await startWith(firstBackend.url, auth.url);
    await waitForServiceState((await openStatusPage(before.url)).page, 'backend', 'ready');
    expect(browserRequests(firstBackend, before.url).length).toBeGreaterThan(0);
    await stopFrontend();
    const callsToFirst = firstBackend.requests.length;

    const after = await startWith(movedBackend.url, auth.url);
    const { page } = await openStatusPage(after.url);
    // The server renders the URLs into the page, so a build-time value would show up right here.
    expect((await readServiceCard(page, 'backend')).url).toBe(movedBackend.url);
    await waitForServiceState(page, 'backend', 'ready');
    const modes = (await readServiceCard(page, 'backend')).tiers.map((tier) => tier.mode);
    expect(modes).toEqual(['server', 'server', 'server']);
    expect(browserRequests(movedBackend, after.url).length).toBeGreaterThan(0);
    expect(firstBackend.requests).toHaveLength(callsToFirst);
    expect(currentBuildId()).toBe(buildId);
  });

  it('shows an unreachable service clearly and recovers on "Retry now"', async () => {
    const backend = await stub(embeddedBackend);
    const authPort = await freePort();
    const { url } = await startWith(backend.url, `http://127.0.0.1:${authPort}`);
    const { page } = await openStatusPage(url);

    await waitForServiceState(page, 'auth', 'unreachable');
    expect(await page.locator('[data-service="auth"]').textContent()).toContain('No answer from');
    expect(await page.getByRole('status').textContent()).toBe('1 service needs attention');
    await stub(embeddedAuth, authPort);
    await page.locator('[data-service="auth"]').getByRole('button', { name: 'Retry now' }).click();
    await waitForServiceState(page, 'auth', 'ready');
  });

  it('keeps server-only code and service URLs out of browser bundles', () => {
    const staticDir = join(FRONTEND_DIR, '.next', 'static');
    const scripts = readdirSync(staticDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.js'),
    );
    const shipped = scripts.map((file) => readFileSync(join(staticDir, file), 'utf8')).join('\n');
    expect(scripts.length).toBeGreaterThan(0);
    // Strings only @netra/shared/server and the frontend config contain, and the default URLs.
    for (const marker of [
      'must not point at localhost',
      'invalid configuration',
      '127.0.0.1:8000',
      '127.0.0.1:8081',
    ]) {
      expect(shipped).not.toContain(marker);
    }
  });
});
