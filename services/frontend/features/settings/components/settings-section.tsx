'use client';

import type { ReactNode } from 'react';
import { Alert, Spinner } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import { SETTINGS_SECTIONS, type SettingsSlug } from '../lib/sections';
import styles from './settings.module.css';

/**
 * One settings section: its heading (h2, named region) and description, and — for sections about the
 * organization — a wait until the organization is known.
 */
export function SettingsSection(props: {
  slug: SettingsSlug;
  needsOrganization?: boolean;
  children: ReactNode;
}) {
  const section = SETTINGS_SECTIONS.find((candidate) => candidate.slug === props.slug);
  const headingId = `settings-${props.slug}-heading`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.sectionHeading}>
        {section?.label}
      </h2>
      <p className={styles.lead}>{section?.description}</p>
      {props.needsOrganization === true ? (
        <OrganizationGate>{props.children}</OrganizationGate>
      ) : (
        props.children
      )}
    </section>
  );
}

function OrganizationGate({ children }: { children: ReactNode }) {
  const { organization, loading, error } = useCurrentOrganization();
  if (loading) {
    return <Spinner label="Loading the organization" />;
  }
  if (error !== null) {
    return (
      <Alert tone="bad" title="Could not load your organizations">
        {error.message}
      </Alert>
    );
  }
  if (organization === null) {
    return <Alert tone="info">You belong to no organization yet; these settings are per organization.</Alert>;
  }
  return children;
}

/** A query's loading and error states, in the space its content takes (no layout jump). */
export function QueryState(props: { isPending: boolean; error: Error | null; what: string }) {
  if (props.error !== null) {
    return (
      <Alert tone="bad" title={`Could not load ${props.what}`}>
        {props.error.message}
      </Alert>
    );
  }
  return props.isPending ? (
    <div className={styles.loadingBlock}>
      <Spinner label={`Loading ${props.what}`} />
    </div>
  ) : null;
}

/** A refused action's error, under the row or form it belongs to. */
export function ActionError({ error }: { error: Error | null }) {
  return error === null ? null : <Alert tone="bad">{error.message}</Alert>;
}

/**
 * A table's horizontal scroller: at narrow widths a wide table scrolls inside it, so it is a named
 * region the keyboard can reach (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.tableWrap} role="region" aria-label={`${label} (scrollable)`} tabIndex={0}>
      {children}
    </div>
  );
}
