import { STATE_LABELS, type ServiceState } from '@/lib/browser/service-state';
import styles from './status.module.css';

/** A coloured pill naming a service's state. */
export function StateBadge({ state }: { state: ServiceState }) {
  return (
    <span className={styles.badge} data-state={state}>
      <span className={styles.dot} aria-hidden="true" />
      {STATE_LABELS[state]}
    </span>
  );
}
