import { useId, type ReactNode } from 'react';
import styles from './ui.module.css';

/** What every labelled control shares: the visible label, a hint and an error under it. */
export interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: ReactNode;
}

/** The ids that tie a control to its label, hint and error (aria-describedby). */
export function useFieldIds(hint: unknown, error: unknown) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined || error === null ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

/** Label above the control, hint and error below. */
export function FieldFrame(props: FieldProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  const { ids } = props;
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={ids.id}>
        {props.label}
      </label>
      {props.children}
      {ids.hintId === undefined ? null : (
        <p id={ids.hintId} className={styles.hint}>
          {props.hint}
        </p>
      )}
      {ids.errorId === undefined ? null : (
        <p id={ids.errorId} className={styles.fieldError}>
          {props.error}
        </p>
      )}
    </div>
  );
}
