'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ThemeToggle } from '@/components/ui';
import { LOGIN_PATH, useAuth, useSession } from '@/lib/auth';
import styles from './shell.module.css';

/** The signed-in person: name and email, the theme, and signing out. */
export function UserMenu() {
  const { user } = useSession();
  const { signOut } = useAuth();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const onSignOut = async () => {
    setSigningOut(true);
    await signOut();
    router.replace(LOGIN_PATH);
  };
  return (
    <details className={styles.userMenu}>
      <summary aria-label={`Account menu for ${user?.name ?? 'you'}`}>{user?.name ?? 'Account'}</summary>
      <div className={styles.menuPanel}>
        <p className={styles.menuEmail}>{user?.email}</p>
        <ThemeToggle />
        <Button variant="secondary" loading={signingOut} onClick={() => void onSignOut()}>
          Sign out
        </Button>
      </div>
    </details>
  );
}
