'use client';
/**
 * How a run ended: the report inline (completed), the reason (failed), or that it was stopped.
 * @module
 */
import Link from 'next/link';
import { Alert, Spinner } from '@/components/ui';
import { useRunReport } from '../hooks/use-run-report';
import type { RunView } from '../lib/run-view';
import styles from './chat.module.css';

function RunReportSection({ reportId }: { reportId: string }) {
  const report = useRunReport(reportId);
  if (report.isPending) {
    return <Spinner label="Loading the report" />;
  }
  if (report.error !== null) {
    return (
      <Alert tone="bad" title="The report could not be loaded">
        {report.error.message}
      </Alert>
    );
  }
  const { summary } = report.data;
  return (
    <section className={styles.report} aria-labelledby={`report-${reportId}`}>
      <h3 id={`report-${reportId}`} className={styles.reportTitle}>
        {report.data.title}
      </h3>
      <p className={styles.reportHeadline}>{summary.headline}</p>
      <Link href={`/reports/${reportId}`} className={styles.reportLink}>
        Open the full report
      </Link>
    </section>
  );
}

export function RunOutcome({ view }: { view: RunView }) {
  if (view.phase === 'completed') {
    return view.reportId === null ? (
      <Alert tone="warn" title="The run finished without a report" />
    ) : (
      <RunReportSection reportId={view.reportId} />
    );
  }
  if (view.phase === 'failed') {
    return (
      <Alert tone="bad" title="The analysis failed">
        {view.error?.message ?? 'The run ended without saying why.'}
      </Alert>
    );
  }
  if (view.phase === 'cancelled') {
    return (
      <Alert tone="info" title="The analysis was stopped">
        {view.error?.message ?? 'The run was cancelled.'}
      </Alert>
    );
  }
  return null;
}
