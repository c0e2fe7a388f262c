'use client';

import type { RunReport } from '@netra/shared/contracts';
import Link from 'next/link';
import { Alert, Badge, Card, Spinner } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { useReport } from '../hooks/use-reports';
import { formatDateTime, formatDay, humanize } from '../lib/format';
import { ExportToolbar } from './export-toolbar';
import { OrgGate } from './org-gate';
import { ReportNotes } from './report-notes';
import { ReportTabs } from './report-tabs';
import { SavingsWaterfall } from './savings-waterfall';
import styles from './reports.module.css';

function ReportHeader({ orgId, report }: { orgId: string; report: RunReport }) {
  const { period } = report.analysis;
  return (
    <header className={styles.pageHead}>
      <div>
        <p className={styles.muted} data-print="hide">
          <Link href="/reports">← All reports</Link>
        </p>
        <h1 className={styles.pageTitle}>{report.title}</h1>
        <p className={styles.muted}>
          <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time> ·{' '}
          <Badge>{humanize(report.tier)} report</Badge> · usage of {formatDay(period.start)} –{' '}
          {formatDay(period.end)}
        </p>
      </div>
      <ExportToolbar orgId={orgId} report={report} />
    </header>
  );
}

function ReportBody({ orgId, report }: { orgId: string; report: RunReport }) {
  return (
    <article
      className={`${styles.stack} ${styles.printRoot}`}
      data-testid="report"
      data-report-id={report.id}
    >
      <ReportHeader orgId={orgId} report={report} />
      <ReportNotes report={report} />
      <Card title="Savings waterfall" headingLevel={2}>
        <SavingsWaterfall report={report.analysis} />
      </Card>
      <ReportTabs
        report={report.analysis}
        orgId={orgId}
        reportId={report.id}
        summary={report.summary}
        actionPlan={report.action_plan}
        findings={report.findings}
        label={`${report.title}: sections`}
      />
    </article>
  );
}

function LoadedReport({ orgId, reportId }: { orgId: string; reportId: string }) {
  const query = useReport(orgId, reportId);
  if (query.isPending) {
    return <Spinner label="Loading the report" />;
  }
  if (query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <Alert tone="bad" title={missing ? 'Report not found' : 'The report could not be loaded'}>
        {missing ? 'It may belong to another organization or have been deleted. ' : `${query.error.message} `}
        <Link href="/reports">See all reports</Link>
      </Alert>
    );
  }
  return <ReportBody orgId={orgId} report={query.data} />;
}

/** The `/reports/[id]` screen: header with exports, the waterfall, and the report's tabs. */
export function ReportScreen({ reportId }: { reportId: string }) {
  return <OrgGate>{(orgId) => <LoadedReport orgId={orgId} reportId={reportId} />}</OrgGate>;
}
