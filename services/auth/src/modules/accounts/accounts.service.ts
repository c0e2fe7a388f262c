import type { AuthConfig } from '#config.js';
import type { AuditFields, AuditService } from '#modules/audit/audit.service.js';
import type { ClientInfo } from '#platform/http/client.js';
import { authErrors } from '#platform/http/errors.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { AccountRow, IdentityRow } from './accounts.tables.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

/** A password change; `currentPassword` is absent when the account sets its first password. */
export interface PasswordChange {
  currentPassword: string | undefined;
  newPassword: string;
}

export interface PasswordCredentials {
  email: string;
  password: string;
}

/** An account as `GET /auth/me` shows it: the row plus the providers it signs in with. */
export interface AccountProfile {
  account: AccountRow;
  providers: string[];
}

export interface AccountsDependencies {
  config: AuthConfig;
  accounts: AccountsRepository;
  audit: AuditService;
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/** Password accounts, the development account, and account lookups for the other modules. */
export class AccountsService {
  constructor(private readonly deps: AccountsDependencies) {}

  /** Creates a password account; the email must not be taken in any letter case. */
  async register(input: Registration, client: ClientInfo): Promise<AccountRow> {
    const passwordHash = await hashPassword(input.password);
    const { email, name } = input;
    const account = await this.deps.accounts.insert({ email, name, passwordHash, emailVerified: false });
    if (account === undefined) {
      await this.audit(client, 'register_failure', { email, details: { reason: 'email_taken' } });
      throw authErrors.emailTaken();
    }
    await this.audit(client, 'register', { userId: account.id, email: account.email });
    return account;
  }

  /**
   * Email + password login. Unknown emails cost the same argon2 verification as known ones; a locked
   * account is refused without checking the password, so guessing cannot continue during the lock.
   * @throws AppError 401 `invalid_credentials`, 423 `account_locked`, 403 `account_disabled`
   */
  async passwordLogin(input: PasswordCredentials, client: ClientInfo): Promise<AccountRow> {
    const account = await this.deps.accounts.findByEmail(input.email);
    if (account === undefined || account.passwordHash === null) {
      await verifyPassword(undefined, input.password);
      await this.audit(client, 'login_failure', {
        email: input.email,
        details: { reason: 'unknown_account' },
      });
      throw authErrors.invalidCredentials();
    }
    const { lockedUntil } = account;
    if (lockedUntil !== null && lockedUntil.getTime() > Date.now()) {
      const error = authErrors.accountLocked(secondsUntil(lockedUntil));
      return this.refuseLogin(client, account, 'locked', error);
    }
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      return this.refuseWrongPassword(account, client);
    }
    if (!account.active) {
      return this.refuseLogin(client, account, 'disabled', authErrors.accountDisabled());
    }
    return this.signedIn(account, client, 'password');
  }

  /** Development login: the configured developer account, created on first use. Refused elsewhere. */
  async devLogin(client: ClientInfo): Promise<AccountRow> {
    const { config, accounts } = this.deps;
    if (config.environment !== 'development') {
      await this.audit(client, 'dev_login_refused', { details: { environment: config.environment } });
      throw authErrors.devLoginDisabled();
    }
    const email = config.values.DEV_LOGIN_EMAIL;
    const account =
      (await accounts.findByEmail(email)) ??
      (await accounts.insert({ email, name: 'Developer', passwordHash: null, emailVerified: true })) ??
      (await accounts.findByEmail(email));
    if (account === undefined) {
      throw new Error('the development account could not be created');
    }
    return this.signedIn(account, client, 'dev');
  }

  /**
   * The signed-in account and its providers, for `GET /auth/me`.
   * @throws AppError 403 `account_disabled` when the account is disabled or gone
   */
  async profile(accountId: string): Promise<AccountProfile> {
    const account = await this.deps.accounts.findById(accountId);
    if (account?.active !== true) {
      throw authErrors.accountDisabled();
    }
    const identities = await this.deps.accounts.listIdentities(account.id);
    return { account, providers: identities.map((identity) => identity.provider) };
  }

