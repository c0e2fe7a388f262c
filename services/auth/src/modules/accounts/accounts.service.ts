import { authErrors } from '#platform/http/errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { AuthContext, ClientInfo } from '#context.js';
import {
  appendAudit,
  findUserByEmail,
  insertUser,
  recordFailedLogin,
  recordSuccessfulLogin,
} from '#platform/stores/auth.repository.js';
import type { UserRow } from '#platform/stores/schema.js';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

const audit = (
  ctx: AuthContext,
  client: ClientInfo,
  event: string,
  fields: { userId?: string; email?: string; details?: Record<string, unknown> },
) => appendAudit(ctx.db, { event, ip: client.ip, userAgent: client.userAgent, ...fields });

/** Creates a password account; the email must not be taken in any letter case. */
export async function register(ctx: AuthContext, input: Registration, client: ClientInfo): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(ctx.db, {
    email: input.email,
    name: input.name,
    passwordHash,
    emailVerified: false,
  });
  if (user === undefined) {
    await audit(ctx, client, 'register_failure', { email: input.email, details: { reason: 'email_taken' } });
    throw authErrors.emailTaken();
  }
  await audit(ctx, client, 'register', { userId: user.id, email: user.email });
  return user;
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

async function refuseLogin(
  ctx: AuthContext,
  client: ClientInfo,
  user: UserRow,
  reason: string,
  error: Error,
): Promise<never> {
  await audit(ctx, client, 'login_failure', { userId: user.id, email: user.email, details: { reason } });
  throw error;
}

async function refuseWrongPassword(ctx: AuthContext, user: UserRow, client: ClientInfo): Promise<never> {
  const { LOGIN_MAX_FAILURES, LOCKOUT_S } = ctx.config.values;
  const lockUntil = new Date(Date.now() + LOCKOUT_S * 1000);
  const updated = await recordFailedLogin(ctx.db, user.id, LOGIN_MAX_FAILURES, lockUntil);
  const failures = updated?.failedLoginCount ?? user.failedLoginCount + 1;
  await audit(ctx, client, 'login_failure', {
    userId: user.id,
    email: user.email,
    details: { reason: 'wrong_password', failures },
  });
  if (failures === LOGIN_MAX_FAILURES) {
    await audit(ctx, client, 'account_locked', {
      userId: user.id,
      email: user.email,
      details: { until: lockUntil.toISOString() },
    });
  }
  throw authErrors.invalidCredentials();
}

/**
 * Email + password login. Unknown emails cost the same argon2 verification as known ones; a locked
 * account is refused without checking the password, so guessing cannot continue during the lock.
 */
export async function passwordLogin(
  ctx: AuthContext,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<UserRow> {
  const user = await findUserByEmail(ctx.db, input.email);
  if (user === undefined || user.passwordHash === null) {
    await verifyPassword(undefined, input.password);
    await audit(ctx, client, 'login_failure', { email: input.email, details: { reason: 'unknown_account' } });
    throw authErrors.invalidCredentials();
  }
  if (user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now()) {
    return refuseLogin(ctx, client, user, 'locked', authErrors.accountLocked(secondsUntil(user.lockedUntil)));
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    return refuseWrongPassword(ctx, user, client);
  }
  if (!user.active) {
    return refuseLogin(ctx, client, user, 'disabled', authErrors.accountDisabled());
  }
  await recordSuccessfulLogin(ctx.db, user.id);
  await audit(ctx, client, 'login_success', {
    userId: user.id,
    email: user.email,
    details: { method: 'password' },
  });
  return user;
}

/** Development login: the configured developer account, created on first use. Refused elsewhere. */
export async function devLogin(ctx: AuthContext, client: ClientInfo): Promise<UserRow> {
  if (ctx.config.environment !== 'development') {
    await audit(ctx, client, 'dev_login_refused', { details: { environment: ctx.config.environment } });
    throw authErrors.devLoginDisabled();
  }
  const email = ctx.config.values.DEV_LOGIN_EMAIL;
  const existing = await findUserByEmail(ctx.db, email);
  const user =
    existing ??
    (await insertUser(ctx.db, { email, name: 'Developer', passwordHash: null, emailVerified: true })) ??
    (await findUserByEmail(ctx.db, email));
  if (user === undefined) {
    throw new Error('the development account could not be created');
  }
  await recordSuccessfulLogin(ctx.db, user.id);
  await audit(ctx, client, 'login_success', { userId: user.id, email, details: { method: 'dev' } });
  return user;
}
