import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame, useFieldIds, type FieldProps } from './field';
import styles from './ui.module.css';

export type TextareaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/** A labelled multi-line input (the chat box builds its Enter-to-send on top of it). */
export function Textarea({ label, hint, error, ...textarea }: TextareaProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldFrame label={label} hint={hint} error={error} ids={ids}>
      <textarea
        {...textarea}
        id={ids.id}
        className={styles.control}
        aria-invalid={ids.errorId === undefined ? undefined : true}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}
