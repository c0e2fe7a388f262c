/**
 * The charts' table alternatives: the same figures, one row per bucket.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import type { SeriesInfo, SpendRow, UsageChartRow } from '../lib/chart-data';
import { formatBucket, formatCount, formatUsd } from '../lib/format';
import styles from './dashboard.module.css';

const rowTotal = (row: SpendRow, series: readonly SeriesInfo[]) =>
  series.reduce((sum, info) => sum + Number(row[info.id] ?? 0), 0);

export function SpendTable(props: {
  caption: string;
  rows: readonly SpendRow[];
  series: readonly SeriesInfo[];
  bucket: AnalyticsBucket;
}) {
  const { rows, series, bucket } = props;
  return (
    <table className={styles.table}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Period (UTC)</th>
          {series.map((info) => (
            <th key={info.id} scope="col" className={styles.number}>
              {info.label}
            </th>
          ))}
          <th scope="col" className={styles.number}>
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.bucket}>
            <th scope="row">{formatBucket(row.bucket, bucket)}</th>
            {series.map((info) => (
              <td key={info.id} className={styles.number}>
                {formatUsd(Number(row[info.id] ?? 0))}
              </td>
            ))}
            <td className={styles.number}>{formatUsd(rowTotal(row, series))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UsageTable(props: {
  caption: string;
  rows: readonly UsageChartRow[];
  bucket: AnalyticsBucket;
}) {
  const columns = [
    ['Requests', (row: UsageChartRow) => row.requests],
    ['Failed requests', (row: UsageChartRow) => row.errorRequests],
    ['Input tokens', (row: UsageChartRow) => row.inputTokens],
    ['Cache-read tokens', (row: UsageChartRow) => row.cacheReadTokens],
    ['Output tokens', (row: UsageChartRow) => row.outputTokens],
  ] as const;
  return (
    <table className={styles.table}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Period (UTC)</th>
          {columns.map(([name]) => (
            <th key={name} scope="col" className={styles.number}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.bucket}>
            <th scope="row">{formatBucket(row.bucket, props.bucket)}</th>
            {columns.map(([name, value]) => (
              <td key={name} className={styles.number}>
                {formatCount(value(row))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
