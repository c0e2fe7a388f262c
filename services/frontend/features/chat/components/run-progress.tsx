import { progressOf, type RunView } from '../lib/run-view';
import styles from './chat.module.css';

/** Agents finished out of those planned, as a progress bar with its figures in text too. */
export function RunProgress({ view }: { view: RunView }) {
  const { finished, planned } = progressOf(view);
  const share = planned === 0 ? 0 : finished / planned;
  const text = `${finished} of ${planned} agents done`;
  return (
    <div className={styles.progress}>
      <div
        role="progressbar"
        aria-label="Agents done"
        aria-valuemin={0}
        aria-valuemax={planned}
        aria-valuenow={finished}
        aria-valuetext={text}
        className={styles.progressTrack}
      >
        <div className={styles.progressFill} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className={styles.progressText}>{text}</span>
    </div>
  );
}
