'use client';

import { OrgGate } from './org-gate';
import { ReportsList } from './reports-list';
import styles from './reports.module.css';

/** The `/reports` screen. */
export function ReportsScreen() {
  return (
    <div className={styles.stack}>
      <div className={styles.pageHead}>
        <div>
          <h1 className={styles.pageTitle}>Reports</h1>
          <p className={styles.muted}>Every savings analysis of this organization, newest first.</p>
        </div>
      </div>
      <OrgGate>{(orgId) => <ReportsList orgId={orgId} />}</OrgGate>
    </div>
  );
}
