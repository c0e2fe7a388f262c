/**
 * A titled dashboard panel: an h2 that names the region, optional controls beside it, and a body.
 * @module
 */
import { useId, type ReactNode } from 'react';
import styles from './dashboard.module.css';

export function Panel(props: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const headingId = useId();
  return (
    <section className={styles.panel} aria-labelledby={headingId} data-testid={props.testId}>
      <div className={styles.cardHeader}>
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
