import type { Artifact } from '../lib/action-plan';
import { CopyButton } from './copy-button';
import styles from './reports.module.css';

/** A ready-to-paste snippet with its label and a Copy button. */
export function ArtifactBlock({ artifact }: { artifact: Artifact }) {
  return (
    <div className={styles.artifact} data-testid="artifact">
      <div className={styles.artifactHead}>
        <span>
          {artifact.label}
          {artifact.language === undefined ? null : (
            <span className={styles.muted}> · {artifact.language}</span>
          )}
        </span>
        <CopyButton text={artifact.content} what={artifact.label} />
      </div>
      <pre className={styles.code} tabIndex={0} aria-label={`${artifact.label} snippet`}>
        <code>{artifact.content}</code>
      </pre>
    </div>
  );
}
