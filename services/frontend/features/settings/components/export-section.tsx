'use client';

import { useState, type SyntheticEvent } from 'react';
import { Alert, Button, Select, TextField } from '@/components/ui';
import { useUsageExport } from '../hooks/use-usage-export';
import { placeError } from '../lib/field-errors';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_LABELS,
  exportQuery,
  lastDays,
  type UsageExportFormat,
  type ExportRange,
} from '../lib/export-range';
import { SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** A date range and a format, downloaded as a CSV file. */
export function ExportSection() {
  const [range, setRange] = useState<ExportRange>(() => lastDays(30));
  const [format, setFormat] = useState<UsageExportFormat>('csv');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const download = useUsageExport();
  const placed = placeError(download.error, ['from', 'to', 'format']);
  const fieldError = (field: string) =>
    localError?.field === field ? localError.message : placed.fields[field];
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const built = exportQuery(range, format);
    if ('error' in built) {
      setLocalError(built.error);
      return;
    }
    setLocalError(null);
    download.mutate({ range, format, query: built.query });
  };
  return (
    <SettingsSection slug="export" needsOrganization>
      <form className={styles.form} noValidate onSubmit={onSubmit} aria-label="Export usage">
        <div className={styles.formRow}>
          <TextField
            label="First day"
            type="date"
            value={range.from}
            onChange={(event) => {
              setRange((current) => ({ ...current, from: event.target.value }));
            }}
            error={fieldError('from')}
          />
          <TextField
            label="Last day"
            type="date"
            value={range.through}
            onChange={(event) => {
              setRange((current) => ({ ...current, through: event.target.value }));
            }}
            error={fieldError('to')}
            hint="Included; days are UTC."
          />
        </div>
        <Select
          label="Format"
          value={format}
          options={EXPORT_FORMATS.map((value) => ({ value, label: EXPORT_FORMAT_LABELS[value] }))}
          onChange={(event) => {
            setFormat(event.target.value as UsageExportFormat);
          }}
          error={placed.fields.format}
        />
        {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
        {download.isSuccess ? (
          <Alert tone="ok">
            Downloaded {download.data.fileName} ({Math.max(1, Math.round(download.data.bytes / 1024))} KB).
          </Alert>
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" loading={download.isPending}>
            Download export
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
