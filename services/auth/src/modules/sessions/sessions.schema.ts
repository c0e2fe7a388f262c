import { z } from 'zod';

/** `POST /auth/introspect/jti`: is this access token id on the revocation list? */
export const introspectBodySchema = z.object({ jti: z.string().min(1).max(200) });
