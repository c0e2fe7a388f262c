import type { ReactNode } from 'react';
import styles from './ui.module.css';

export type Tone = 'neutral' | 'accent' | 'ok' | 'warn' | 'bad';

/** A short coloured label (a state, a role, a tool name); the text carries the meaning, not the colour. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={styles.badge} data-tone={tone}>
      {children}
    </span>
  );
}
