import { z } from 'zod';
import { MAX_RETENTION_DAYS } from './settings.tables.js';

export const settingsSchema = z.object({
  /** Usage older than this many days is deleted; null keeps it forever. */
  retention_days: z.number().int().nullable(),
  /** Whether ingestion keeps prompt text (default false: dropped before storage). */
  store_prompts: z.boolean(),
});

export const updateSettingsBodySchema = z.strictObject({
  retention_days: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable().optional(),
  store_prompts: z.boolean().optional(),
});

export type OrgSettings = z.infer<typeof settingsSchema>;
export type UpdateSettingsBody = z.infer<typeof updateSettingsBodySchema>;
