import { AppError } from '@netra/shared';

/** The auth service's error codes; each becomes `{error: {code, message}}` with its status. */
export const authErrors = {
  emailTaken: () => new AppError(409, 'email_taken', 'An account with this email already exists'),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'Email or password is incorrect'),
  accountLocked: (retryAfterS: number) =>
    new AppError(423, 'account_locked', 'Too many failed logins; the account is locked for now', {
      details: { retry_after_s: retryAfterS },
    }),
  accountDisabled: () => new AppError(403, 'account_disabled', 'This account is disabled'),
  refreshTokenMissing: () => new AppError(401, 'refresh_token_missing', 'No refresh token was sent'),
  refreshTokenInvalid: () => new AppError(401, 'refresh_token_invalid', 'The refresh token is not valid'),
  refreshTokenReused: () =>
    new AppError(
      401,
      'refresh_token_reused',
      'This refresh token was already used; the session has been revoked',
    ),
  sessionExpired: () => new AppError(401, 'session_expired', 'The session has expired; sign in again'),
  devLoginDisabled: () =>
    new AppError(403, 'dev_login_disabled', 'Development login is only available in development'),
  rateLimited: (retryAfterS: number) =>
    new AppError(429, 'rate_limited', 'Too many attempts; try again later', {
      details: { retry_after_s: retryAfterS },
    }),
};
