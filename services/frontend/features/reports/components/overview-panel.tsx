import type { AnalysisReport, ReportSummary } from '@netra/shared/contracts';
import { Card } from '@/components/ui';
import { formatDays, formatPct, formatRoi, formatUsd } from '../lib/format';
import { overviewFigures } from '../lib/overview';
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

/** Overview: proven savings first and large, potential beside, the headline and the plan's figures. */
export function OverviewPanel({
  report,
  summary,
}: {
  report: AnalysisReport;
  summary?: ReportSummary | null;
}) {
  const figures = overviewFigures(report, summary);
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
          value={figures.proven.monthlyUsd}
          note={`${formatPct(figures.proven.pct)} of the baseline, proven by the data`}
        />
        <Figure
          testId="potential-savings"
          label="Potential savings / month"
          value={figures.potential.monthlyUsd}
          note={`${formatPct(figures.potential.pct)} of the baseline, the whole plan after evaluation`}
        />
      </div>
      <Card title="The plan" headingLevel={3}>
        <dl className={styles.planFacts}>
          <Fact
            testId="baseline-monthly"
            label="Baseline / month"
            value={figures.baselineMonthlyUsd}
            text={formatUsd(figures.baselineMonthlyUsd)}
          />
          <Fact
            testId="plan-monthly-cost"
            label="With the plan / month"
            value={figures.planMonthlyCostUsd}
            text={formatUsd(figures.planMonthlyCostUsd)}
          />
          <Fact
            testId="plan-opportunities"
            label="Changes in the plan"
            value={report.plan.opportunity_ids.length}
            text={String(report.plan.opportunity_ids.length)}
          />
          <Fact testId="plan-roi" label="ROI" value={figures.roi} text={formatRoi(figures.roi)} />
          <Fact
            testId="plan-payback"
            label="Payback"
            value={figures.paybackDays}
            text={formatDays(figures.paybackDays)}
          />
        </dl>
      </Card>
    </div>
  );
}
