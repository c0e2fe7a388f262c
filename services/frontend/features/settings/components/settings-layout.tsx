'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { SETTINGS_SECTIONS, sectionHref } from '../lib/sections';
import styles from './settings.module.css';

/** `/settings/*`: the page heading, the section navigation (links, so Tab and Enter reach each) and the section. */
export function SettingsLayout({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className={styles.layout}>
      <h1 className={styles.pageTitle}>Settings</h1>
      <nav aria-label="Settings sections" className={styles.sectionNav}>
        <ul>
          {SETTINGS_SECTIONS.map((section) => {
            const href = sectionHref(section.slug);
            return (
              <li key={section.slug}>
                <Link
                  href={href}
                  className={styles.sectionLink}
                  aria-current={pathname === href ? 'page' : undefined}
                >
                  {section.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div>{children}</div>
    </div>
  );
}
