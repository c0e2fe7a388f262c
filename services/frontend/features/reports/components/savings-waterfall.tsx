'use client';

import type { AnalysisReport } from '@netra/shared/contracts';
import dynamic from 'next/dynamic';
import { useId } from 'react';
import { formatUsd } from '../lib/format';
import { buildWaterfall, waterfallHeight, type WaterfallStep } from '../lib/waterfall';
import { usePrinting } from '../hooks/use-printing';
import { InlineText } from './inline-text';
import styles from './reports.module.css';

const WaterfallChart = dynamic(() => import('./waterfall-chart'), {
  ssr: false,
  loading: () => <div className={styles.skeleton} style={{ height: '100%' }} />,
});

const KIND_TEXT: Record<WaterfallStep['kind'], (step: WaterfallStep) => string> = {
  baseline: () => 'Monthly cost today',
  saving: (step) => (step.proven ? 'Proven saving' : 'Potential saving'),
  overlap: () => 'Savings that overlap, counted once by the plan',
  plan: () => 'Monthly cost with the plan',
};

/** The same bars as a table: the accessible reading of the chart, and the figures to compare. */
const LEGEND = [
  ['baseline', 'Cost today'],
  ['proven', 'Proven saving'],
  ['potential', 'Potential saving (evaluate first)'],
  ['overlap', 'Overlap counted once'],
  ['plan', 'Cost with the plan'],
] as const;

/** What the bar colours mean (the colour is never the only carrier: the table says it too). */
function Legend({ steps }: { steps: readonly WaterfallStep[] }) {
  const shown = new Set(
    steps.map((step) => (step.kind === 'saving' ? (step.proven ? 'proven' : 'potential') : step.kind)),
  );
  return (
    <ul className={styles.legend} aria-hidden="true">
      {LEGEND.filter(([kind]) => shown.has(kind)).map(([kind, text]) => (
        <li key={kind}>
          <span className={styles.swatch} data-kind={kind} />
          {text}
        </li>
      ))}
    </ul>
  );
}

function WaterfallTable({ steps }: { steps: readonly WaterfallStep[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="waterfall-table">
        <caption className="visually-hidden">Savings waterfall, per month</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">What</th>
            <th scope="col" className={styles.num}>
              Change
            </th>
            <th scope="col" className={styles.num}>
              Monthly cost after
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.id} data-step={step.kind}>
              <th scope="row">
                <InlineText text={step.label} />
              </th>
              <td>{KIND_TEXT[step.kind](step)}</td>
              <td className={styles.num} data-value={step.delta}>
                {step.kind === 'baseline' || step.kind === 'plan' ? '' : formatUsd(step.delta)}
              </td>
              <td className={styles.num} data-value={step.to}>
                {formatUsd(step.to)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The savings waterfall with its table alternative (opened on demand; always printed). */
export function SavingsWaterfall({ report }: { report: AnalysisReport }) {
  const steps = buildWaterfall(report);
  const captionId = useId();
  const printing = usePrinting();
  return (
    <figure className={styles.waterfall} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.muted}>
        From {formatUsd(steps[0]?.to ?? 0)} a month today, through each change, to{' '}
        {formatUsd(steps.at(-1)?.to ?? 0)} a month with the plan.
      </figcaption>
      <div style={{ height: waterfallHeight(steps.length) }}>
        <WaterfallChart steps={steps} />
      </div>
      <Legend steps={steps} />
      <details className={styles.details} open={printing || undefined}>
        <summary>Figures as a table</summary>
        <WaterfallTable steps={steps} />
      </details>
    </figure>
  );
}
