import { z } from 'zod';

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

/** `POST /auth/register`. */
export const registerBodySchema = z.object({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
});

/** `POST /auth/login`. */
export const loginBodySchema = z.object({
  email,
  password: z.string().min(1, 'must not be empty').max(256),
});

/** `PATCH /auth/me`: the display name. */
export const updateProfileBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

/**
 * `POST /auth/password`. `current_password` may be left out only by an account that has none yet
 * (it signed in through a provider or the development login) and sets its first one.
 */
export const changePasswordBodySchema = z.strictObject({
  current_password: z.string().max(256).optional(),
  new_password: z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters'),
});
