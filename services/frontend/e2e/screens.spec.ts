import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures.js';

/** The main screens with the heading each shows once loaded, and a settings section or two. */
const SCREENS = [
  { path: '/dashboard', heading: 'Dashboard', name: 'dashboard' },
  { path: '/chat', heading: /.+/, name: 'chat' },
  { path: '/reports', heading: 'Reports', name: 'reports' },
  { path: '/ingestion', heading: 'Data sources', name: 'ingestion' },
  { path: '/settings/profile', heading: 'Settings', name: 'settings-profile' },
  { path: '/settings/members', heading: 'Settings', name: 'settings-members' },
  { path: '/settings/alerts', heading: 'Settings', name: 'settings-alerts' },
] as const;

test.describe('main screens', () => {
  for (const screen of SCREENS) {
    test(`${screen.path} loads for the development user, with no serious axe violation`, async ({ page }) => {
      await signedIn(page, screen.path);
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await keepScreenshot(page, screen.name);
      await expectAccessible(page);
    });
  }

  test('/ opens the dashboard, and every nav entry leads to its screen', async ({ page }) => {
    await signedIn(page, '/');
    await expect(page).toHaveURL(/\/dashboard/);
    const nav = page.getByRole('navigation', { name: /primary|main/i });
    for (const label of ['Chat', 'Reports', 'Data sources', 'Settings', 'Dashboard']) {
      await nav.getByRole('link', { name: label }).click();
      await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    }
  });

  test('dark theme and tablet width: the dashboard and chat keep working', async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await signedIn(page, '/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow at 768 px').toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'dashboard-dark-768');
    await expectAccessible(page);
    await page.goto('/chat');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await keepScreenshot(page, 'chat-dark-768');
  });
});
