/**
 * What a webhook target receives for an alert: a generic JSON body, or a Slack-compatible one
 * (`{text, blocks}`, what Slack's incoming webhooks accept), signed with the target's secret.
 *
 * Signature: `X-Netra-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes under the secret>`.
 * A receiver recomputes it over the raw body and compares in constant time; `X-Netra-Alert-Id` lets
 * it drop a redelivery (a retry after a lost answer sends the same body again).
 * @module
 */
import { createHmac } from 'node:crypto';
import type { Alert } from './budgets.schema.js';
import type { BudgetRow, WebhookFormat } from './budgets.tables.js';

export const SIGNATURE_HEADER = 'x-netra-signature';
export const ALERT_ID_HEADER = 'x-netra-alert-id';

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const usd = (value: unknown) => (typeof value === 'number' ? `$${value.toFixed(2)}` : '?');

function scopeText(budget: Pick<BudgetRow, 'scopeKind' | 'scopeValue'>): string {
  return budget.scopeKind === 'org' ? 'the whole organization' : `${budget.scopeKind} "${budget.scopeValue}"`;
}

/** One line a person reads: what happened, to which budget, with the figures. */
export function alertSummary(alert: Alert, budget: BudgetRow): string {
  const { details } = alert;
  const name = `Budget "${budget.name}" (${scopeText(budget)}, ${usd(budget.amountUsd)}/month)`;
  switch (alert.kind) {
    case 'threshold_crossed':
      return `${name} passed ${alert.threshold_pct}% in ${alert.period}: ${usd(details.spend_usd)} spent.`;
    case 'threshold_forecast':
      return `${name} is forecast to pass ${alert.threshold_pct}% in ${alert.period}: ${usd(details.spend_usd)} spent, ${usd(details.forecast_usd)} forecast by month end.`;
    case 'spend_anomaly':
      return `${name}: spend on ${alert.period} was ${usd(details.observed)}, far above the usual ${usd(details.median)} a day.`;
    case 'error_rate_anomaly':
      return `${name}: error rate on ${alert.period} was ${pct(details.observed)}, far above the usual ${pct(details.median)}.`;
  }
}

function pct(value: unknown): string {
  return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '?';
}

function genericBody(alert: Alert, budget: BudgetRow, summary: string) {
  return {
    type: 'netra.alert',
    summary,
    alert,
    budget: {
      id: budget.id,
      name: budget.name,
      amount_usd: budget.amountUsd,
      scope: { kind: budget.scopeKind, value: budget.scopeValue },
    },
  };
}

function slackBody(summary: string) {
  return {
    text: summary,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:rotating_light: ${summary}` } }],
  };
}

/** The body text in the target's format. */
export function webhookBody(format: WebhookFormat, alert: Alert, budget: BudgetRow): string {
  const summary = alertSummary(alert, budget);
  return JSON.stringify(format === 'slack' ? slackBody(summary) : genericBody(alert, budget, summary));
}

/**
 * The body of a test delivery (`POST …/settings/webhooks/{id}/test`), in the target's format:
 * `type: "netra.test"` tells a receiver it is not an alert.
 */
export function testWebhookBody(format: WebhookFormat, deliveryId: string, sentAt: Date): string {
  const summary = 'Test delivery from Netra: this webhook target receives alerts.';
  if (format === 'slack') {
    return JSON.stringify(slackBody(summary));
  }
  return JSON.stringify({
    type: 'netra.test',
    summary,
    delivery_id: deliveryId,
    sent_at: sentAt.toISOString(),
  });
}
