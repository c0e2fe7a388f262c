/**
 * What the login screen and the session say for each error code of the auth service (its catalogue:
 * services/auth/src/platform/http/errors.ts, listed in services/auth/README.md) and for the codes
 * the client assigns itself. Messages tell a person what happened and what to do next.
 * @module
 */
import { CLIENT_ERROR_CODES, isApiError } from '../api/api-error';

export const AUTH_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  // Password sign-in and sign-up.
  invalid_credentials: 'That email and password do not match an account. Check both and try again.',
  email_taken: 'An account with this email already exists. Sign in instead, or use another email.',
  account_locked: 'Too many failed sign-ins: this account is locked for a while. Try again later.',
  account_disabled: 'This account is disabled. Ask your administrator to enable it.',
  rate_limited: 'Too many attempts from here. Wait a minute, then try again.',
  validation_failed: 'Some details are not valid; check the highlighted field.',
  // Development sign-in.
  dev_login_disabled: 'Development sign-in is only available when the platform runs in development.',
  // The session.
  token_missing: 'You are not signed in.',
  token_invalid: 'Your session is not valid any more. Sign in again.',
  token_expired: 'Your session expired. Sign in again.',
  token_revoked: 'You were signed out. Sign in again.',
  refresh_token_missing: 'You are not signed in.',
  refresh_token_invalid: 'Your session is not valid any more. Sign in again.',
  refresh_token_reused:
    'For your safety this session was ended (its sign-in was used twice, e.g. in two tabs at once). Sign in again.',
  session_expired: 'Your session expired. Sign in again.',
  // Provider sign-in (arrive as ?auth_error= on the login page).
  provider_not_configured: 'That sign-in provider is not configured here.',
  redirect_not_allowed: 'Sign-in could not return to this page (its address is not allowed).',
  invalid_state: 'That sign-in attempt expired or was already used. Start again.',
  oauth_failed: 'The sign-in provider’s answer could not be verified. Start again.',
  provider_unavailable: 'The sign-in provider could not be reached. Try again in a moment.',
  provider_error: 'The sign-in provider reported an error. Try again.',
  access_denied: 'Sign-in was cancelled at the provider.',
  email_missing: 'The sign-in provider did not share your email address; allow it and try again.',
  email_not_verified:
    'An account with this email exists, and the provider has not verified the address. Sign in with your password, or verify the email at the provider.',
  // Anything else.
  invalid_json: 'The request could not be read. Reload the page and try again.',
  bad_request: 'The request could not be read. Reload the page and try again.',
  internal_error: 'Something went wrong on our side. Try again in a moment.',
  [CLIENT_ERROR_CODES.network]: 'The sign-in service cannot be reached; it may still be starting. Retrying…',
  [CLIENT_ERROR_CODES.unexpectedResponse]: 'The sign-in service gave an unexpected answer. Try again.',
  [CLIENT_ERROR_CODES.invalidResponse]: 'The sign-in service gave an unexpected answer. Try again.',
};

const FALLBACK = 'Sign-in failed. Try again.';

/** The message for an auth error code (a code we do not know gets a generic message). */
export function authErrorMessage(code: string): string {
  return AUTH_ERROR_MESSAGES[code] ?? FALLBACK;
}

/** The message for a thrown value: the catalogue's for an ApiError, a generic one otherwise. */
export function authErrorMessageOf(error: unknown): string {
  return isApiError(error) ? authErrorMessage(error.code) : FALLBACK;
}
