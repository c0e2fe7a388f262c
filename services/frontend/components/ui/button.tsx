import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './spinner';
import styles from './ui.module.css';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
  /** Shows a spinner and disables the button while an action runs. */
  loading?: boolean;
}

/** A button; `type="button"` unless told otherwise, so it never submits a form by accident. */
export function Button({
  variant = 'primary',
  size = 'md',
  loading = false,
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={className === undefined ? styles.button : `${styles.button} ${className}`}
      data-variant={variant}
      data-size={size}
      disabled={rest.disabled === true || loading}
      aria-busy={loading || undefined}
    >
      {loading ? <Spinner label="Working" /> : null}
      {children}
    </button>
  );
}
