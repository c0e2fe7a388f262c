import type { SelectHTMLAttributes } from 'react';
import { FieldFrame, useFieldIds, type FieldProps } from './field';
import styles from './ui.module.css';

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> & { options: readonly SelectOption[] };

/** A labelled native select: keyboard and screen-reader behaviour come from the browser. */
export function Select({ label, hint, error, options, ...select }: SelectProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldFrame label={label} hint={hint} error={error} ids={ids}>
      <select
        {...select}
        id={ids.id}
        className={styles.control}
        aria-invalid={ids.errorId === undefined ? undefined : true}
        aria-describedby={ids.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
