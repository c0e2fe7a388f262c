'use client';

import { Alert, Button } from '@/components/ui';
import { useReportExport } from '../hooks/use-report-export';
import type { ExportedReport, ExportFormat } from '../lib/download';
import styles from './reports.module.css';

const FORMAT_LABELS: Record<ExportFormat, string> = { md: 'Download Markdown', json: 'Download JSON' };

/** Markdown and JSON downloads from the export route, and Print / PDF with the print layout. */
export function ExportToolbar({ orgId, report }: { orgId: string; report: ExportedReport }) {
  const download = useReportExport(orgId, report);
  const busy = (format: ExportFormat) => download.isPending && download.variables === format;
  return (
    <div className={styles.stack} data-print="hide">
      <div className={styles.toolbar} role="group" aria-label="Export">
        {(['md', 'json'] as const).map((format) => (
          <Button
            key={format}
            variant="secondary"
            loading={busy(format)}
            onClick={() => {
              download.mutate(format);
            }}
          >
            {FORMAT_LABELS[format]}
          </Button>
        ))}
        <Button
          variant="secondary"
          onClick={() => {
            window.print();
          }}
        >
          Print / PDF
        </Button>
      </div>
      {download.error === null ? null : (
        <Alert tone="bad" title="The export could not be downloaded">
          {download.error.message}
        </Alert>
      )}
    </div>
  );
}
