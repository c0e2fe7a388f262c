'use client';

import { serviceStateOf, summarize } from '@/lib/browser/service-state';
import { useRuntimeConfig } from './runtime-config-context';
import { ServiceCard } from './service-card';
import { useReadiness } from './use-readiness';
import styles from './status.module.css';

/**
 * The "Platform status" screen: every service the browser talks to, its state and its store tiers.
 * A page of its own at /status (`main`); inside the app shell, which has its own `main`, a `section`.
 */
export function PlatformStatus({ as: Root = 'main' }: { as?: 'main' | 'section' }) {
  const { environment, services } = useRuntimeConfig();
  const queries = useReadiness(services);
  return (
    <Root className={styles.page}>
      <PageHeader environment={environment} summary={summarize(queries.map(serviceStateOf))} />
      <div className={styles.grid}>
        {services.map((service, index) => {
          const query = queries[index];
          return query === undefined ? null : (
            <ServiceCard key={service.id} service={service} query={query} />
          );
        })}
      </div>
    </Root>
  );
}

function PageHeader({ environment, summary }: { environment: string; summary: string }) {
  return (
    <header className={styles.pageHeader}>
      <p className={styles.brand}>Netra Apex</p>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>Platform status</h1>
        <span className={styles.environment} data-environment={environment}>
          {environment}
        </span>
      </div>
      <p className={styles.lead}>
        Readiness of the services this page talks to, checked from your browser. Each store runs embedded
        (in-process, no setup) or against a server.
      </p>
      <p className={styles.summary} role="status">
        {summary}
      </p>
    </header>
  );
}
