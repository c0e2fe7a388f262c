/**
 * What an upload did: the totals (rows read, stored, duplicates, unpriced, rejected) and a table of
 * every refused row (line, field, message). Very long reports show the first rows and say how many
 * more there are, so the page stays quick.
 * @module
 */
import type { ImportTotals, LineError } from '@netra/shared/contracts';
import Link from 'next/link';
import { Alert } from '@/components/ui';
import { formatCount } from '../lib/format';
import styles from './ingestion.module.css';

/** Refused rows listed on the page; the rest are counted. */
const SHOWN_ERRORS = 500;

const TOTALS: readonly [label: string, key: 'rows' | 'stored' | 'duplicates' | 'unpriced' | 'rejected'][] = [
  ['Rows read', 'rows'],
  ['Stored', 'stored'],
  ['Already stored', 'duplicates'],
  ['Unpriced', 'unpriced'],
  ['Rejected', 'rejected'],
];

export function UploadTotals({ totals }: { totals: ImportTotals }) {
  return (
    <dl className={styles.totals}>
      {TOTALS.map(([label, key]) => (
        <div key={key} className={styles.total}>
          <dt>{label}</dt>
          <dd data-testid={`upload-${key}`} data-value={totals[key]}>
            {formatCount(totals[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorTable({ errors }: { errors: readonly LineError[] }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Rejected rows table">
      <table className={styles.table} data-testid="upload-errors">
        <caption>
          Rejected rows
          {errors.length > shown.length
            ? ` (the first ${formatCount(shown.length)} of ${formatCount(errors.length)})`
            : ` (${formatCount(errors.length)})`}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.number}>
              Row
            </th>
            <th scope="col">Field</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((error) => (
            <tr key={`${error.line}:${error.field}`}>
              <td className={styles.number}>{error.line}</td>
              <td>
                <code>{error.field}</code>
              </td>
              <td>{error.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function skippedNotes(totals: ImportTotals): string[] {
  return Object.entries(totals.skipped).map(([reason, rows]) => `${reason} (${formatCount(rows)})`);
}

export function UploadReport(props: {
  fileName: string;
  totals: ImportTotals | null;
  errors: LineError[] | null;
}) {
  const { totals, errors } = props;
  const stored = totals?.stored ?? 0;
  const rejected = totals?.rejected ?? 0;
  const tone = rejected > 0 ? 'warn' : stored > 0 ? 'ok' : 'info';
  const format = totals?.format === undefined ? '' : ` as ${totals.format}`;
  const notes = totals === null ? [] : skippedNotes(totals);
  return (
    <div data-testid="upload-report">
      <Alert
        tone={tone}
        title={`${props.fileName}: ${formatCount(stored)} stored, ${formatCount(rejected)} rejected`}
      >
        Read{format}.{' '}
        {totals?.kind === 'billed_cost'
          ? 'Stored as billed cost (a cost export, kept to reconcile with usage).'
          : 'The dashboard now includes these rows.'}{' '}
        <Link href="/dashboard">Open the dashboard</Link>
        {notes.length === 0 ? null : (
          <ul className={styles.list} aria-label="Skipped">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </Alert>
      {totals === null ? null : <UploadTotals totals={totals} />}
      {errors === null || errors.length === 0 ? null : <ErrorTable errors={errors} />}
    </div>
  );
}
