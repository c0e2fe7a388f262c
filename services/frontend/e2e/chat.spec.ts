import { runEventsPageSchema } from '@netra/shared/contracts';
import type { Page, WebSocketRoute } from '@playwright/test';
import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures.js';
import { PlatformApi } from './platform-api.js';

const ASK = 'Help me reduce my AI costs by 30%';
const RUN_TIMEOUT_MS = 120_000;

interface Watched {
  /** Agents seen in the Running state while the run went on. */
  running: Set<string>;
  /** Every "agents done" figure the progress bar showed. */
  progress: Set<number>;
}

/** What the live card shows right now: each agent row's "Name: State" and the progress figure. */
async function snapshot(page: Page) {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll('[aria-label="Agent timeline"] > li')].map(
      (row) => row.getAttribute('aria-label') ?? '',
    ),
    progress: Number(
      document
        .querySelector('[role="progressbar"][aria-label="Agents done"]')
        ?.getAttribute('aria-valuenow') ?? -1,
    ),
  }));
}

/**
 * Records, at every DOM change the app commits, which agents the live card shows Running and which
 * "agents done" figures its progress bar shows: nothing rendered in between is missed.
 */
async function recordLiveCard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { running: new Set<string>(), progress: new Set<number>() };
    Object.assign(window, { liveCard: seen });
    const scan = () => {
      for (const row of document.querySelectorAll('[aria-label="Agent timeline"] > li')) {
        const label = row.getAttribute('aria-label') ?? '';
        if (label.endsWith(': Running')) {
          seen.running.add(label.split(':')[0] ?? '');
        }
      }
      const bar = document.querySelector('[role="progressbar"][aria-label="Agents done"]');
      if (bar !== null) {
        seen.progress.add(Number(bar.getAttribute('aria-valuenow')));
      }
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** What the live card showed until the report's tabs appeared. */
async function watchRun(page: Page): Promise<Watched> {
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  const seen = await page.evaluate(() => {
    const { running, progress } = (
      window as unknown as { liveCard: { running: Set<string>; progress: Set<number> } }
    ).liveCard;
    return { running: [...running], progress: [...progress] };
  });
  return { running: new Set(seen.running), progress: new Set(seen.progress) };
}

interface Delivery {
  connection: number;
  runId: string;
  seq: number;
}

/**
 * Passes the app's WebSockets through to the real backend, noting each run event the server
 * delivers and on which connection; the routes let a test drop a connection as a network would.
 */
async function relaySockets(page: Page) {
  const deliveries: Delivery[] = [];
  const connections: { page: WebSocketRoute; server: WebSocketRoute; dropped: boolean }[] = [];
  await page.routeWebSocket(/\/ws(\?|$)/, (socket) => {
    const server = socket.connectToServer();
    const route = { page: socket, server, dropped: false };
    const connection = connections.push(route) - 1;
    server.onMessage((message) => {
      if (route.dropped) {
        return;
      }
      const parsed =
        typeof message === 'string' ? (JSON.parse(message) as Partial<Delivery> & { run_id?: string }) : {};
      if (typeof parsed.seq === 'number' && typeof parsed.run_id === 'string') {
        deliveries.push({ connection, runId: parsed.run_id, seq: parsed.seq });
      }
      socket.send(message);
    });
  });
  /** Cuts one connection on both sides, as a network failure would. */
  const drop = async (connection: number) => {
    const route = connections[connection];
    if (route !== undefined) {
      route.dropped = true;
      await route.server.close({ code: 1001, reason: 'dropped by the test' });
      await route.page.close({ code: 1012, reason: 'dropped by the test' });
    }
  };
  return { deliveries, connections, drop };
}

async function ask(page: Page): Promise<void> {
  await signedIn(page, '/chat');
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(ASK);
  await box.press('Enter');
}

function valueOf(page: Page, testId: string) {
  return page.getByTestId(testId).first().getAttribute('data-value').then(Number);
}

test.describe('chat', () => {
  test(`"${ASK}": each agent finishes live, and the report tabs show the API's figures`, async ({
    page,
    request,
    stack,
  }) => {
    await page.addInitScript(() => {
      // Layout shifts not caused by the user, summed: what the reader sees jump while events stream in.
      const shifts = { total: 0 };
      Object.assign(window, { layoutShift: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[]) {
          shifts.total += entry.hadRecentInput ? 0 : entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await recordLiveCard(page);
    await ask(page);
    await expect(page.getByRole('status', { name: /Connection: / })).toBeVisible();
    const shiftBefore = await page.evaluate(
      () => (window as unknown as { layoutShift: { total: number } }).layoutShift.total,
    );
    const watched = await watchRun(page);
    const shiftDuring =
      (await page.evaluate(
        () => (window as unknown as { layoutShift: { total: number } }).layoutShift.total,
      )) - shiftBefore;
    // Rows for every planned agent are there from the start: streaming moves nothing (CLS "good" is < 0.1).
    expect(shiftDuring).toBeLessThan(0.1);
    // Seen live: several agents in their Running state, and the progress bar counting up.
    expect(watched.running.size).toBeGreaterThanOrEqual(3);
    expect(watched.progress.size).toBeGreaterThanOrEqual(3);
    const final = await snapshot(page);
    expect(final.rows.length).toBeGreaterThanOrEqual(5);
    expect(final.rows.every((row) => /: (Done|Skipped)$/.test(row))).toBe(true);
    await keepScreenshot(page, 'chat-report');

    const api = await PlatformApi.asDevelopmentUser(request, stack);
    const [newest] = await api.reports();
    const report = await api.report(newest?.id ?? '');
    expect(await valueOf(page, 'proven-savings')).toBeCloseTo(report.summary.proven_monthly_savings_usd, 9);
    expect(await valueOf(page, 'potential-savings')).toBeCloseTo(
      report.summary.potential_monthly_savings_usd,
      9,
    );

    await page.getByRole('tab', { name: 'Data' }).click();
    expect(await valueOf(page, 'baseline-total')).toBeCloseTo(report.analysis.baseline.total_cost_usd, 9);
    expect(await valueOf(page, 'baseline-requests')).toBe(report.analysis.baseline.requests);

    await page.getByRole('tab', { name: 'Optimizations' }).click();
    const shown = await page
      .getByTestId('opportunity-savings')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
    const expected = report.analysis.opportunities.map((opportunity) => opportunity.monthly_savings_usd);
    expect(shown.sort()).toEqual(expected.sort());
    expect(shown.length).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Action Plan' }).click();
    await expect(page.getByTestId('plan-step')).toHaveCount(report.action_plan?.steps.length ?? 0);
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await expect(page.getByTestId('key-metrics')).toBeVisible();
    await expectAccessible(page);
  });

  test('Shift+Enter breaks the line; a chat is renamed (Escape cancels), found by search and deleted', async ({
    page,
  }) => {
    await signedIn(page, '/chat');
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('first line');
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    await expect(box).toHaveValue('first line\nsecond line');

    const selected = page.locator('[data-selected]');
    const title = `Budget review ${Date.now()}`;
    await selected.getByRole('button', { name: /^Rename/ }).click();
    await page.getByLabel('Chat title').fill('never saved');
    await page.getByLabel('Chat title').press('Escape');
    await expect(page.getByLabel('Chat title')).toHaveCount(0);
    await selected.getByRole('button', { name: /^Rename/ }).click();
    await page.getByLabel('Chat title').fill(title);
    await page.getByLabel('Chat title').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    await page.getByLabel('Search chats').fill(title);
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await expect(page.getByRole('link', { name: 'never saved' })).toHaveCount(0);
    await page.getByLabel('Search chats').fill('');

    await page.getByRole('button', { name: `Delete “${title}”` }).click();
    await page
      .getByRole('group', { name: `Delete “${title}”?` })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  });

  test('the WebSocket drops mid-run: the run resumes after the last seq, no event missed or repeated', async ({
    page,
    request,
    stack,
  }) => {
    const { deliveries, connections, drop } = await relaySockets(page);
    await ask(page);
    await expect.poll(() => deliveries.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    const beforeDrop = deliveries.length;
    await drop(0);
    await expect(page.getByRole('status', { name: /Connection: / })).toHaveAccessibleName(/reconnect/i);
    await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });

    const runId = deliveries[0]?.runId ?? '';
    const api = await PlatformApi.asDevelopmentUser(request, stack);
    const stored = await api.get(
      `/orgs/${api.orgId}/runs/${runId}/events?after_seq=-1&limit=1000`,
      runEventsPageSchema,
    );
    const seqs = deliveries.filter((delivery) => delivery.runId === runId).map((delivery) => delivery.seq);
    expect(connections.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.slice(beforeDrop).some((delivery) => delivery.connection > 0)).toBe(true);
    // Every stored event arrived once: none missing across the drop, none sent twice.
    expect(seqs).toHaveLength(new Set(seqs).size);
    expect([...seqs].sort((a, b) => a - b)).toEqual(stored.events.map((event) => event.seq));
    const final = await snapshot(page);
    expect(final.rows.every((row) => /: (Done|Skipped)$/.test(row))).toBe(true);
  });
});
