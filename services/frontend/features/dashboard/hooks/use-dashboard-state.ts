'use client';
/**
 * The dashboard state read from and written to the URL: every change pushes a history entry, so
 * back and forward walk through the views, and a reload or a shared link opens the same one.
 * @module
 */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseDashboardState, serializeDashboardState, type DashboardState } from '../lib/url-state';

export function useDashboardState(): [DashboardState, (next: DashboardState) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const query = searchParams.toString();
  const state = useMemo(() => parseDashboardState(new URLSearchParams(query)), [query]);
  const setState = useCallback(
    (next: DashboardState) => {
      const serialized = serializeDashboardState(next);
      router.push(serialized === '' ? pathname : `${pathname}?${serialized}`, { scroll: false });
    },
    [pathname, router],
  );
  return [state, setState];
}
