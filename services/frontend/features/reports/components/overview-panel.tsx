import type { AnalysisReport, ReportSummary } from '@netra/shared/contracts';
import { Card } from '@/components/ui';
import { formatDays, formatPct, formatRoi, formatUsd } from '../lib/format';
import { overviewFigures, type OverviewFigures } from '../lib/overview';
import styles from './reports.module.css';

/** A figure with its raw value kept for tests (`data-value`) and its name for the reader. */
function Figure(props: { testId: string; label: string; value: number; note?: string; lead?: boolean }) {
  return (
    <div className={props.lead === true ? `${styles.figure} ${styles.figureLead}` : styles.figure}>
      <p className={styles.figureLabel}>{props.label}</p>
      <p className={styles.figureValue} data-testid={props.testId} data-value={props.value}>
        {formatUsd(props.value)}
        <span className="visually-hidden"> per month</span>
      </p>
      {props.note === undefined ? null : <p className={styles.figureNote}>{props.note}</p>}
    </div>
  );
}

function Fact(props: { testId: string; label: string; text: string; value: number | null }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId} data-value={props.value ?? ''}>
        {props.text}
      </dd>
    </div>
  );
}

function planFacts(report: AnalysisReport, figures: OverviewFigures) {
  const changes = report.plan.opportunity_ids.length;
  return [
    {
      testId: 'baseline-monthly',
      label: 'Baseline / month',
      value: figures.baselineMonthlyUsd,
      text: formatUsd(figures.baselineMonthlyUsd),
    },
    {
      testId: 'plan-monthly-cost',
      label: 'With the plan / month',
      value: figures.planMonthlyCostUsd,
      text: formatUsd(figures.planMonthlyCostUsd),
    },
    { testId: 'plan-opportunities', label: 'Changes in the plan', value: changes, text: String(changes) },
    { testId: 'plan-roi', label: 'ROI', value: figures.roi, text: formatRoi(figures.roi) },
    {
      testId: 'plan-payback',
      label: 'Payback',
      value: figures.paybackDays,
      text: formatDays(figures.paybackDays),
    },
  ];
}

/** Overview: proven savings first and large, potential beside, the headline and the plan's figures. */
export function OverviewPanel(props: { report: AnalysisReport; summary?: ReportSummary | null | undefined }) {
  const figures = overviewFigures(props.report, props.summary);
  const { proven, potential } = figures;
  return (
    <div className={styles.stack}>
      <p className={styles.headline} data-testid="report-headline">
        {figures.headline}
      </p>
      <div className={styles.figures}>
        <Figure
          lead
          testId="proven-savings"
          label="Proven savings / month"
          value={proven.monthlyUsd}
          note={`${formatPct(proven.pct)} of the baseline, proven by the data`}
        />
        <Figure
          testId="potential-savings"
          label="Potential savings / month"
          value={potential.monthlyUsd}
          note={`${formatPct(potential.pct)} of the baseline, the whole plan after evaluation`}
        />
      </div>
      <Card title="The plan" headingLevel={3}>
        <dl className={styles.planFacts}>
          {planFacts(props.report, figures).map((fact) => (
            <Fact key={fact.testId} {...fact} />
          ))}
        </dl>
      </Card>
    </div>
  );
}
