import { z } from 'zod';
import type { ProviderProfile } from './provider.js';

const emailSchema = z.email();
const text = z.string().trim().min(1).max(200);

/** The standard claims we read; anything else a provider sends is ignored. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().optional().catch(undefined),
  // Most providers send a boolean; a few (older Cognito pools, some gateways) send "true".
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .catch(undefined),
  name: text.optional().catch(undefined),
  given_name: text.optional().catch(undefined),
  family_name: text.optional().catch(undefined),
  preferred_username: text.optional().catch(undefined),
  picture: z.url().max(2000).optional().catch(undefined),
});

function displayName(claims: z.infer<typeof claimsSchema>): string | undefined {
  const parts = [claims.given_name, claims.family_name].filter((part) => part !== undefined);
  return claims.name ?? (parts.length > 0 ? parts.join(' ') : claims.preferred_username);
}

/**
 * Maps OpenID Connect claims (ID token merged with userinfo) to a profile. An email only counts
 * as verified when `email_verified` says so explicitly; a malformed email is dropped.
 */
export function profileFromClaims(claims: unknown, issuer: string): ProviderProfile {
  const parsed = claimsSchema.parse(claims);
  const email = emailSchema.safeParse(parsed.email).success ? parsed.email : undefined;
  const extra: Record<string, string> = { issuer };
  if (parsed.preferred_username !== undefined) {
    extra.username = parsed.preferred_username;
  }
  if (parsed.picture !== undefined) {
    extra.picture = parsed.picture;
  }
  return {
    subject: parsed.sub,
    email,
    emailVerified: email !== undefined && String(parsed.email_verified) === 'true',
    name: displayName(parsed),
    extra,
  };
}
