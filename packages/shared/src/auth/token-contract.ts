import { z } from 'zod';

/** ARCHITECTURE §4.4: who issues access tokens and for whom. */
export const ACCESS_TOKEN_ISSUER = 'netra-auth-service';
export const ACCESS_TOKEN_AUDIENCE = 'netra-platform';
/** Access tokens are signed with Ed25519 only; every other algorithm is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';

/** The claims of a verified access token. */
export const accessTokenClaimsSchema = z.object({
  iss: z.literal(ACCESS_TOKEN_ISSUER),
  aud: z.union([
    z.literal(ACCESS_TOKEN_AUDIENCE),
    z.array(z.string()).refine((a) => a.includes(ACCESS_TOKEN_AUDIENCE)),
  ]),
  sub: z.string().min(1),
  email: z.string(),
  name: z.string(),
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  token_type: z.literal('access'),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** A signed-in user as the auth service presents it. */
export const authUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  email_verified: z.boolean(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** Body of every response that signs a user in (the refresh token travels only in its cookie). */
export const authSessionSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
  user: authUserSchema,
});
export type AuthSession = z.infer<typeof authSessionSchema>;
