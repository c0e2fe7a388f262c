'use client';
/**
 * How a run ended: the report inline (completed), the reason (failed), or that it was stopped.
 * @module
 */
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { Alert, Spinner } from '@/components/ui';
import { useRunReport } from '../hooks/use-run-report';
import { useOrgId } from '../hooks/use-threads';
import type { RunView } from '../lib/run-view';
import styles from './chat.module.css';

// The report's charts (recharts) load with the first finished run, not with the chat route.
const ReportTabs = dynamic(() => import('@/features/reports').then((module) => module.ReportTabs), {
  loading: () => <Spinner label="Loading the report" />,
});

function RunReportSection({ reportId }: { reportId: string }) {
  const report = useRunReport(reportId);
  const orgId = useOrgId();
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
  const { data } = report;
  return (
    <section className={styles.report} aria-labelledby={`report-${reportId}`}>
      <div className={styles.reportHead}>
        <h3 id={`report-${reportId}`} className={styles.reportTitle}>
          {data.title}
        </h3>
        <Link href={`/reports/${reportId}`} className={styles.reportLink}>
          Open the report page
        </Link>
      </div>
      {orgId === null ? null : (
        <ReportTabs
          report={data.analysis}
          orgId={orgId}
          reportId={reportId}
          summary={data.summary}
          actionPlan={data.action_plan}
          findings={data.findings}
          label={`${data.title}: report sections`}
        />
      )}
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
