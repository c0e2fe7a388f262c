import { expect, expectAccessible, keepScreenshot, signedIn, signOut, test } from './fixtures.js';

const ACCOUNT_MENU = 'summary[aria-label^="Account menu for"]';

test.describe('login', () => {
  test('development login signs in on its own and opens the app', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator(ACCOUNT_MENU)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', /Account menu for .+/);
  });

  test('after signing out no automatic login happens; the login screen is accessible', async ({ page }) => {
    await signedIn(page);
    await signOut(page);
    await expect(page.getByRole('button', { name: 'Sign in with the development account' })).toBeVisible();
    // Still signed out a moment later: the automatic login stays off after an explicit sign-out.
    await page.waitForTimeout(1_500);
    await expect(page.locator(ACCOUNT_MENU)).toHaveCount(0);
    await keepScreenshot(page, 'login');
    await expectAccessible(page);
  });

  test('email sign-up, then a wrong password is refused in words and the right one signs in', async ({
    page,
  }) => {
    await signedIn(page);
    await signOut(page);
    const email = `grace-${Date.now()}@example.test`;
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Grace Hopper');
    await signOut(page);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('tabpanel').getByRole('alert')).toContainText(/password/i);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Grace Hopper');
  });

  test('signs in through a local OpenID provider', async ({ page, stack }) => {
    await signedIn(page);
    await signOut(page);
    await page.getByRole('button', { name: `Continue with ${stack.oidc.providerName}` }).click();
    // oidc-provider's own development login and consent pages.
    await expect(page).toHaveURL(new RegExp(`^${stack.oidc.issuer}`));
    await page.locator('input[name="login"]').fill('ada');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Ada Lovelace', {
      timeout: 30_000,
    });
  });
});
