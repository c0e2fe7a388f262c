import { CopyButton } from '@/components/ui';
import type { Artifact } from '../lib/action-plan';
import { plainText } from '../lib/inline-code';
import { InlineText } from './inline-text';
import styles from './reports.module.css';

/** A ready-to-paste snippet with its label and a Copy button. */
export function ArtifactBlock({ artifact }: { artifact: Artifact }) {
  return (
    <div className={styles.artifact} data-testid="artifact">
      <div className={styles.artifactHead}>
        <span>
          <InlineText text={artifact.label} />
          {artifact.language === undefined ? null : (
            <span className={styles.muted}> · {artifact.language}</span>
          )}
        </span>
        <CopyButton text={artifact.content} label={`Copy ${plainText(artifact.label)}`} />
      </div>
      <pre className={styles.code} tabIndex={0} aria-label={`${plainText(artifact.label)} snippet`}>
        <code>{artifact.content}</code>
      </pre>
    </div>
  );
}
