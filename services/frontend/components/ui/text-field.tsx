import type { InputHTMLAttributes } from 'react';
import { FieldFrame, useFieldIds, type FieldProps } from './field';
import styles from './ui.module.css';

export type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A labelled single-line input; an `error` marks it invalid and is read with it. */
export function TextField({ label, hint, error, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldFrame label={label} hint={hint} error={error} ids={ids}>
      <input
        {...input}
        id={ids.id}
        className={styles.control}
        aria-invalid={ids.errorId === undefined ? undefined : true}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}
