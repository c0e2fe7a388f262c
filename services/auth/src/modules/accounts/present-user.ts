import type { AuthUser } from '@netra/shared';
import type { AccountProfile as AccountProfileBody } from '@netra/shared/contracts';
import type { AccountProfile } from './accounts.service.js';
import type { AccountRow } from './accounts.tables.js';

/** The user as every auth response shows it; never includes the password hash or counters. */
export function presentUser(account: AccountRow): AuthUser {
  return { id: account.id, email: account.email, name: account.name, email_verified: account.emailVerified };
}

/** `GET /auth/me`: the user, whether a password is set, and the providers it signs in with. */
export function presentProfile(profile: AccountProfile): AccountProfileBody {
  const { account, providers } = profile;
  return { ...presentUser(account), has_password: account.passwordHash !== null, providers };
}
