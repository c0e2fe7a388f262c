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

/** `PATCH /auth/me` and `POST /auth/password`: the shared wire contract, so the web app validates alike. */
export { changePasswordBodySchema, updateProfileBodySchema } from '@netra/shared/contracts';
