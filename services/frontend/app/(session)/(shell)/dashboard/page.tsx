import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DashboardScreen } from '@/features/dashboard';

export const metadata: Metadata = { title: 'Dashboard · Netra Apex' };

/** `/dashboard`: spend analytics; the view is in the query string, read on the client (hence Suspense). */
export default function DashboardPage() {
  return (
    <Suspense>
      <DashboardScreen />
    </Suspense>
  );
}