  /**
   * Renames the signed-in account; the name shows in new access tokens (from the next refresh).
   * @throws AppError 403 `account_disabled`
   */
  async rename(accountId: string, name: string, client: ClientInfo): Promise<AccountProfile> {
    await this.profile(accountId);
    if ((await this.deps.accounts.rename(accountId, name)) === undefined) {
      throw authErrors.accountDisabled();
    }
    await this.audit(client, 'profile_updated', { userId: accountId, details: { fields: ['name'] } });
    return this.profile(accountId);
  }

  /**
   * Changes the password after checking the current one; an account without a password (provider
   * or development login) sets its first one without it. The caller ends the other sessions.
   * @throws AppError 400 `current_password_incorrect` / `current_password_required`, 403 `account_disabled`
   */
  async changePassword(accountId: string, change: PasswordChange, client: ClientInfo): Promise<AccountRow> {
    const { account } = await this.profile(accountId);
    const who = { userId: account.id, email: account.email };
    if (account.passwordHash !== null) {
      if (change.currentPassword === undefined || change.currentPassword === '') {
        throw authErrors.currentPasswordRequired();
      }
      if (!(await verifyPassword(account.passwordHash, change.currentPassword))) {
        await this.audit(client, 'password_change_failure', {
          ...who,
          details: { reason: 'wrong_password' },
        });
        throw authErrors.currentPasswordIncorrect();
      }
    }
    await this.deps.accounts.setPassword(account.id, await hashPassword(change.newPassword));
    await this.audit(client, 'password_changed', {
      ...who,
      details: { first: account.passwordHash === null },
    });
    return account;
  }

  findById(id: string): Promise<AccountRow | undefined> {
    return this.deps.accounts.findById(id);
  }

  findByEmail(email: string): Promise<AccountRow | undefined> {
    return this.deps.accounts.findByEmail(email);
  }

  /** The identity a provider's subject is linked to, if any. */
  findIdentity(provider: string, subject: string): Promise<IdentityRow | undefined> {
    return this.deps.accounts.findIdentity(provider, subject);
  }

  /** Enables or disables an account; a disabled account cannot sign in by any method. */
  setActive(accountId: string, active: boolean): Promise<void> {
    return this.deps.accounts.setActive(accountId, active);
  }

  private audit(client: ClientInfo, event: string, fields: AuditFields): Promise<void> {
    return this.deps.audit.record(client, event, fields);
  }

  private async signedIn(account: AccountRow, client: ClientInfo, method: string): Promise<AccountRow> {
    await this.deps.accounts.recordSuccessfulLogin(account.id);
    const fields = { userId: account.id, email: account.email, details: { method } };
    await this.audit(client, 'login_success', fields);
    return account;
  }

  private async refuseLogin(
    client: ClientInfo,
    account: AccountRow,
    reason: string,
    error: Error,
  ): Promise<never> {
    await this.audit(client, 'login_failure', {
      userId: account.id,
      email: account.email,
      details: { reason },
    });
    throw error;
  }

  private async refuseWrongPassword(account: AccountRow, client: ClientInfo): Promise<never> {
    const { LOGIN_MAX_FAILURES, LOCKOUT_S } = this.deps.config.values;
    const lockUntil = new Date(Date.now() + LOCKOUT_S * 1000);
    const updated = await this.deps.accounts.recordFailedLogin(account.id, LOGIN_MAX_FAILURES, lockUntil);
    const failures = updated?.failedLoginCount ?? account.failedLoginCount + 1;
    const who = { userId: account.id, email: account.email };
    await this.audit(client, 'login_failure', { ...who, details: { reason: 'wrong_password', failures } });
    if (failures === LOGIN_MAX_FAILURES) {
      await this.audit(client, 'account_locked', { ...who, details: { until: lockUntil.toISOString() } });
    }
    throw authErrors.invalidCredentials();
  }
}
