import type { AnalysisReport, BaselineSlice } from '@netra/shared/contracts';
import { Badge, Card } from '@/components/ui';
import { formatCount, formatDay, formatShare, formatUsd, humanize } from '../lib/format';
import styles from './reports.module.css';

function sliceName(slice: BaselineSlice): string {
  const name = slice.key === '' ? '(unnamed)' : slice.key;
  return slice.provider === undefined ? name : `${slice.provider}/${name}`;
}

/** One baseline table (by model or by feature), largest cost first as the engine sends it. */
function SliceTable(props: { caption: string; slices: readonly BaselineSlice[]; testId: string }) {
  if (props.slices.length === 0) {
    return <p className={styles.muted}>No {props.caption.toLowerCase()} in this report.</p>;
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Slice</th>
            <th scope="col" className={styles.num}>
              Requests
            </th>
            <th scope="col" className={styles.num}>
              Cost
            </th>
            <th scope="col" className={styles.num}>
              Per month
            </th>
            <th scope="col" className={styles.num}>
              Share
            </th>
            <th scope="col" className={styles.num}>
              Unpriced
            </th>
          </tr>
        </thead>
        <tbody>
          {props.slices.map((slice) => (
            <tr key={`${slice.provider ?? ''}/${slice.key}`}>
              <th scope="row">{sliceName(slice)}</th>
              <td className={styles.num}>{formatCount(slice.requests)}</td>
              <td className={styles.num} data-value={slice.cost_usd}>
                {formatUsd(slice.cost_usd)}
              </td>
              <td className={styles.num} data-value={slice.monthly_cost_usd}>
                {formatUsd(slice.monthly_cost_usd)}
              </td>
              <td className={styles.num}>{formatShare(slice.share_of_cost)}</td>
              <td className={styles.num}>{formatCount(slice.unpriced_requests)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SUFFICIENCY_TONES = { sufficient: 'ok', partial: 'warn', insufficient: 'bad' } as const;

function DataQuality({ quality }: { quality: AnalysisReport['data_quality'] }) {
  return (
    <Card title="Data quality" headingLevel={3}>
      <p className={styles.muted}>
        <Badge tone={SUFFICIENCY_TONES[quality.sufficiency]}>{humanize(quality.sufficiency)}</Badge>{' '}
        <span data-testid="data-completeness" data-value={quality.completeness}>
          {formatShare(quality.completeness)} complete
        </span>
      </p>
      {quality.missing.length === 0 ? null : (
        <>
          <h4 className={styles.sectionTitle}>Missing fields</h4>
          <ul className={styles.list}>
            {quality.missing.map((item) => (
              <li key={item.field}>
                <code>{item.field}</code>: {item.why}
              </li>
            ))}
          </ul>
        </>
      )}
      {quality.notes.length === 0 ? null : (
        <ul className={styles.list}>
          {quality.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Data: the baseline the savings are measured against (period, slices, totals) and its quality. */
export function DataPanel({ report }: { report: AnalysisReport }) {
  const { baseline, period } = report;
  return (
    <div className={styles.stack}>
      <Card title="Baseline" headingLevel={3}>
        <p className={styles.muted}>
          {formatDay(period.start)} – {formatDay(period.end)} ({formatCount(period.days)} days):{' '}
          <span data-testid="baseline-requests" data-value={baseline.requests}>
            {formatCount(baseline.requests)} requests
          </span>{' '}
          costing{' '}
          <span data-testid="baseline-total" data-value={baseline.total_cost_usd}>
            {formatUsd(baseline.total_cost_usd)}
          </span>
          , that is{' '}
          <span data-testid="baseline-monthly-data" data-value={baseline.monthly_cost_usd}>
            {formatUsd(baseline.monthly_cost_usd)}
          </span>{' '}
          per month.{' '}
          {baseline.unpriced_requests > 0
            ? `${formatCount(baseline.unpriced_requests)} requests have no price.`
            : ''}
        </p>
      </Card>
      <SliceTable caption="By model" slices={baseline.by_model} testId="baseline-by-model" />
      <SliceTable caption="By feature" slices={baseline.by_feature} testId="baseline-by-feature" />
      <DataQuality quality={report.data_quality} />
    </div>
  );
}
