import { AppError } from '@netra/shared';

/** Error codes of provider (OAuth/OIDC) login; each becomes `{error: {code, message}}` with its status. */
export const oauthErrors = {
  providerNotConfigured: () =>
    new AppError(404, 'provider_not_configured', 'This sign-in provider is not configured'),
  redirectNotAllowed: () =>
    new AppError(400, 'redirect_not_allowed', 'The redirect target is not an allowed origin'),
  invalidState: () =>
    new AppError(
      400,
      'invalid_state',
      'This sign-in attempt is unknown, expired or already used; start again',
    ),
  oauthFailed: (cause: unknown) =>
    new AppError(400, 'oauth_failed', 'The sign-in provider response could not be verified; start again', {
      cause,
    }),
  providerUnavailable: (cause: unknown) =>
    new AppError(502, 'provider_unavailable', 'The sign-in provider could not be reached; try again later', {
      expose: true,
      cause,
    }),
  emailMissing: () =>
    new AppError(
      400,
      'email_missing',
      'The sign-in provider did not share an email address for this account',
    ),
  emailNotVerified: () =>
    new AppError(
      409,
      'email_not_verified',
      'An account with this email already exists, and the provider has not verified the address',
    ),
};
