import type { AnalysisReport, BaselineSlice } from '@netra/shared/contracts';
import { Badge, Card } from '@/components/ui';
import { formatCount, formatDay, formatShare, formatUsd, humanize } from '../lib/format';
import { slicesByProvider } from '../lib/slices';
import styles from './reports.module.css';

function sliceName(slice: BaselineSlice): string {
  const name = slice.key === '' ? '(unnamed)' : slice.key;
  return slice.provider === undefined ? name : `${slice.provider}/${name}`;
}

const SLICE_COLUMNS = ['Requests', 'Cost', 'Per month', 'Share', 'Unpriced'];

function SliceRow({ slice }: { slice: BaselineSlice }) {
  return (
    <tr>
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
  );
}

/** One baseline table (by model, provider or feature), largest cost first. */
function SliceTable(props: {
  title: string;
  slice: string;
  slices: readonly BaselineSlice[];
  testId: string;
}) {
  return (
    <Card title={props.title} headingLevel={3}>
      {props.slices.length === 0 ? (
        <p className={styles.muted}>The report has no slices of this kind.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid={props.testId}>
            <caption className="visually-hidden">Baseline {props.title.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">{props.slice}</th>
                {SLICE_COLUMNS.map((column) => (
                  <th key={column} scope="col" className={styles.num}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.slices.map((slice) => (
                <SliceRow key={`${slice.provider ?? ''}/${slice.key}`} slice={slice} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
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
          <h4 className={styles.subTitle}>Missing fields</h4>
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
      <SliceTable title="By model" slice="Model" slices={baseline.by_model} testId="baseline-by-model" />
      <SliceTable
        title="By provider"
        slice="Provider"
        slices={slicesByProvider(baseline.by_model)}
        testId="baseline-by-provider"
      />
      <SliceTable
        title="By feature"
        slice="Feature"
        slices={baseline.by_feature}
        testId="baseline-by-feature"
      />
      <DataQuality quality={report.data_quality} />
    </div>
  );
}
