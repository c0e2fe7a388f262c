import type { AnalysisReport, DataFindings, ReportSummary } from '@netra/shared/contracts';
import { keyMetrics } from '../lib/metrics';
import styles from './reports.module.css';

/** Metrics: the key figures of the report in one table, each cell keeping its raw value. */
export function MetricsPanel(props: {
  report: AnalysisReport;
  summary?: ReportSummary | null | undefined;
  findings?: DataFindings | null | undefined;
}) {
  const rows = keyMetrics(props.report, props.summary, props.findings);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="key-metrics">
        <caption>Key metrics</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className={styles.num}>
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-metric={row.key}>
              <th scope="row">{row.label}</th>
              <td className={styles.num} data-value={row.value ?? ''}>
                {row.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
