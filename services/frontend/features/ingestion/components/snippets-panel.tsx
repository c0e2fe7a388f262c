'use client';
/**
 * Copy-paste snippets to send usage from code: the REST API and a file with curl, and OpenTelemetry
 * exporters for Node and Python, filled with this backend's URL and this organization.
 * @module
 */
import { useState } from 'react';
import { Card, CopyButton, Tabs } from '@/components/ui';
import { useApi } from '@/lib/api';
import { useCurrentOrganization } from '@/lib/auth';
import { buildSnippets, type SnippetId } from '../lib/snippets';
import styles from './ingestion.module.css';

export function SnippetsPanel({ apiKey }: { apiKey: string | null }) {
  const { baseUrl } = useApi();
  const { organization } = useCurrentOrganization();
  const [tab, setTab] = useState<SnippetId>('curl');
  // Taken once, so the example event's time does not change while the page is open.
  const [now] = useState(() => new Date().toISOString());
  if (organization === null) {
    return null;
  }
  const snippets = buildSnippets({
    backendUrl: baseUrl,
    orgId: organization.id,
    orgName: organization.name,
    apiKey,
    now,
  });
  return (
    <Card title="Send usage from code">
      <p className={styles.text}>
        Each snippet reads the key from <code>NETRA_API_KEY</code>. OpenTelemetry exporters send GenAI spans
        to <code>/v1/traces</code>; model calls with token usage become usage events.
      </p>
      <Tabs
        label="Snippets"
        value={tab}
        onChange={(id) => {
          setTab(id as SnippetId);
        }}
        items={snippets.map((snippet) => ({
          id: snippet.id,
          label: snippet.label,
          content: (
            <>
              <pre
                className={styles.code}
                data-testid={`snippet-${snippet.id}`}
                tabIndex={0}
                aria-label={`${snippet.label} snippet`}
              >
                <code>{snippet.code}</code>
              </pre>
              <CopyButton text={snippet.code} label={`Copy ${snippet.label} snippet`} />
            </>
          ),
        }))}
      />
    </Card>
  );
}
