import type { ReactNode } from 'react';
import { SettingsLayout } from '@/features/settings';

/** Every `/settings/<section>`: the heading and the section navigation. */
export default function Layout({ children }: { children: ReactNode }) {
  return <SettingsLayout>{children}</SettingsLayout>;
}
