/**
 * The auth service's error catalogue: every code it answers with, each as `{error: {code, message}}`
 * under its status. Code here raises errors only through `authErrors`; the codes under "platform" are
 * raised by the shared app (input parsing, unknown routes, unexpected failures) and listed so that a
 * client finds every code of this service in one place.
 * @module
 */
import { AppError, type AppErrorOptions } from '@netra/shared';
import type { TokenRejection } from '@netra/shared/auth';

interface CatalogueEntry {
  status: number;
  message: string;
}

const platformErrors = {
  validation_failed: { status: 400, message: 'The request is invalid (the message names the field)' },
  invalid_json: { status: 400, message: 'The body is not valid JSON' },
  bad_request: { status: 400, message: 'The request could not be read' },
  not_found: { status: 404, message: 'No such route' },
  payload_too_large: { status: 413, message: 'The body is too large' },
  unsupported_media_type: { status: 415, message: 'The body has an unsupported content type' },
  internal_error: { status: 500, message: 'Internal server error' },
} as const satisfies Record<string, CatalogueEntry>;

const accessTokenErrors = {
  token_missing: { status: 401, message: 'Access token is missing' },
  token_invalid: { status: 401, message: 'Access token is invalid' },
  token_expired: { status: 401, message: 'Access token has expired' },
  token_revoked: { status: 401, message: 'Access token has been revoked' },
} as const satisfies Record<TokenRejection, CatalogueEntry>;

const accountErrors = {
  email_taken: { status: 409, message: 'An account with this email already exists' },
  invalid_credentials: { status: 401, message: 'Email or password is incorrect' },
  account_locked: { status: 423, message: 'Too many failed logins; the account is locked for now' },
  account_disabled: { status: 403, message: 'This account is disabled' },
  dev_login_disabled: { status: 403, message: 'Development login is only available in development' },
  rate_limited: { status: 429, message: 'Too many attempts; try again later' },
  current_password_incorrect: { status: 400, message: 'The current password is incorrect' },
  current_password_required: {
    status: 400,
    message: 'Enter the current password to set a new one',
  },
} as const satisfies Record<string, CatalogueEntry>;

const sessionErrors = {
  refresh_token_missing: { status: 401, message: 'No refresh token was sent' },
  refresh_token_invalid: { status: 401, message: 'The refresh token is not valid' },
  refresh_token_reused: {
    status: 401,
    message: 'This refresh token was already used; the session has been revoked',
  },
  session_expired: { status: 401, message: 'The session has expired; sign in again' },
} as const satisfies Record<string, CatalogueEntry>;

const providerLoginErrors = {
  provider_not_configured: { status: 404, message: 'This sign-in provider is not configured' },
  redirect_not_allowed: { status: 400, message: 'The redirect target is not an allowed origin' },
  invalid_state: {
    status: 400,
    message: 'This sign-in attempt is unknown, expired or already used; start again',
  },
  oauth_failed: {
    status: 400,
    message: 'The sign-in provider response could not be verified; start again',
  },
  provider_unavailable: {
    status: 502,
    message: 'The sign-in provider could not be reached; try again later',
  },
  email_missing: {
    status: 400,
    message: 'The sign-in provider did not share an email address for this account',
  },
  email_not_verified: {
    status: 409,
    message: 'An account with this email already exists, and the provider has not verified the address',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code the auth service answers with, by group; codes are stable, messages may be reworded. */
export const AUTH_ERROR_CATALOGUE = {
  platform: platformErrors,
  accessToken: accessTokenErrors,
  account: accountErrors,
  session: sessionErrors,
  providerLogin: providerLoginErrors,
} as const;

/** The codes this service raises itself (everything but the platform group). */
export type AuthErrorCode =
  | keyof typeof accessTokenErrors
  | keyof typeof accountErrors
  | keyof typeof sessionErrors
  | keyof typeof providerLoginErrors;

const raised: Record<AuthErrorCode, CatalogueEntry> = {
  ...accessTokenErrors,
  ...accountErrors,
  ...sessionErrors,
  ...providerLoginErrors,
};

/** Options of a catalogued error; `message` replaces the catalogue's with a more precise one. */
export interface AuthErrorOptions extends AppErrorOptions {
  message?: string;
}

/** The catalogued error for `code`, with its status and message. */
export function authError(code: AuthErrorCode, options: AuthErrorOptions = {}): AppError {
  const { message, ...rest } = options;
  const entry = raised[code];
  return new AppError(entry.status, code, message ?? entry.message, rest);
}

const retryAfter = (seconds: number): AppErrorOptions => ({ details: { retry_after_s: seconds } });

/** Named constructors for the catalogue's codes, so call sites read as what went wrong. */
export const authErrors = {
  /** 401 with the verifier's reason; its message names the precise failure (e.g. not valid yet). */
  accessToken: (code: TokenRejection, message?: string) => authError(code, { message }),
  emailTaken: () => authError('email_taken'),
  invalidCredentials: () => authError('invalid_credentials'),
  accountLocked: (retryAfterS: number) => authError('account_locked', retryAfter(retryAfterS)),
  accountDisabled: () => authError('account_disabled'),
  devLoginDisabled: () => authError('dev_login_disabled'),
  rateLimited: (retryAfterS: number) => authError('rate_limited', retryAfter(retryAfterS)),
  // Named after the field, so a form shows the message next to it.
  currentPasswordIncorrect: () => authError('current_password_incorrect', { field: 'current_password' }),
  currentPasswordRequired: () => authError('current_password_required', { field: 'current_password' }),
  refreshTokenMissing: () => authError('refresh_token_missing'),
  refreshTokenInvalid: () => authError('refresh_token_invalid'),
  refreshTokenReused: () => authError('refresh_token_reused'),
  sessionExpired: () => authError('session_expired'),
  providerNotConfigured: () => authError('provider_not_configured'),
  redirectNotAllowed: () => authError('redirect_not_allowed'),
  invalidState: () => authError('invalid_state'),
  oauthFailed: (cause: unknown) => authError('oauth_failed', { cause }),
  // A 5xx hides its message by default; this one tells the person what to do.
  providerUnavailable: (cause: unknown) => authError('provider_unavailable', { expose: true, cause }),
  emailMissing: () => authError('email_missing'),
  emailNotVerified: () => authError('email_not_verified'),
};
