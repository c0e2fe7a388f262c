import type { ReactNode } from 'react';
import styles from './ui.module.css';

export interface AlertProps {
  tone?: 'info' | 'ok' | 'warn' | 'bad';
  title?: ReactNode;
  children?: ReactNode;
}

/** A message block; errors are announced at once (role=alert), the rest politely (role=status). */
export function Alert({ tone = 'info', title, children }: AlertProps) {
  return (
    <div className={styles.alert} data-tone={tone} role={tone === 'bad' ? 'alert' : 'status'}>
      {title === undefined ? null : <p className={styles.alertTitle}>{title}</p>}
      {children === undefined ? null : <div className={styles.alertBody}>{children}</div>}
    </div>
  );
}
