/**
 * The demo-data loader (`POST /api/v1/orgs/{org_id}/demo-data`): a realistic usage workload of the
 * last days, ingested like real usage, so a new organization sees a full dashboard and can ask for
 * savings at once.
 */
import { z } from 'zod';

/** Longest demo period a request may ask for. */
export const MAX_DEMO_DAYS = 30;

/** Optional (no body at all arrives as null): the demo period in days, ending now (default 14). */
export const loadDemoDataBodySchema = z
  .strictObject({ days: z.number().int().min(1).max(MAX_DEMO_DAYS).optional() })
  .nullish();
export type LoadDemoDataBody = z.infer<typeof loadDemoDataBodySchema>;

export const demoDataLoadedSchema = z.object({
  /** Events stored. */
  events: z.number().int(),
  days: z.number().int(),
  /** The period the events cover, ISO-8601. */
  from: z.string(),
  to: z.string(),
  /** The features generated, with their request counts. */
  features: z.array(
    z.object({ feature: z.string(), provider: z.string(), model: z.string(), requests: z.number() }),
  ),
});
export type DemoDataLoaded = z.infer<typeof demoDataLoadedSchema>;
