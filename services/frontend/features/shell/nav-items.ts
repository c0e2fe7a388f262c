/**
 * The app's navigation: one line per screen, in the order the nav shows them. A feature adds its
 * entry here when its route exists (e.g. `{ href: '/chat', label: 'Chat' }`); nothing else changes.
 * @module
 */

export interface NavItem {
  href: string;
  label: string;
  /** `exact` for `/`; other entries also match their sub-pages (`/reports/r1` is Reports). */
  match?: 'exact' | 'prefix';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/chat', label: 'Chat' },
  { href: '/reports', label: 'Reports' },
  { href: '/ingestion', label: 'Data sources' },
  { href: '/settings', label: 'Settings' },
];

/** Whether `pathname` is the entry's screen (for aria-current). */
export function isActive(item: NavItem, pathname: string): boolean {
  if (item.match === 'exact') {
    return pathname === item.href;
  }
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
