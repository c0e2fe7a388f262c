'use client';

import { Button } from '@/components/ui';
import { providerLoginUrl, type AuthProviderOption } from '@/lib/auth';
import styles from './login.module.css';

/** Sends the browser to the provider through the auth service, back to /login afterwards. */
function startProviderLogin(provider: AuthProviderOption, next: string): void {
  const returnTo = new URL(`/login?next=${encodeURIComponent(next)}`, window.location.origin).href;
  window.location.assign(providerLoginUrl(provider, returnTo));
}

/**
 * One button per enabled OAuth / OpenID Connect provider. The auth service runs the whole flow and
 * returns the browser to this login page (cookie set, or `?auth_error=`), which then finishes.
 */
export function ProviderButtons({
  providers,
  next,
}: {
  providers: readonly AuthProviderOption[];
  next: string;
}) {
  if (providers.length === 0) {
    return null;
  }
  return (
    <div className={styles.providers}>
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          onClick={() => {
            startProviderLogin(provider, next);
          }}
        >
          Continue with {provider.name}
        </Button>
      ))}
    </div>
  );
}
