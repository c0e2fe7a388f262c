import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert } from './budgets.schema.js';
import type { BudgetRow } from './budgets.tables.js';
import { alertSummary, signature, webhookBody } from './webhook-body.js';

const budget: BudgetRow = {
  id: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-000000000002',
  name: 'Support',
  amountUsd: 200,
  scopeKind: 'feature',
  scopeValue: 'support-bot',
  thresholds: [50, 80, 100],
  createdBy: null,
  createdAt: new Date('2026-03-01T00:00:00Z'),
  updatedAt: new Date('2026-03-01T00:00:00Z'),
};

const alert = (
  kind: Alert['kind'],
  details: Record<string, unknown>,
  threshold: number | null = 80,
): Alert => ({
  id: '00000000-0000-4000-8000-000000000003',
  budget_id: budget.id,
  kind,
  threshold_pct: threshold,
  period: kind.endsWith('anomaly') ? '2026-03-10' : '2026-03',
  details,
  fired_at: '2026-03-20T12:00:00.000Z',
});

describe('webhook bodies', () => {
  it('signs the exact body bytes with HMAC-SHA256', () => {
    const body = '{"text":"é"}';
    expect(signature(body, 'k')).toBe(
      `sha256=${createHmac('sha256', 'k').update(Buffer.from(body, 'utf8')).digest('hex')}`,
    );
  });

  it('says what happened for every kind of alert', () => {
    expect(alertSummary(alert('threshold_crossed', { spend_usd: 170 }), budget)).toBe(
      'Budget "Support" (feature "support-bot", $200.00/month) passed 80% in 2026-03: $170.00 spent.',
    );
    expect(
      alertSummary(alert('threshold_forecast', { spend_usd: 90, forecast_usd: 260 }, 100), budget),
    ).toContain('is forecast to pass 100% in 2026-03: $90.00 spent, $260.00 forecast by month end.');
    expect(alertSummary(alert('spend_anomaly', { observed: 55, median: 11 }, null), budget)).toContain(
      'spend on 2026-03-10 was $55.00, far above the usual $11.00 a day.',
    );
    expect(
      alertSummary(alert('error_rate_anomaly', { observed: 0.4, median: 0.02 }, null), budget),
    ).toContain('error rate on 2026-03-10 was 40.0%, far above the usual 2.0%.');
  });

  it('carries the alert and budget in the generic body, text and blocks in the Slack one', () => {
    const fired = alert('threshold_crossed', { spend_usd: 170 });
    expect(JSON.parse(webhookBody('generic', fired, budget))).toMatchObject({
      type: 'netra.alert',
      alert: fired,
      budget: { id: budget.id, amount_usd: 200, scope: { kind: 'feature', value: 'support-bot' } },
    });
    const slack = JSON.parse(webhookBody('slack', fired, budget)) as { text: string; blocks: unknown[] };
    expect(Object.keys(slack).sort()).toEqual(['blocks', 'text']);
    expect(slack.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: `:rotating_light: ${slack.text}` } },
    ]);
  });
});
