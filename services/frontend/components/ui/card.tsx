import { useId, type HTMLAttributes, type ReactNode } from 'react';
import styles from './ui.module.css';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  /** A heading that also names the card's region for screen readers. */
  title?: ReactNode;
  headingLevel?: 2 | 3 | 4;
}

/** A surface that groups related content; titled cards are labelled regions. */
export function Card({ title, headingLevel = 2, className, children, ...rest }: CardProps) {
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section
      {...rest}
      className={className === undefined ? styles.card : `${styles.card} ${className}`}
      aria-labelledby={title === undefined ? undefined : headingId}
    >
      {title === undefined ? null : (
        <Heading id={headingId} className={styles.cardTitle}>
          {title}
        </Heading>
      )}
      {children}
    </section>
  );
}
