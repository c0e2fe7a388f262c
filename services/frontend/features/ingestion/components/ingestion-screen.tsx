'use client';
/**
 * `/ingestion` (Data sources): every way to get usage into this organization — a file upload,
 * ingestion keys, code snippets for the REST API and OpenTelemetry, and the demo workload.
 * @module
 */
import { useState } from 'react';
import { useCurrentOrganization } from '@/lib/auth';
import { ApiKeysPanel } from './api-keys-panel';
import { DemoDataPanel } from './demo-data-panel';
import { FileUploadPanel } from './file-upload-panel';
import { SnippetsPanel } from './snippets-panel';
import styles from './ingestion.module.css';

export function IngestionScreen() {
  const { organization } = useCurrentOrganization();
  // A key created on this page, so the snippets can be pasted as they are.
  const [createdKey, setCreatedKey] = useState<string | null>(null);
  return (
    <div className={styles.screen}>
      <div>
        <h1 className={styles.title}>Data sources</h1>
        <p className={styles.intro}>
          Send the LLM usage of {organization?.name ?? 'your organization'}: upload a file, or send it from
          your services with an ingestion key.
        </p>
      </div>
      <FileUploadPanel />
      <ApiKeysPanel onKeyCreated={setCreatedKey} />
      <SnippetsPanel apiKey={createdKey} />
      <DemoDataPanel />
    </div>
  );
}
