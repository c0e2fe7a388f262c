import { priceOverrideSchema } from '@netra/optimizer';
import { priceOverrideRecordSchema, repriceAnswerSchema } from '@netra/shared/contracts';
import { z } from 'zod';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { PriceOverrideRow } from './pricing.tables.js';

const instant = z.iso.datetime({ offset: true });

/** A new override: the optimizer's spec and the half-open range it is in force over (null: open). */
export const createPriceOverrideBodySchema = z.strictObject({
  override: priceOverrideSchema,
  effective_from: instant.nullable().default(null),
  effective_to: instant.nullable().default(null),
});

/** A change: any of the fields; the others keep their value. */
export const updatePriceOverrideBodySchema = z.strictObject({
  override: priceOverrideSchema.optional(),
  effective_from: instant.nullable().optional(),
  effective_to: instant.nullable().optional(),
});

export const priceOverrideParamsSchema = orgParamsSchema.extend({ id: z.uuid() });

export const priceOverrideResponseSchema = priceOverrideRecordSchema;

export type CreatePriceOverrideBody = z.input<typeof createPriceOverrideBodySchema>;
export type UpdatePriceOverrideBody = z.input<typeof updatePriceOverrideBodySchema>;
export type PriceOverrideResponse = z.infer<typeof priceOverrideResponseSchema>;

export function presentPriceOverride(row: PriceOverrideRow): PriceOverrideResponse {
  return {
    id: row.id,
    override: row.spec,
    effective_from: row.effectiveFrom?.toISOString() ?? null,
    effective_to: row.effectiveTo?.toISOString() ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const modelRef = z.strictObject({
  model: z.string().trim().min(1).max(256),
  provider: z.string().trim().min(1).max(256).optional(),
});

/** What-if: a period re-priced under other prices and/or with some models swapped for others. */
export const repriceBodySchema = z
  .strictObject({
    from: instant,
    to: instant,
    /** Overrides applied over the whole period, winning over the organization's own. */
    overrides: z.array(priceOverrideSchema).max(100).default([]),
    /** Event model (as sent, case-insensitive) → the model to price it as instead. */
    model_substitutions: z
      .record(z.string().trim().min(1).max(256), z.union([z.string().trim().min(1).max(256), modelRef]))
      .default({}),
  })
  .refine((body) => Date.parse(body.from) < Date.parse(body.to), {
    path: ['to'],
    message: 'must be after from',
  });

export type RepriceBody = z.input<typeof repriceBodySchema>;

export const repriceResponseSchema = repriceAnswerSchema;

export type RepriceResponse = z.infer<typeof repriceResponseSchema>;
