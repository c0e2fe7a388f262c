/**
 * Webhook targets as the settings screen manages them: whether a target is on, which alert kinds it
 * receives, the change body of `PATCH …/settings/webhooks/{id}` and the answer of
 * `POST …/settings/webhooks/{id}/test` (one test delivery, sent at once, with its outcome).
 * @module
 */
import { z } from 'zod';
import { ALERT_KINDS, createWebhookBodySchema, webhookSchema } from './budgets.js';

/** The alert kinds a target can receive; a new target receives all of them. */
export const WEBHOOK_EVENTS = ALERT_KINDS;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS))
  .max(WEBHOOK_EVENTS.length)
  .refine((values) => new Set(values).size === values.length, 'events must not repeat');

/** A target with its switch and its event filter (a disabled target receives nothing). */
export const webhookTargetSchema = webhookSchema.extend({
  enabled: z.boolean(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
});
export type WebhookTarget = z.infer<typeof webhookTargetSchema>;
export const createdWebhookTargetSchema = webhookTargetSchema.extend({ secret: z.string() });
export const webhookTargetListSchema = z.object({ items: z.array(webhookTargetSchema) });

/** Any of URL, switch and events; the others keep their value. */
export const updateWebhookBodySchema = z
  .strictObject({
    url: createWebhookBodySchema.shape.url.optional(),
    enabled: z.boolean().optional(),
    events: eventsSchema.optional(),
  })
  .refine((body) => body.url !== undefined || body.enabled !== undefined || body.events !== undefined, {
    message: 'name at least one of url, enabled, events',
  });
export type UpdateWebhookBody = z.output<typeof updateWebhookBodySchema>;

/**
 * One test delivery: `delivered` when the target answered 2xx; `status` is the HTTP status it
 * answered (null when it gave none: refused, unreachable, timed out), `error` says why it failed.
 */
export const webhookTestResultSchema = z.object({
  delivered: z.boolean(),
  status: z.int().nullable(),
  duration_ms: z.number().nonnegative(),
  error: z.string().nullable(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
