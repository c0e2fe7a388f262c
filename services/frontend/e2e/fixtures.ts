/**
 * The browser suite's fixtures: the stack's addresses, a page whose console errors fail the test
 * (except those a test expects), screenshots kept as artifacts, and axe checks.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { readStack, type Stack } from './stack-file.js';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'test-results', 'screens');

/** A signed-out load asks `/auth/refresh` once and is told 401: that is how it learns it is signed out. */
const EXPECTED_CONSOLE = [/status of 401 \(Unauthorized\)/];

interface Fixtures {
  stack: Stack;
  /** Console errors a test provokes on purpose (`test.use({ consoleAllowed: [...] })`). */
  consoleAllowed: RegExp[];
  /** Console errors and page errors so far; the test fails at its end if any is unexpected. */
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, provide) => {
    await provide(readStack());
  },
  consoleAllowed: [[], { option: true }],
  pageErrors: [
    async ({ page, stack, consoleAllowed }, provide) => {
      const errors: string[] = [];
      // A CSP violation is reported as an event, not always as a console error: make it one.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          // eslint-disable-next-line no-console -- the page reports to the test through its console
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      // Only the app's own pages count: an OpenID provider's login page is not ours to judge.
      const onApp = () => page.url().startsWith(stack.frontend);
      page.on('pageerror', (error) => {
        if (onApp()) {
          errors.push(`page error: ${error.message}`);
        }
      });
      page.on('console', (message) => {
        const expected = [...EXPECTED_CONSOLE, ...consoleAllowed].some((pattern) =>
          pattern.test(message.text()),
        );
        if (message.type() === 'error' && onApp() && !expected) {
          errors.push(`console error: ${message.text()} (${message.location().url})`);
        }
      });
      await provide(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  baseURL: async ({ stack }, provide) => {
    await provide(stack.frontend);
  },
});

export { expect };

/** A full-page screenshot kept under test-results/screens and attached to the report. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** axe-core over the page as it is now: no serious or critical violation (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  expect(serious, 'serious accessibility violations').toEqual([]);
}

/** Signed in with the development account (automatic in development) on `path`. */
export async function signedIn(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('summary[aria-label^="Account menu for"]')).toBeVisible();
}

/** Signs out through the account menu and waits for the login screen. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('summary[aria-label^="Account menu for"]').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Signs out of the development account and creates a new one by email; it owns an empty organization. */
export async function signUpNewUser(page: Page, name: string): Promise<string> {
  await signedIn(page, '/');
  await signOut(page);
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`;
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await expect(page.locator('summary[aria-label^="Account menu for"]')).toHaveAttribute(
    'aria-label',
    `Account menu for ${name}`,
  );
  return email;
}
