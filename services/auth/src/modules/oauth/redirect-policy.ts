import { defaultCorsOrigins } from '@netra/shared/server';
import type { AuthConfig } from '#config.js';
import { authErrors } from '#platform/http/errors.js';

function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Origins a login may return to: ALLOWED_REDIRECT_ORIGINS, else the CORS origins. */
export function allowedRedirectOrigins(config: AuthConfig): ReadonlySet<string> {
  const { ALLOWED_REDIRECT_ORIGINS, CORS_ORIGINS, FRONTEND_URL } = config.values;
  const listed =
    ALLOWED_REDIRECT_ORIGINS.length > 0
      ? ALLOWED_REDIRECT_ORIGINS
      : defaultCorsOrigins(CORS_ORIGINS, FRONTEND_URL, config.environment);
  return new Set(listed.map(originOf).filter((origin) => origin !== undefined));
}

/**
 * The URL to send the browser to after login: `requested` (default FRONTEND_URL) when it is an
 * absolute http(s) URL on an allowed origin. Anything else is refused, so the login endpoint can
 * never be used as an open redirect.
 * @throws AppError 400 `redirect_not_allowed`
 */
export function resolveRedirect(config: AuthConfig, requested: string | undefined): string {
  const target = requested ?? config.values.FRONTEND_URL;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw authErrors.redirectNotAllowed();
  }
  const webScheme = url.protocol === 'https:' || url.protocol === 'http:';
  const credentials = url.username !== '' || url.password !== '';
  if (!webScheme || credentials || !allowedRedirectOrigins(config).has(url.origin)) {
    throw authErrors.redirectNotAllowed();
  }
  return url.href;
}
