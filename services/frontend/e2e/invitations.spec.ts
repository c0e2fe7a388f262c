import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures.js';

const ACCOUNT_MENU = 'summary[aria-label^="Account menu for"]';

test.describe('invitation links', () => {
  // The unknown link's preview is answered 404 on purpose; the browser logs it.
  test.use({ consoleAllowed: [/status of 404 \(Not Found\)/] });

  test('the invitee opens the link, signs up with the invited email, sees what they join and joins it', async ({
    page,
  }) => {
    await signedIn(page, '/settings/members');
    const invitee = `ivy-join-${Date.now()}@example.test`;
    await page.getByLabel('Email to invite', { exact: true }).fill(invitee);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await page.getByLabel('Invitation link', { exact: true }).textContent()) ?? '';
    expect(link).toMatch(/\/invitations\/inv_[\w-]+$/);

    // Opened by someone else (the inviter): refused by name, nothing to accept.
    await page.goto(link);
    const card = page.getByRole('region', { name: /^Join / });
    await expect(card).toContainText(invitee);
    const organization = ((await card.getByRole('heading').textContent()) ?? '').replace(/^Join /, '');
    await expect(page.getByText('This invitation is for another email address')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);

    // Signing out from there leads to the login screen, which comes back to the link.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Finvitations%2Finv_/);
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill('Ivy Invitee');
    await page.getByLabel('Email').fill(invitee);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await expect(page).toHaveURL(link);
    await expect(card.getByText('Member', { exact: true })).toBeVisible();
    await expect(card).toContainText('pending');
    await expectAccessible(page);
    await keepScreenshot(page, 'invitation-link');

    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(page.getByText(`You joined ${organization}`)).toBeVisible();
    await expect(page.getByLabel('Organization')).toHaveValue(/.+/);
    await expect(page.getByLabel('Organization').locator('option:checked')).toHaveText(organization);
    await page.getByRole('link', { name: 'Open its dashboard' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto('/settings/members');
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('Ivy Invitee');
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Ivy Invitee');

    // The link is single use: opened again, it says so.
    await page.goto(link);
    await expect(page.getByText('This invitation was accepted')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
  });

  test('a link with an unknown token says it does not work', async ({ page }) => {
    await signedIn(page, '/invitations/inv_no-such-invitation');
    await expect(page.getByText('This invitation link does not work')).toBeVisible();
    await expect(page.getByText('Invitation not found')).toBeVisible();
  });
});
