'use client';

import type { ReportListItem } from '@netra/shared/contracts';
import Link from 'next/link';
import { Alert, Badge, Button, Card, EmptyState } from '@/components/ui';
import { useReportList } from '../hooks/use-reports';
import { formatDateTime, formatPct, formatUsd, humanize } from '../lib/format';
import styles from './reports.module.css';

const TIER_TONES = { full: 'ok', partial: 'warn', guidance: 'neutral' } as const;

function ReportRow({ item }: { item: ReportListItem }) {
  const { summary } = item;
  return (
    <Card className={styles.reportItem} data-testid="report-item" data-report-id={item.id}>
      <div>
        <Link href={`/reports/${item.id}`} className={styles.reportLink}>
          {item.title}
        </Link>
        <p className={styles.muted}>
          <time dateTime={item.created_at}>{formatDateTime(item.created_at)}</time> ·{' '}
          <Badge tone={TIER_TONES[item.tier]}>{humanize(item.tier)}</Badge> · baseline{' '}
          <span data-value={summary.baseline_monthly_usd}>{formatUsd(summary.baseline_monthly_usd)}</span>
          /month
        </p>
      </div>
      <p className={styles.itemFigure}>
        <span>Proven / month</span>
        <span
          className={styles.itemProven}
          data-testid="item-proven-savings"
          data-value={summary.proven_monthly_savings_usd}
        >
          {formatUsd(summary.proven_monthly_savings_usd)}
        </span>
        <span className={styles.muted}>{formatPct(summary.proven_savings_pct)}</span>
      </p>
      <p className={styles.itemFigure}>
        <span>Potential / month</span>
        <span data-testid="item-potential-savings" data-value={summary.potential_monthly_savings_usd}>
          {formatUsd(summary.potential_monthly_savings_usd)}
        </span>
        <span className={styles.muted}>{formatPct(summary.potential_savings_pct)}</span>
      </p>
    </Card>
  );
}

function Skeletons() {
  return (
    <ul className={styles.reportList} aria-busy="true" aria-label="Loading reports">
      {[0, 1, 2].map((index) => (
        <li key={index} className={styles.skeleton} />
      ))}
    </ul>
  );
}

const EMPTY_HINT =
  'A report is written each time the agents analyse your usage. Ask for savings in the chat, for example “Help me reduce my AI costs by 30%”.';

/** `/reports`: every report of the organization, newest first, proven savings leading. */
export function ReportsList({ orgId }: { orgId: string }) {
  const list = useReportList(orgId);
  if (list.isPending) {
    return <Skeletons />;
  }
  if (list.isError) {
    return (
      <Alert tone="bad" title="Reports could not be loaded">
        {list.error.message}
      </Alert>
    );
  }
  const items = list.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState
        title="No reports yet"
        description={EMPTY_HINT}
        action={<Link href="/chat">Ask for savings in Chat</Link>}
      />
    );
  }
  return (
    <div className={styles.stack}>
      <ul className={styles.reportList} aria-label="Reports, newest first">
        {items.map((item) => (
          <li key={item.id}>
            <ReportRow item={item} />
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button
          variant="secondary"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Load more reports
        </Button>
      ) : null}
    </div>
  );
}
