import type { ReactNode } from 'react';
import { AppShell } from '@/features/shell';

/** Every signed-in screen: guard, organization, socket, header and navigation. */
export default function ShellLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
