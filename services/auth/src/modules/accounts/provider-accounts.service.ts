import type { AuditFields, AuditService } from '#modules/audit/audit.service.js';
import type { ProviderProfile } from '#modules/oauth/providers/provider.js';
import type { SessionsService } from '#modules/sessions/sessions.service.js';
import type { ClientInfo } from '#platform/http/client.js';
import { authErrors } from '#platform/http/errors.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { AccountRow } from './accounts.tables.js';

export interface ProviderAccountsDependencies {
  accounts: AccountsRepository;
  /** To withdraw the sessions of an account whose email a provider proves belongs to someone else. */
  sessions: SessionsService;
  audit: AuditService;
}

/** One provider login in progress: what every step below needs. */
interface ProviderLogin {
  client: ClientInfo;
  provider: string;
  profile: ProviderProfile;
}

/** The account a login resolved to; `existing` when it was there before this login. */
interface FoundAccount {
  account: AccountRow;
  existing: boolean;
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

/** Accounts as provider (OAuth/OIDC) logins find, link and create them. */
export class ProviderAccountsService {
  constructor(private readonly deps: ProviderAccountsDependencies) {}

  /**
   * Signs a person in with a provider profile: a known identity signs in its account (profile
   * refreshed); else a verified email links to its account; else a new account is created.
   * Disabled accounts are refused before anything is linked.
   * @throws AppError 403 `account_disabled`, 400 `email_missing`, 409 `email_not_verified`
   */
  async signIn(provider: string, profile: ProviderProfile, client: ClientInfo): Promise<AccountRow> {
    const login: ProviderLogin = { client, provider, profile };
    const { accounts } = this.deps;
    const identity = await accounts.findIdentity(provider, profile.subject);
    const found =
      identity === undefined
        ? await this.accountForNewIdentity(login)
        : { account: await this.accountOf(identity.userId), existing: true };
    if (!found.account.active) {
      return this.refuse(login, 'disabled', authErrors.accountDisabled(), found.account);
    }
    const account = identity === undefined ? await this.linkIdentity(login, found) : found.account;
    if (identity !== undefined) {
      await accounts.touchIdentity(identity.id, identityProfile(profile));
    }
    await accounts.recordSuccessfulLogin(account.id);
    await this.audit(login, 'login_success', { userId: account.id, email: account.email });
    return account;
  }

  private audit(login: ProviderLogin, event: string, fields: AuditFields): Promise<void> {
    return this.deps.audit.recordProviderEvent(login.client, event, { ...fields, provider: login.provider });
  }

  private async refuse(
    login: ProviderLogin,
    reason: string,
    error: Error,
    account?: AccountRow,
  ): Promise<never> {
    const who =
      account === undefined ? { email: login.profile.email } : { userId: account.id, email: account.email };
    await this.audit(login, 'login_failure', { ...who, details: { reason } });
    throw error;
  }

  private async accountOf(accountId: string): Promise<AccountRow> {
    const account = await this.deps.accounts.findById(accountId);
    if (account === undefined) {
      throw new Error('identity points at a missing account');
    }
    return account;
  }

  private async createAccount(login: ProviderLogin, email: string): Promise<AccountRow | undefined> {
    const { profile } = login;
    const name = profile.name ?? email.split('@')[0] ?? email;
    const account = { email, name, passwordHash: null, emailVerified: profile.emailVerified };
    const created = await this.deps.accounts.insert(account);
    if (created !== undefined) {
      await this.audit(login, 'register', { userId: created.id, email });
    }
    return created;
  }

  /**
   * The account for a subject seen for the first time: the account holding the same email when
   * the provider asserts it verified, else a new passwordless account.
   */
  private async accountForNewIdentity(login: ProviderLogin): Promise<FoundAccount> {
    const { email, emailVerified } = login.profile;
    if (email === undefined) {
      return this.refuse(login, 'email_missing', authErrors.emailMissing());
    }
    const { accounts } = this.deps;
    const existing = emailVerified ? await accounts.findByEmail(email) : undefined;
    const created = existing === undefined ? await this.createAccount(login, email) : undefined;
    // Neither found nor created: a concurrent first login took the email (verified: join it), or
    // an account holds it that an unverified provider email must not claim.
    const account = existing ?? created ?? (emailVerified ? await accounts.findByEmail(email) : undefined);
    return account === undefined
      ? this.refuse(login, 'email_not_verified', authErrors.emailNotVerified())
      : { account, existing: created === undefined };
  }

  /**
   * An account whose email was never proven may have been registered by someone else to lie in wait
   * for the real owner. When the provider proves the email, whatever that registration holds — its
   * password and its sessions — is withdrawn, so only the proven owner keeps access.
   */
  private async withdrawUnprovenAccess(login: ProviderLogin, account: AccountRow): Promise<AccountRow> {
    await this.deps.accounts.clearPassword(account.id);
    const revoked = await this.deps.sessions.revokeAllOf(account.id, 'account_claimed');
    const details = { sessions_revoked: revoked, password_cleared: account.passwordHash !== null };
    await this.audit(login, 'unproven_access_withdrawn', {
      userId: account.id,
      email: account.email,
      details,
    });
    return { ...account, passwordHash: null };
  }

  /** Records that an existing account now also signs in with this provider. */
  private async noteLinked(login: ProviderLogin, account: AccountRow): Promise<AccountRow> {
    const linked = account.emailVerified ? account : await this.withdrawUnprovenAccess(login, account);
    // The provider verified the address, which is what linking relied on.
    if (!account.emailVerified) {
      await this.deps.accounts.markEmailVerified(account.id);
    }
    const details = { email_previously_verified: account.emailVerified };
    await this.audit(login, 'identity_linked', { userId: account.id, email: account.email, details });
    return { ...linked, emailVerified: true };
  }

  /** Links the identity; when a concurrent login linked the same subject first, that link wins. */
  private async linkIdentity(login: ProviderLogin, found: FoundAccount): Promise<AccountRow> {
    const { provider, profile } = login;
    const { accounts } = this.deps;
    const link = {
      userId: found.account.id,
      provider,
      subject: profile.subject,
      profile: identityProfile(profile),
    };
    if ((await accounts.insertIdentity(link)) === undefined) {
      const winner = await accounts.findIdentity(provider, profile.subject);
      return winner === undefined ? found.account : this.accountOf(winner.userId);
    }
    return found.existing ? this.noteLinked(login, found.account) : found.account;
  }
}
