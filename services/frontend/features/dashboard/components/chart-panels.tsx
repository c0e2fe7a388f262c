'use client';
/**
 * The two time charts of the dashboard: spend stacked by the chosen grouping, and tokens with
 * requests. Both come from one spend answer; the chart code loads on demand.
 * @module
 */
import type { AnalyticsBucket, SpendAnswer } from '@netra/shared/contracts';
import dynamic from 'next/dynamic';
import { seriesInfos, spendRows, usageRows } from '../lib/chart-data';
import type { GroupByChoice } from '../lib/url-state';
import { ChartPanel } from './chart-panel';
import { SpendTable, UsageTable } from './chart-tables';
import styles from './dashboard.module.css';

function InlineSkeleton() {
  return <div className={`${styles.skeleton} ${styles.skeletonChart}`} aria-hidden="true" />;
}

const SpendChart = dynamic(() => import('./spend-chart'), { ssr: false, loading: InlineSkeleton });
const UsageChart = dynamic(() => import('./usage-chart'), { ssr: false, loading: InlineSkeleton });

const GROUP_NOUNS: Readonly<Record<GroupByChoice, string>> = {
  model: 'model',
  provider: 'provider',
  feature: 'feature',
  user_id: 'user',
};

interface PanelProps {
  answer: SpendAnswer;
  groupBy: GroupByChoice;
  bucket: AnalyticsBucket;
  rangeLabel: string;
}

export function SpendPanel({ answer, groupBy, bucket, rangeLabel }: PanelProps) {
  const series = seriesInfos(answer, groupBy);
  const rows = spendRows(answer);
  const label = `Spend per ${bucket} by ${GROUP_NOUNS[groupBy]}, ${rangeLabel}`;
  const shown = answer.series.filter((item) => !item.other).length;
  const caption =
    answer.groups > shown
      ? `The ${shown} largest of ${answer.groups} ${GROUP_NOUNS[groupBy]}s by spend; the rest are summed as Other. Times in UTC.`
      : `${answer.groups} ${GROUP_NOUNS[groupBy]}${answer.groups === 1 ? '' : 's'}. Times in UTC.`;
  return (
    <ChartPanel
      title="Spend over time"
      chartLabel={label}
      caption={caption}
      testId="spend-chart"
      chart={<SpendChart label={label} rows={rows} series={series} bucket={bucket} />}
      table={<SpendTable caption={label} rows={rows} series={series} bucket={bucket} />}
    />
  );
}

export function UsagePanel({ answer, bucket, rangeLabel }: Omit<PanelProps, 'groupBy'>) {
  const rows = usageRows(answer);
  const label = `Tokens and requests per ${bucket}, ${rangeLabel}`;
  return (
    <ChartPanel
      title="Tokens and requests"
      chartLabel={label}
      caption="Bars: input and output tokens (left axis). Line: requests (right axis). Times in UTC."
      testId="usage-chart"
      chart={<UsageChart label={label} rows={rows} bucket={bucket} />}
      table={<UsageTable caption={label} rows={rows} bucket={bucket} />}
    />
  );
}
