import { readFileSync } from 'node:fs';
import {
  expect,
  expectAccessible,
  keepScreenshot,
  signedIn,
  signOut,
  signUpNewUser,
  test,
} from './fixtures.js';

const ACCOUNT_MENU = 'summary[aria-label^="Account menu for"]';

test.describe('settings', () => {
  // Each test sends some bad input on purpose; the browser logs the API's 400 answers.
  test.use({ consoleAllowed: [/status of 400 \(Bad Request\)/] });

  test('profile: a rename shows at once; a wrong current password is named; the new one signs in', async ({
    page,
  }) => {
    const email = await signUpNewUser(page, 'Pat Profile');
    await page.goto('/settings/profile');
    await page.getByLabel('Name', { exact: true }).fill('Pat Renamed');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Name saved.')).toBeVisible();
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Pat Renamed');
    // The organization's member list knows the new name at once.
    await page.goto('/settings/members');
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('Pat Renamed');
    await page.goto('/settings/profile');

    await page.getByLabel('Current password', { exact: true }).fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a much better passphrase');
    await page.getByLabel('Confirm new password', { exact: true }).fill('a much better passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('The current password is incorrect')).toBeVisible();
    await page.getByLabel('Current password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText(/^Password changed\./)).toBeVisible();
    await expectAccessible(page);

    await signOut(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a much better passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator(ACCOUNT_MENU)).toHaveAttribute('aria-label', 'Account menu for Pat Renamed');
  });

  test('members: an invitation is sent and revoked; a bad email is named under its field', async ({
    page,
  }) => {
    await signedIn(page, '/settings/members');
    await expect(page.getByRole('table', { name: 'Members' })).toBeVisible();
    await page.getByLabel('Email to invite', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByLabel('Email to invite', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    const invitee = `ivy-${Date.now()}@example.test`;
    await page.getByLabel('Email to invite', { exact: true }).fill(invitee);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('button', { name: 'Copy invitation link' })).toBeVisible();
    const invitations = page.getByRole('table', { name: 'Invitations' });
    await expect(invitations).toContainText(invitee);
    await page.getByRole('button', { name: `Revoke the invitation for ${invitee}` }).click();
    await expect(invitations.getByRole('row', { name: new RegExp(invitee) })).toContainText('revoked');
    await expect(page.getByRole('button', { name: `Revoke the invitation for ${invitee}` })).toHaveCount(0);
  });

  test('price overrides: one is added, edited in place (bad amounts named under the field) and removed', async ({
    page,
  }) => {
    await signedIn(page, '/settings/prices');
    const model = `ft:gpt-4o:e2e-${Date.now()}`;
    await page.getByLabel('Model', { exact: true }).fill(model);
    await page.getByLabel('Input $ per million tokens').fill('2.5');
    await page.getByLabel('Output $ per million tokens').fill('10');
    await page.getByRole('button', { name: 'Add override' }).click();
    const overrides = page.getByRole('table', { name: 'Price overrides' });
    const added = `${model}: input $2.5, output $10 per million tokens`;
    await expect(overrides).toContainText(added);

    await page.getByRole('button', { name: `Edit the override ${added}` }).click();
    const form = page.getByRole('form', { name: 'Edit the price override' });
    const input = form.getByLabel('Input $ per million tokens');
    await expect(input).toHaveValue('2.5');
    await expect(form.getByLabel('Model', { exact: true })).toHaveValue(model);
    await input.fill('cheap');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Enter dollars as a number, e.g. 2.50')).toBeVisible();
    // A number the backend refuses: its message replaces the form's own, under the same field.
    await input.fill('-1');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('Enter dollars as a number, e.g. 2.50')).toHaveCount(0);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(overrides).toContainText(added);
    await input.fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const edited = `${model}: input $3, output $10 per million tokens`;
    await expect(overrides).toContainText(edited);
    await expect(page.getByText(added)).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Add a price override' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: `Remove the override ${edited}` }).click();
    await expect(page.getByText(edited)).toHaveCount(0);
  });

  test('budgets and webhooks: a budget is added, a webhook to a dead address reports its failed test', async ({
    page,
  }) => {
    await signedIn(page, '/settings/alerts');
    const name = `Monthly cap ${Date.now()}`;
    await page.getByLabel('Budget name (optional)', { exact: true }).fill(name);
    await page.getByLabel('Amount per month (USD)', { exact: true }).fill('-5');
    await page.getByRole('button', { name: 'Add budget' }).click();
    await expect(page.getByLabel('Amount per month (USD)', { exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await page.getByLabel('Amount per month (USD)', { exact: true }).fill('2500');
    await page.getByRole('button', { name: 'Add budget' }).click();
    await expect(page.getByRole('list', { name: 'Budgets' })).toContainText(name);

    // Port 9 (discard) on loopback: nothing listens, so the test delivery fails and says why.
    await page.getByLabel('Webhook URL', { exact: true }).fill('http://127.0.0.1:9/hooks/netra');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect(page.getByRole('button', { name: 'Copy signing secret' })).toBeVisible();
    const hook = page.getByRole('form', { name: 'Webhook http://127.0.0.1:9/hooks/netra' });
    await hook.getByRole('button', { name: 'Send test' }).click();
    await expect(hook.getByText(/Test not delivered/)).toBeVisible({ timeout: 30_000 });
    await keepScreenshot(page, 'settings-alerts-after');
  });

  test('data retention is saved, and usage exports as CSV for a date range', async ({ page }) => {
    await signedIn(page, '/settings/data');
    const keepForever = page.getByLabel('Keep usage forever', { exact: true });
    if (await keepForever.isChecked()) {
      await keepForever.uncheck();
    }
    await page.getByLabel('Delete usage older than (days)', { exact: true }).fill('400');
    await page.getByRole('button', { name: 'Save data settings' }).click();
    await expect(page.getByText('Data settings saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Delete usage older than (days)', { exact: true })).toHaveValue('400');

    await page.goto('/settings/export');
    await page.getByLabel('Format', { exact: true }).selectOption('csv');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download export' }).click();
    const lines = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('timestamp');
    expect(lines.length).toBeGreaterThan(1_000);
  });
});
