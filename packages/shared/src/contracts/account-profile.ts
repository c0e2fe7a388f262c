/**
 * The signed-in account as the auth service shows and changes it: `GET/PATCH /auth/me` and
 * `POST /auth/password` (services/auth).
 * @module
 */
import { z } from 'zod';
import { authUserSchema } from '#auth/token-contract.js';

/** `GET /auth/me`: the user, whether a password is set, and the providers it signs in with. */
export const accountProfileSchema = authUserSchema.extend({
  has_password: z.boolean(),
  providers: z.array(z.string()),
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

/** `PATCH /auth/me`: the display name. */
export const updateProfileBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});
export type UpdateProfileBody = z.input<typeof updateProfileBodySchema>;

/** Longest and shortest password the auth service takes (registration and changes alike). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * `POST /auth/password`. `current_password` may be left out only by an account that has none yet
 * (it signed in through a provider or the development login) and sets its first one.
 */
export const changePasswordBodySchema = z.strictObject({
  current_password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  new_password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
});
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;

/** The answer of a password change: how many other sessions it ended. */
export const passwordChangedSchema = z.object({
  changed: z.literal(true),
  other_sessions_revoked: z.int().nonnegative(),
});
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
