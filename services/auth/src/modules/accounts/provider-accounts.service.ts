import { authErrors } from '#platform/http/errors.js';
import type { AuthContext, ClientInfo } from '#context.js';
import { oauthErrors } from '#modules/oauth/oauth-errors.js';
import type { ProviderProfile } from '#modules/oauth/providers/provider.js';
import {
  appendAudit,
  clearPassword,
  findIdentity,
  findUserByEmail,
  findUserById,
  insertIdentity,
  insertUser,
  markEmailVerified,
  recordSuccessfulLogin,
  revokeUserSessions,
  touchIdentity,
} from '#platform/stores/auth.repository.js';
import type { UserRow } from '#platform/stores/schema.js';

/** Who signed in through which provider, for the audit log. */
export interface ProviderAuditFields {
  provider: string;
  userId?: string;
  email?: string;
  details?: Record<string, unknown>;
}

/** Appends an audit entry for a provider login step; every entry carries `method: oauth`. */
export async function auditProviderEvent(
  ctx: AuthContext,
  client: ClientInfo,
  event: string,
  fields: ProviderAuditFields,
): Promise<void> {
  await appendAudit(ctx.db, {
    event,
    provider: fields.provider,
    userId: fields.userId,
    email: fields.email,
    ip: client.ip,
    userAgent: client.userAgent,
    details: { method: 'oauth', provider: fields.provider, ...fields.details },
  });
}

/** One provider login in progress: what every step below needs. */
interface ProviderLogin {
  ctx: AuthContext;
  client: ClientInfo;
  provider: string;
  profile: ProviderProfile;
}

/** The account a login resolved to; `existing` when it was there before this login. */
interface FoundAccount {
  user: UserRow;
  existing: boolean;
}

const audit = (login: ProviderLogin, event: string, fields: Omit<ProviderAuditFields, 'provider'>) =>
  auditProviderEvent(login.ctx, login.client, event, { provider: login.provider, ...fields });

async function refuse(login: ProviderLogin, reason: string, error: Error, user?: UserRow): Promise<never> {
  const who = user === undefined ? { email: login.profile.email } : { userId: user.id, email: user.email };
  await audit(login, 'login_failure', { ...who, details: { reason } });
  throw error;
}

/** What is kept on the identity: what the provider said, never its tokens. */
function identityProfile(profile: ProviderProfile): Record<string, unknown> {
  return {
    email: profile.email ?? null,
    email_verified: profile.emailVerified,
    name: profile.name ?? null,
    ...profile.extra,
  };
}

async function createAccount(login: ProviderLogin, email: string): Promise<UserRow | undefined> {
  const { profile } = login;
  const name = profile.name ?? email.split('@')[0] ?? email;
  const user = { email, name, passwordHash: null, emailVerified: profile.emailVerified };
  const created = await insertUser(login.ctx.db, user);
  if (created !== undefined) {
    await audit(login, 'register', { userId: created.id, email });
  }
  return created;
}

/**
 * The account for a subject seen for the first time: the account holding the same email when
 * the provider asserts it verified, else a new passwordless account.
 */
async function accountForNewIdentity(login: ProviderLogin): Promise<FoundAccount> {
  const { email, emailVerified } = login.profile;
  if (email === undefined) {
    return refuse(login, 'email_missing', oauthErrors.emailMissing());
  }
  const existing = emailVerified ? await findUserByEmail(login.ctx.db, email) : undefined;
  const created = existing === undefined ? await createAccount(login, email) : undefined;
  // Neither found nor created: a concurrent first login took the email (verified: join it), or
  // an account holds it that an unverified provider email must not claim.
  const user =
    existing ?? created ?? (emailVerified ? await findUserByEmail(login.ctx.db, email) : undefined);
  return user === undefined
    ? refuse(login, 'email_not_verified', oauthErrors.emailNotVerified())
    : { user, existing: created === undefined };
}

async function userOf(ctx: AuthContext, userId: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, userId);
  if (user === undefined) {
    throw new Error('identity points at a missing user');
  }
  return user;
}

/**
 * An account whose email was never proven may have been registered by someone else to lie in wait
 * for the real owner. When the provider proves the email, whatever that registration holds — its
 * password and its sessions — is withdrawn, so only the proven owner keeps access.
 */
async function withdrawUnprovenAccess(login: ProviderLogin, user: UserRow): Promise<UserRow> {
  await clearPassword(login.ctx.db, user.id);
  const revoked = await revokeUserSessions(login.ctx.db, user.id, 'account_claimed');
  const details = { sessions_revoked: revoked, password_cleared: user.passwordHash !== null };
  await audit(login, 'unproven_access_withdrawn', { userId: user.id, email: user.email, details });
  return { ...user, passwordHash: null };
}

/** Records that an existing account now also signs in with this provider. */
async function noteLinked(login: ProviderLogin, user: UserRow): Promise<UserRow> {
  const linked = user.emailVerified ? user : await withdrawUnprovenAccess(login, user);
  // The provider verified the address, which is what linking relied on.
  if (!user.emailVerified) {
    await markEmailVerified(login.ctx.db, user.id);
  }
  const details = { email_previously_verified: user.emailVerified };
  await audit(login, 'identity_linked', { userId: user.id, email: user.email, details });
  return { ...linked, emailVerified: true };
}

/** Links the identity; when a concurrent login linked the same subject first, that link wins. */
async function linkIdentity(login: ProviderLogin, found: FoundAccount): Promise<UserRow> {
  const { ctx, provider, profile } = login;
  const link = {
    userId: found.user.id,
    provider,
    subject: profile.subject,
    profile: identityProfile(profile),
  };
  if ((await insertIdentity(ctx.db, link)) === undefined) {
    const winner = await findIdentity(ctx.db, provider, profile.subject);
    return winner === undefined ? found.user : userOf(ctx, winner.userId);
  }
  return found.existing ? noteLinked(login, found.user) : found.user;
}

/**
 * Signs a person in with a provider profile: a known identity signs in its user (profile
 * refreshed); else a verified email links to its account; else a new account is created.
 * Disabled accounts are refused before anything is linked.
 * @throws AppError 403 `account_disabled`, 400 `email_missing`, 409 `email_not_verified`
 */
export async function signInWithProvider(
  ctx: AuthContext,
  provider: string,
  profile: ProviderProfile,
  client: ClientInfo,
): Promise<UserRow> {
  const login: ProviderLogin = { ctx, client, provider, profile };
  const identity = await findIdentity(ctx.db, provider, profile.subject);
  const found =
    identity === undefined
      ? await accountForNewIdentity(login)
      : { user: await userOf(ctx, identity.userId), existing: true };
  if (!found.user.active) {
    return refuse(login, 'disabled', authErrors.accountDisabled(), found.user);
  }
  const user = identity === undefined ? await linkIdentity(login, found) : found.user;
  if (identity !== undefined) {
    await touchIdentity(ctx.db, identity.id, identityProfile(profile));
  }
  await recordSuccessfulLogin(ctx.db, user.id);
  await audit(login, 'login_success', { userId: user.id, email: user.email });
  return user;
}
