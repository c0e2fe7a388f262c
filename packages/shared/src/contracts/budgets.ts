/**
 * Budgets (an amount per month on a scope, with thresholds), the alerts they and the anomaly checks
 * fire, and webhook targets: request bodies and answers of `/api/v1/orgs/{org_id}/budgets|alerts|…`.
 * @module
 */
import { z } from 'zod';

export const BUDGET_SCOPES = ['org', 'feature', 'model', 'provider', 'user_id', 'tag'] as const;
export const ALERT_KINDS = [
  'threshold_crossed',
  'threshold_forecast',
  'spend_anomaly',
  'error_rate_anomaly',
] as const;
export const WEBHOOK_FORMATS = ['generic', 'slack'] as const;

export const DEFAULT_THRESHOLDS = [50, 80, 100];
const isoDate = z.iso.datetime({ offset: true });

/** Percentages of the budget, each from 1 to 1000, no repeats; stored ascending. */
const thresholdsSchema = z
  .array(z.int().min(1).max(1000))
  .min(1)
  .max(10)
  .refine((values) => new Set(values).size === values.length, 'thresholds must not repeat')
  .transform((values) => [...values].sort((a, b) => a - b));

/** `org` covers the whole organization and takes no value; the others name the feature, model, … */
const scopeSchema = z
  .object({ kind: z.enum(BUDGET_SCOPES), value: z.string().trim().max(200).default('') })
  .refine((scope) => (scope.kind === 'org') === (scope.value === ''), {
    message: 'a value names the feature, model, provider, user or tag; the org scope takes none',
    path: ['value'],
  });

const amountSchema = z.number().positive().max(1e12);

export const createBudgetBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  amount_usd: amountSchema,
  scope: scopeSchema.default({ kind: 'org', value: '' }),
  thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
});
export type CreateBudgetBody = z.output<typeof createBudgetBodySchema>;

export const updateBudgetBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    amount_usd: amountSchema,
    scope: scopeSchema,
    thresholds: thresholdsSchema,
  })
  .partial();
export type UpdateBudgetBody = z.output<typeof updateBudgetBodySchema>;

export const budgetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  amount_usd: z.number(),
  scope: z.object({ kind: z.enum(BUDGET_SCOPES), value: z.string() }),
  thresholds: z.array(z.int()),
  /** The current UTC month: spend so far, the last 7 complete days' average, and the month-end forecast. */
  current: z.object({
    month: z.string(),
    spend_usd: z.number(),
    daily_rate_usd: z.number(),
    forecast_usd: z.number(),
  }),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Budget = z.infer<typeof budgetSchema>;
export const budgetListSchema = z.object({ items: z.array(budgetSchema) });

export const alertSchema = z.object({
  id: z.uuid(),
  budget_id: z.uuid(),
  kind: z.enum(ALERT_KINDS),
  /** The threshold percentage of a budget alert; null for anomalies. */
  threshold_pct: z.int().nullable(),
  /** `YYYY-MM` for budget alerts, the anomalous day for anomalies. */
  period: z.string(),
  details: z.record(z.string(), z.unknown()),
  fired_at: isoDate,
});
export type Alert = z.infer<typeof alertSchema>;

/** http(s) only, no credentials in it (they would be logged and shown); the signature authenticates us. */
const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: 'an http or https URL' })
  .max(2048)
  // Zod runs this check even when the URL check failed, so it must not assume a parsable URL.
  .refine((url) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return parsed === undefined || (parsed.username === '' && parsed.password === '');
  }, 'the URL must not hold a user or password');

export const createWebhookBodySchema = z.object({
  url: webhookUrlSchema,
  format: z.enum(WEBHOOK_FORMATS).default('generic'),
  /** Signs each body (HMAC-SHA256); one is generated when none is given. Returned only now. */
  secret: z.string().min(16).max(200).optional(),
});
export type CreateWebhookBody = z.output<typeof createWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  created_at: isoDate,
});
export type Webhook = z.infer<typeof webhookSchema>;
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
