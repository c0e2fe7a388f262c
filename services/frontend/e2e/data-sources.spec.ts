import { readFileSync, writeFileSync } from 'node:fs';
import { expect, expectAccessible, keepScreenshot, signedIn, signUpNewUser, test } from './fixtures.js';

const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['anthropic', 'claude-3-5-haiku-latest'],
] as const;
const GOOD_ROWS = 6_000;
/** Bytes per second the browser may upload: slow enough that the progress bar shows the file going out. */
const UPLOAD_BYTES_PER_S = 100_000;
const HOUR_MS = 3_600_000;

/** Rows in the template's columns: a day of requests over three models, then two rows that cannot be stored. */
function usageFile(header: string[]): string {
  const at = (field: string, values: Record<string, string>) => values[field] ?? '';
  const line = (values: Record<string, string>) => header.map((field) => at(field, values)).join(',');
  const good = Array.from({ length: GOOD_ROWS }, (_unused, index) => {
    const [provider, model] = MODELS[index % MODELS.length] ?? MODELS[0];
    return line({
      timestamp: new Date(Date.now() - (index + 1) * (HOUR_MS / 600)).toISOString(),
      provider,
      model,
      input_tokens: String(800 + index * 37),
      output_tokens: String(120 + index * 11),
      status: 'success',
      feature: index % 2 === 0 ? 'support-chat' : 'summaries',
    });
  });
  const bad = [
    line({ timestamp: new Date().toISOString(), provider: 'openai', input_tokens: '10', output_tokens: '1' }),
    line({
      timestamp: 'yesterday-ish',
      provider: 'openai',
      model: 'gpt-4o',
      input_tokens: '10',
      output_tokens: '1',
    }),
  ];
  return [header.join(','), ...good, ...bad].join('\n') + '\n';
}

test.describe('data sources', () => {
  test('a new organization uploads a usage file: progress, a per-row error report, and the dashboard fills', async ({
    page,
  }, testInfo) => {
    await signUpNewUser(page, 'Uma Upload');
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { name: 'No usage in this period' })).toBeVisible();

    await page.goto('/ingestion');
    const template = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV template' }).click();
    const header =
      readFileSync(await (await template).path(), 'utf8')
        .split('\n')[0]
        ?.split(',') ?? [];
    expect(header).toEqual(expect.arrayContaining(['timestamp', 'provider', 'model', 'input_tokens']));

    const file = testInfo.outputPath('usage.csv');
    writeFileSync(file, usageFile(header));
    await page.getByLabel('Usage file', { exact: true }).setInputFiles(file);
    const network = await page.context().newCDPSession(page);
    await network.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: UPLOAD_BYTES_PER_S,
    });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Upload progress' });
    // Part of the file sent, not all of it: the bar follows the upload as it goes.
    await expect
      .poll(() =>
        progress.evaluate((bar) => {
          const { value, max } = bar as HTMLProgressElement;
          return value > 0 && value < max;
        }),
      )
      .toBe(true);
    await network.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expect(page.getByTestId('upload-report')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('upload-stored')).toHaveAttribute('data-value', String(GOOD_ROWS));
    await expect(page.getByTestId('upload-rejected')).toHaveAttribute('data-value', '2');
    const errors = page.getByTestId('upload-errors').locator('tbody tr');
    await expect(errors).toHaveCount(2);
    await expect(errors.first()).toContainText('model');
    await expect(errors.last()).toContainText('timestamp');
    await keepScreenshot(page, 'ingestion-upload');

    await page.getByRole('link', { name: 'Open the dashboard' }).first().click();
    await expect(page.getByTestId('total-requests')).toHaveAttribute('data-value', String(GOOD_ROWS));
    expect(Number(await page.getByTestId('total-spend').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'Spend over time' })).toBeVisible();
    await keepScreenshot(page, 'dashboard-after-upload');
  });

  test('an ingestion key is shown once, fills the snippets, and can be revoked', async ({ page }) => {
    await signedIn(page, '/ingestion');
    const name = `ci-key-${Date.now()}`;
    await page.getByLabel('Key name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByTestId('created-api-key');
    await expect(created).toContainText('nk_');
    const key = ((await created.textContent()) ?? '').match(/nk_\S+/)?.[0] ?? '';
    await expect(page.getByTestId('snippet-curl')).toContainText(key);
    await page.getByRole('button', { name: 'I have stored the key' }).click();
    // Shown once: after that the page has it only in the snippets it filled, never as the key again.
    await expect(created).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(key)).toHaveCount(0);
    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await page
      .getByRole('group', { name: `Confirm revoking ${name}` })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
    await expectAccessible(page);
  });

  test('the dashboard keeps its view in the URL: grouping and range survive a reload and back goes back', async ({
    page,
  }) => {
    await signedIn(page, '/dashboard');
    await expect(page.getByTestId('total-spend')).not.toHaveAttribute('data-value', '');
    await page.getByLabel('Group by', { exact: true }).selectOption('provider');
    await expect(page).toHaveURL(/group_by=provider/);
    await page.getByLabel('Date range', { exact: true }).selectOption('7d');
    await expect(page).toHaveURL(/range=7d/);
    await page.reload();
    await expect(page.getByLabel('Group by', { exact: true })).toHaveValue('provider');
    await expect(page.getByLabel('Date range', { exact: true })).toHaveValue('7d');
    await page.goBack();
    await expect(page.getByLabel('Date range', { exact: true })).not.toHaveValue('7d');
    await page
      .getByRole('region', { name: 'Spend over time' })
      .getByRole('button', { name: 'Show as table' })
      .click();
    await expect(page.getByRole('region', { name: /\(table\)$/ }).first()).toBeVisible();
  });
});
