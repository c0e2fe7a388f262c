'use client';

import { Select } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import styles from './shell.module.css';

/** Picks the organization the app acts in; a plain name when the user belongs to only one. */
export function OrganizationSwitcher() {
  const { organization, organizations, select, loading } = useCurrentOrganization();
  if (loading) {
    return null;
  }
  if (organizations.length <= 1) {
    return <span className={styles.orgName}>{organization?.name ?? 'No organization'}</span>;
  }
  return (
    <div className={styles.switcher}>
      <Select
        label="Organization"
        value={organization?.id ?? ''}
        options={organizations.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        onChange={(event) => {
          select(event.target.value);
        }}
      />
    </div>
  );
}
