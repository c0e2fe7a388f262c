'use client';
/**
 * A chart with its table alternative: "Show as table" swaps the drawing for a table of the same
 * figures (for screen readers, keyboard users and anyone who wants the numbers). Both sit in the
 * same fixed-height box as the loading skeleton, so the page never jumps.
 * @module
 */
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui';
import { Panel } from './panel';
import styles from './dashboard.module.css';

interface ChartPanelProps {
  title: string;
  /** The chart's accessible name (what it shows, how it is split). */
  chartLabel: string;
  caption: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  testId?: string;
}

export function ChartPanel({ title, chartLabel, caption, chart, table, testId }: ChartPanelProps) {
  const [asTable, setAsTable] = useState(false);
  const toggle = (
    <Button
      variant="secondary"
      size="sm"
      aria-pressed={asTable}
      onClick={() => {
        setAsTable(!asTable);
      }}
    >
      Show as table
    </Button>
  );
  return (
    <Panel title={title} actions={toggle} testId={testId}>
      <figure className={styles.chartFigure} aria-label={chartLabel}>
        <div className={styles.chartBody}>{asTable ? table : chart}</div>
        <figcaption className={styles.chartCaption}>{caption}</figcaption>
      </figure>
    </Panel>
  );
}

/** The chart box while its data loads. */
export function ChartSkeleton() {
  return (
    <div className={styles.chartBody} aria-busy="true">
      <div className={`${styles.skeleton} ${styles.skeletonChart}`} />
    </div>
  );
}
