import type { ConnectionSnapshot } from '@/lib/ws';
import { connectionLabel } from '../lib/run-labels';
import styles from './chat.module.css';

/** The live connection's state; a drop is announced, and resumes by itself. */
export function ConnectionStatus({ connection }: { connection: ConnectionSnapshot }) {
  const { text, tone } = connectionLabel(connection);
  return (
    <span className={styles.connection} data-tone={tone} role="status" aria-label={`Connection: ${text}`}>
      <span className={styles.connectionDot} aria-hidden="true" />
      {text}
    </span>
  );
}
