/**
 * Wire shapes of budgets, fired alerts and webhook targets, and the presenters that produce them.
 * @module
 */
import type { Alert, Budget, WebhookTarget, WebhookTestResult } from '@netra/shared/contracts';
import { z } from 'zod';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetWithFigures } from './budgets.service.js';
import type { AlertRow, WebhookTargetRow } from './budgets.tables.js';
import type { DeliveryOutcome } from './webhook-sender.js';

export {
  alertSchema,
  budgetListSchema,
  budgetSchema,
  createBudgetBodySchema,
  createdWebhookSchema,
  createWebhookBodySchema,
  pageQuerySchema,
  pageSchema,
  updateBudgetBodySchema,
  webhookListSchema,
  webhookSchema,
  createdWebhookTargetSchema,
  updateWebhookBodySchema,
  webhookTargetListSchema,
  webhookTargetSchema,
  webhookTestResultSchema,
} from '@netra/shared/contracts';
export type { Alert, CreateBudgetBody, CreateWebhookBody, UpdateBudgetBody } from '@netra/shared/contracts';

export const budgetParamsSchema = orgParamsSchema.extend({ id: z.uuid() });
export const webhookParamsSchema = orgParamsSchema.extend({ id: z.uuid() });

/** Dollars to the millionth, so sums of stored floats read as the figures they are. */
const micro = (value: number) => Math.round(value * 1e6) / 1e6;

export function presentBudget({ row, figures }: BudgetWithFigures): Budget {
  return {
    id: row.id,
    name: row.name,
    amount_usd: row.amountUsd,
    scope: { kind: row.scopeKind, value: row.scopeValue },
    thresholds: row.thresholds,
    current: {
      month: figures.month,
      spend_usd: micro(figures.spendUsd),
      daily_rate_usd: micro(figures.dailyRateUsd),
      forecast_usd: micro(figures.forecastUsd),
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    budget_id: row.budgetId,
    kind: row.kind,
    threshold_pct: row.kind.endsWith('_anomaly') ? null : row.thresholdPct,
    period: row.period,
    details: row.details,
    fired_at: row.firedAt.toISOString(),
  };
}

export function presentWebhook(row: WebhookTargetRow): WebhookTarget {
  return {
    id: row.id,
    url: row.url,
    format: row.format,
    enabled: row.enabled,
    events: row.events,
    created_at: row.createdAt.toISOString(),
  };
}

export function presentDeliveryOutcome(outcome: DeliveryOutcome): WebhookTestResult {
  return {
    delivered: outcome.delivered,
    status: outcome.status,
    duration_ms: outcome.durationMs,
    error: outcome.error,
  };
}
