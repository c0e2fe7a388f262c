import type { AuthUser } from '@netra/shared';
import type { UserRow } from '#platform/stores/schema.js';

/** The user as every auth response shows it; never includes the password hash or counters. */
export function presentUser(user: UserRow): AuthUser {
  return { id: user.id, email: user.email, name: user.name, email_verified: user.emailVerified };
}
