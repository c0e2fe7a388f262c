import type { Metadata } from 'next';
import { LoginScreen } from '@/features/auth';
import { safeNextPath } from '@/lib/auth/login-redirect';

export const metadata: Metadata = { title: 'Sign in · Netra Apex' };

function first(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** `/login?next=<path>&auth_error=<code>`. */
export default async function LoginPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  return <LoginScreen next={safeNextPath(first(params.next))} authError={first(params.auth_error)} />;
}
