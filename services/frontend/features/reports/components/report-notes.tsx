import type { RunReport } from '@netra/shared/contracts';
import { Alert, Card } from '@/components/ui';
import styles from './reports.module.css';

/** What the reader must know before trusting the figures, and for thin data what to send. */
export function ReportNotes({ report }: { report: RunReport }) {
  const request = report.data_request;
  return (
    <>
      {report.caveats.length === 0 ? null : (
        <Alert tone="warn" title="Caveats">
          <ul className={styles.list}>
            {report.caveats.map((caveat) => (
              <li key={caveat}>{caveat}</li>
            ))}
          </ul>
        </Alert>
      )}
      {request === null ? null : (
        <Card title="Data to send for a full analysis" headingLevel={2}>
          <p className={styles.muted}>{request.summary}</p>
          <ul className={styles.list}>
            {request.fields.map((field) => (
              <li key={field.field}>
                <code>{field.field}</code>
                {field.required ? ' (required)' : ''}: {field.why}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
