import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { livenessSchema, readinessSchema } from '@netra/shared';
import { z } from 'zod';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, keepScreenshot, test } from './fixtures.js';

const FRONTEND_DIR = join(import.meta.dirname, '..');
const frontendReadinessSchema = readinessSchema.extend({
  upstreams: z.record(
    z.string(),
    z.object({ url: z.string(), reachable: z.boolean(), status: z.string().optional() }),
  ),
});

function card(page: Page, service: string) {
  return page.locator(`[data-service="${service}"]`);
}

async function tiersOf(page: Page, service: string) {
  const rows = await card(page, service).locator('tr[data-tier]').all();
  return Promise.all(
    rows.map(async (row) => ({
      name: await row.getAttribute('data-tier'),
      mode: await row.getAttribute('data-mode'),
      engine: ((await row.locator('td').nth(1).textContent()) ?? '').trim(),
    })),
  );
}

test.describe('platform status page', () => {
  test('shows every service of the launched platform ready, each store tier with its mode and engine', async ({
    page,
    stack,
  }) => {
    await page.goto('/status');
    await expect(card(page, 'backend')).toHaveAttribute('data-state', 'ready');
    await expect(card(page, 'auth')).toHaveAttribute('data-state', 'ready');
    await expect(card(page, 'backend').locator('[data-url]')).toHaveText(stack.backend);
    await expect(card(page, 'auth').locator('[data-url]')).toHaveText(stack.auth);
    expect(await tiersOf(page, 'backend')).toEqual([
      { name: 'postgres', mode: 'embedded', engine: 'pglite' },
      { name: 'redis', mode: 'embedded', engine: 'in-process' },
      { name: 'clickhouse', mode: 'embedded', engine: 'chdb' },
    ]);
    expect((await tiersOf(page, 'auth')).map((tier) => tier.mode)).toEqual(['embedded', 'embedded']);
    await expect(page.getByRole('heading', { name: 'Platform status' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('All services ready');
    await keepScreenshot(page, 'status');
    await expectAccessible(page);
  });

  test.describe('with the network to auth cut', () => {
    test.use({ consoleAllowed: [/ERR_CONNECTION_REFUSED/] });
    test('shows a service the browser cannot reach clearly, and recovers on "Retry now"', async ({
      page,
      stack,
    }) => {
      // The browser's network to auth fails (the service itself keeps running for the other tests).
      const authReadiness = `${stack.auth}/health/ready`;
      await page.route(authReadiness, (route) => route.abort('connectionrefused'));
      await page.goto('/status');
      await expect(card(page, 'auth')).toHaveAttribute('data-state', 'unreachable');
      await expect(card(page, 'auth')).toContainText('No answer from');
      await expect(page.getByRole('status')).toHaveText('1 service needs attention');
      await page.unroute(authReadiness);
      await card(page, 'auth').getByRole('button', { name: 'Retry now' }).click();
      await expect(card(page, 'auth')).toHaveAttribute('data-state', 'ready');
    });
  });

  test('the frontend answers its own health endpoints with the shared wire schemas, and its metrics', async ({
    request,
    stack,
  }) => {
    const liveness = livenessSchema.parse(await (await request.get('/health')).json());
    expect(liveness).toMatchObject({ status: 'ok', service: 'frontend' });
    const answer = await request.get('/health/ready');
    expect(answer.status()).toBe(200);
    const readiness = frontendReadinessSchema.parse(await answer.json());
    expect(readiness).toMatchObject({ status: 'ready', service: 'frontend', environment: 'development' });
    expect(readiness.upstreams.backend).toEqual({ url: stack.backend, reachable: true, status: 'ready' });
    expect(readiness.upstreams.auth).toEqual({ url: stack.auth, reachable: true, status: 'ready' });
    // What a browser asks for on its own ends at the app's icon, not at a 404.
    const icon = await request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    // Prometheus scrapes the server that renders the pages.
    const metrics = await request.get('/metrics');
    expect(metrics.status()).toBe(200);
    expect(await metrics.text()).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  test('keeps server-only code and the service URLs out of the browser bundles', ({ stack }) => {
    const staticDir = join(FRONTEND_DIR, '.next', 'static');
    const scripts = readdirSync(staticDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.js'),
    );
    const shipped = scripts.map((file) => readFileSync(join(staticDir, file), 'utf8')).join('\n');
    expect(scripts.length).toBeGreaterThan(0);
    // Strings only @netra/shared/server and the frontend's server config hold, and the URLs of this stack.
    for (const marker of [
      'must not point at localhost',
      'invalid configuration',
      stack.backend,
      stack.auth,
    ]) {
      expect(shipped).not.toContain(marker);
    }
  });
});
