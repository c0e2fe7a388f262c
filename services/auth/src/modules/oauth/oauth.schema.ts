import { z } from 'zod';

/** Any id is accepted here; an unknown or unconfigured provider becomes 404 in the service. */
export const providerParamsSchema = z.object({ provider: z.string().min(1).max(40) });

/** `redirect`: where to return after login; checked against the allowlist by the service. */
export const loginQuerySchema = z.object({
  redirect: z.string().min(1).max(2048).optional(),
});

/**
 * What a provider may put on the callback URL; other parameters are ignored. A missing or
 * unknown state is the service's `invalid_state`, not a validation error.
 */
export const callbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().min(1).max(200).optional(),
});
