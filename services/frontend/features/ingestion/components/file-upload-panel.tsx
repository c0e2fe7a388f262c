'use client';
/**
 * Upload a usage file as the signed-in member: pick a file and a format, watch the bytes go (a real
 * progress bar) and the rows being imported, then read the totals and the rejected rows. The CSV
 * template is generated here from the canonical usage-event fields.
 * @module
 */
import { USAGE_FILE_FORMATS, type UsageFileFormat } from '@netra/shared/contracts';
import { useId, useState, type SyntheticEvent, type MouseEvent } from 'react';
import { Alert, Button, Card, Select } from '@/components/ui';
import { useFileUpload, type UploadState } from '../hooks/use-file-upload';
import { buildCsvTemplate, TEMPLATE_FILE_NAME } from '../lib/csv-template';
import { formatBytes, formatCount, percentOf } from '../lib/format';
import { UploadReport } from './upload-report';
import styles from './ingestion.module.css';

const FORMAT_LABELS: Readonly<Record<UsageFileFormat, string>> = {
  auto: 'Detect automatically',
  canonical: 'Netra canonical (JSON / JSON Lines)',
  csv: 'CSV with canonical columns',
  openai: 'OpenAI usage export',
  anthropic: 'Anthropic usage export',
  litellm: 'LiteLLM spend logs',
  langfuse: 'Langfuse observations',
};

/** Points the link at a fresh template (dated now) just before the browser follows it. */
function downloadTemplate(event: MouseEvent<HTMLAnchorElement>) {
  const blob = new Blob([buildCsvTemplate(Date.now())], { type: 'text/csv' });
  const link = event.currentTarget;
  link.href = URL.createObjectURL(blob);
  setTimeout(() => {
    URL.revokeObjectURL(link.href);
  }, 10_000);
}

function UploadProgress({ state, onCancel }: { state: UploadState; onCancel: () => void }) {
  if (state.phase !== 'uploading') {
    return null;
  }
  const pct = percentOf(state.sent, state.total);
  const sentAll = state.total > 0 && state.sent >= state.total;
  const rows = state.answer?.totals?.rows;
  return (
    <div className={styles.progressBlock}>
      <progress
        className={styles.progress}
        value={state.sent}
        max={Math.max(state.total, 1)}
        aria-label="Upload progress"
      />
      <p className={styles.progressText} aria-live="polite">
        {sentAll
          ? `Sent ${formatBytes(state.total)}. Importing${rows === undefined ? '…' : `: ${formatCount(rows)} rows read`}`
          : `Sending ${state.fileName}: ${pct}% (${formatBytes(state.sent)} of ${formatBytes(state.total)})`}
      </p>
      <div>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel upload
        </Button>
      </div>
    </div>
  );
}

function UploadOutcome({ state }: { state: UploadState }) {
  if (state.phase === 'failed') {
    return (
      <Alert tone={state.code === 'cancelled' ? 'info' : 'bad'} title={`${state.fileName} was not imported`}>
        {state.message}
      </Alert>
    );
  }
  if (state.phase !== 'finished') {
    return null;
  }
  const { answer } = state;
  return (
    <>
      {answer.failure === null ? null : (
        <Alert tone="bad" title="The import stopped early">
          {answer.failure.message}
        </Alert>
      )}
      <UploadReport fileName={state.fileName} totals={answer.totals} errors={answer.errors} />
    </>
  );
}

function UploadForm({
  busy,
  onUpload,
}: {
  busy: boolean;
  onUpload: (file: File, format: UsageFileFormat) => void;
}) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<UsageFileFormat>('auto');
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file !== null) {
      onUpload(file, format);
    }
  };
  return (
    <form className={styles.form} onSubmit={submit}>
      <div className={styles.fileField}>
        <label className={styles.label} htmlFor={inputId}>
          Usage file
        </label>
        <input
          id={inputId}
          className={styles.fileInput}
          type="file"
          accept=".csv,.tsv,.json,.jsonl,.ndjson,.gz,text/csv,application/json"
          disabled={busy}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
          }}
        />
      </div>
      <Select
        label="Format"
        value={format}
        disabled={busy}
        options={USAGE_FILE_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }))}
        onChange={(event) => {
          setFormat(event.target.value as UsageFileFormat);
        }}
      />
      <Button type="submit" disabled={file === null || busy}>
        Upload
      </Button>
    </form>
  );
}

export function FileUploadPanel() {
  const upload = useFileUpload();
  return (
    <Card title="Upload a usage file">
      <p className={styles.text}>
        CSV, JSON or JSON Lines, gzip allowed, up to 512 MiB: Netra canonical events or an export from OpenAI,
        Anthropic, LiteLLM or Langfuse. Good rows are stored; each bad row is listed with its reason.
      </p>
      <UploadForm
        busy={upload.state.phase === 'uploading'}
        onUpload={(file, format) => {
          void upload.start(file, format);
        }}
      />
      <div className={styles.actions}>
        <a href="#" download={TEMPLATE_FILE_NAME} onClick={downloadTemplate}>
          Download CSV template
        </a>
        <span className={styles.muted}>
          One column per usage field, one row per request; blank cells are optional.
        </span>
      </div>
      <UploadProgress state={upload.state} onCancel={upload.cancel} />
      <UploadOutcome state={upload.state} />
    </Card>
  );
}
