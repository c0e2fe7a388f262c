import { z } from 'zod';

export const tierModeSchema = z.enum(['embedded', 'server']);
export type TierMode = z.infer<typeof tierModeSchema>;

export const tierStatusSchema = z.object({
  mode: tierModeSchema,
  ok: z.boolean(),
  engine: z.string(),
  latency_ms: z.number().nonnegative(),
  error: z.string().optional(),
});
export type TierStatus = z.infer<typeof tierStatusSchema>;

/** `/health`: the process is alive. */
export const livenessSchema = z.object({
  status: z.literal('ok'),
  service: z.string(),
  version: z.string(),
  uptime_s: z.number().nonnegative(),
});
export type Liveness = z.infer<typeof livenessSchema>;

/** `/health/ready`: every store the service needs is reachable; says which mode each tier runs in. */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  service: z.string(),
  environment: z.string(),
  tiers: z.record(z.string(), tierStatusSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;
