import type { ReactNode } from 'react';
import styles from './ui.module.css';

/** What a screen shows when it has nothing yet: what is missing and what to do about it. */
export function EmptyState(props: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <h2 className={styles.emptyTitle}>{props.title}</h2>
      {props.description === undefined ? null : <p className={styles.emptyText}>{props.description}</p>}
      {props.action}
    </div>
  );
}
