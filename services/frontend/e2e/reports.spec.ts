import { readFileSync } from 'node:fs';
import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures.js';
import { PlatformApi } from './platform-api.js';

test.describe('reports', () => {
  test('the list and the report show the API figures; Markdown and JSON downloads are the report', async ({
    page,
    request,
    stack,
  }) => {
    const api = await PlatformApi.asDevelopmentUser(request, stack);
    const reportId = await api.someReport();
    const report = await api.report(reportId);
    await signedIn(page, '/reports');
    const item = page.locator(`[data-testid="report-item"][data-report-id="${reportId}"]`);
    await expect(item.getByTestId('item-proven-savings')).toHaveAttribute(
      'data-value',
      String(report.summary.proven_monthly_savings_usd),
    );
    await expect(item.getByTestId('item-potential-savings')).toHaveAttribute(
      'data-value',
      String(report.summary.potential_monthly_savings_usd),
    );
    await keepScreenshot(page, 'reports-list');

    await page.goto(`/reports/${reportId}`);
    await expect(page.getByRole('heading', { level: 1, name: report.title })).toBeVisible();
    await expect(page.getByTestId('proven-savings')).toHaveAttribute(
      'data-value',
      String(report.summary.proven_monthly_savings_usd),
    );
    // The waterfall's table alternative: baseline first, the plan last, as the API figures them.
    await page.getByText('Figures as a table').click();
    const steps = page.getByTestId('waterfall-table').locator('tbody tr');
    await expect(steps.first()).toHaveAttribute('data-step', 'baseline');
    await expect(steps.last()).toHaveAttribute('data-step', 'plan');
    const [baselineCost, planCost] = await Promise.all(
      [steps.first(), steps.last()].map(async (row) =>
        Number(await row.locator('td').last().getAttribute('data-value')),
      ),
    );
    expect(baselineCost).toBeCloseTo(report.analysis.baseline.monthly_cost_usd, 6);
    expect(planCost).toBeCloseTo(
      report.analysis.baseline.monthly_cost_usd - report.analysis.plan.monthly_savings_usd,
      6,
    );
    await keepScreenshot(page, 'report');
    await expectAccessible(page);

    const markdown = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Markdown' }).click();
    expect(readFileSync(await (await markdown).path(), 'utf8')).toBe(report.markdown);
    const json = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    const exported = JSON.parse(readFileSync(await (await json).path(), 'utf8')) as { id?: string };
    expect(exported.id).toBe(reportId);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await keepScreenshot(page, 'report-print');
  });

  test('a recommendation marked applied and another dismissed are stored as such', async ({
    page,
    request,
    stack,
  }) => {
    const api = await PlatformApi.asDevelopmentUser(request, stack);
    const reportId = await api.someReport();
    await signedIn(page, `/reports/${reportId}`);
    await page.getByRole('tab', { name: 'Optimizations' }).click();
    const proposed = page.locator('[data-testid="recommendation"][data-status="proposed"]');
    await expect(proposed.first()).toBeVisible();
    const before = await proposed.count();
    expect(before).toBeGreaterThanOrEqual(2);

    const withProposal = page.getByTestId('opportunity-card').filter({ has: proposed });
    const appliedOpportunity = await withProposal.first().getAttribute('data-opportunity-id');
    const applying = page.locator(
      `[data-opportunity-id="${appliedOpportunity}"] [data-testid="recommendation"]`,
    );
    await applying.getByRole('button', { name: /^Mark applied/ }).click();
    await page.getByRole('button', { name: 'Confirm applied' }).click();
    await expect(
      page.locator(`[data-opportunity-id="${appliedOpportunity}"] [data-testid="recommendation"]`),
    ).toHaveAttribute('data-status', 'applied');
    await expect(
      page.locator(`[data-opportunity-id="${appliedOpportunity}"]`).getByTestId('realized-savings'),
    ).toBeVisible();

    const dismissedOpportunity = await withProposal.first().getAttribute('data-opportunity-id');
    expect(dismissedOpportunity).not.toBe(appliedOpportunity);
    const dismissing = page.locator(
      `[data-opportunity-id="${dismissedOpportunity}"] [data-testid="recommendation"]`,
    );
    await dismissing.getByRole('button', { name: /^Dismiss/ }).click();
    await page.getByLabel(/^Why dismiss/).fill('Our latency budget rules this out.');
    await page.getByRole('button', { name: 'Confirm dismiss' }).click();
    await expect(
      page.locator(`[data-opportunity-id="${dismissedOpportunity}"] [data-testid="recommendation"]`),
    ).toHaveAttribute('data-status', 'dismissed');

    const stored = await api.recommendations(reportId);
    const byOpportunity = new Map(
      stored.map((recommendation) => [recommendation.opportunity_id, recommendation]),
    );
    expect(byOpportunity.get(appliedOpportunity ?? '')?.status).toBe('applied');
    expect(byOpportunity.get(dismissedOpportunity ?? '')).toMatchObject({
      status: 'dismissed',
      dismissed_reason: 'Our latency budget rules this out.',
    });
    await keepScreenshot(page, 'report-recommendations');
  });
});
