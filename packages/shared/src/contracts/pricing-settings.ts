/**
 * Price overrides, what-if re-pricing and data settings (`/api/v1/orgs/{org_id}/price-overrides`,
 * `…/reprice`, `…/settings`). The override spec itself (`model_price`, `alias`, `discount`) is
 * validated by the price engine's own schema on the backend; here it travels as an object.
 */
import { z } from 'zod';

/** Longest retention an organization may set (ten years); null keeps usage forever. */
export const MAX_RETENTION_DAYS = 3650;

export const orgSettingsSchema = z.object({
  /** Usage older than this many days is deleted; null keeps it forever. */
  retention_days: z.number().int().nullable(),
  /** Whether ingestion keeps prompt text (default false: dropped before storage). */
  store_prompts: z.boolean(),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const updateOrgSettingsBodySchema = z.strictObject({
  retention_days: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable().optional(),
  store_prompts: z.boolean().optional(),
});
export type UpdateOrgSettingsBody = z.infer<typeof updateOrgSettingsBodySchema>;

/** An override as stored, in force over `[effective_from, effective_to)` (null ends are open). */
export const priceOverrideRecordSchema = z.object({
  id: z.string(),
  override: z.record(z.string(), z.unknown()),
  effective_from: z.string().nullable(),
  effective_to: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PriceOverrideRecord = z.infer<typeof priceOverrideRecordSchema>;

const repriceFigures = {
  requests: z.number(),
  /** The costs stored at ingestion. */
  before_usd: z.number(),
  /** The engine's re-pricing under the scenario. */
  after_usd: z.number(),
  /** Requests without a stored cost (before) or that the scenario cannot price (after): never $0. */
  unpriced_before: z.number(),
  unpriced_after: z.number(),
};

export const repriceAnswerSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...repriceFigures, difference_usd: z.number() }),
  /** Per model as priced at ingestion, with the model it was re-priced as. */
  models: z.array(z.object({ model: z.string(), repriced_as: z.string(), ...repriceFigures })),
});
export type RepriceAnswer = z.infer<typeof repriceAnswerSchema>;
