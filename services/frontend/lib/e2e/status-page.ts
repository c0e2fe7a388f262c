import type { Page } from 'playwright-core';

/** One store tier row as the page shows it. */
export interface ShownTier {
  name: string;
  mode: string;
  engine: string;
}

/** One service card as the page shows it. */
export interface ShownService {
  state: string;
  url: string;
  tiers: ShownTier[];
}

function cardSelector(serviceId: string, state?: string): string {
  return state === undefined
    ? `[data-service="${serviceId}"]`
    : `[data-service="${serviceId}"][data-state="${state}"]`;
}

/** Waits until the card of `serviceId` shows `state` (the page polls and retries on its own). */
export async function waitForServiceState(page: Page, serviceId: string, state: string): Promise<void> {
  await page.locator(cardSelector(serviceId, state)).waitFor();
}

/** Reads what the card of `serviceId` shows. */
export async function readServiceCard(page: Page, serviceId: string): Promise<ShownService> {
  const card = page.locator(cardSelector(serviceId));
  const rows = await card.locator('tr[data-tier]').all();
  const tiers = await Promise.all(
    rows.map(async (row) => ({
      name: (await row.getAttribute('data-tier')) ?? '',
      mode: (await row.getAttribute('data-mode')) ?? '',
      engine: ((await row.locator('td').nth(1).textContent()) ?? '').trim(),
    })),
  );
  return {
    state: (await card.getAttribute('data-state')) ?? '',
    url: ((await card.locator('[data-url]').textContent()) ?? '').trim(),
    tiers,
  };
}

/** Collects uncaught page errors and console errors, ignoring the network errors of unreachable services. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return errors;
}
