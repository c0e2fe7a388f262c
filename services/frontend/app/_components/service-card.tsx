'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { Readiness } from '@netra/shared';
import { readinessUrl } from '@/lib/browser/fetch-readiness';
import type { UpstreamService } from '@/lib/browser/runtime-config';
import { serviceStateOf, tierLabel, type ServiceState } from '@/lib/browser/service-state';
import { StateBadge } from './state-badge';
import { TierTable } from './tier-table';
import styles from './status.module.css';

interface ServiceCardProps {
  service: UpstreamService;
  query: UseQueryResult<Readiness>;
}

/** One service's readiness as the browser sees it, with its store tiers and a way to check again. */
export function ServiceCard({ service, query }: ServiceCardProps) {
  const state = serviceStateOf(query);
  return (
    <section
      className={styles.card}
      data-service={service.id}
      data-state={state}
      aria-labelledby={`${service.id}-name`}
    >
      <CardHeader service={service} state={state} />
      <CardBody service={service} state={state} query={query} />
      <CardFooter state={state} query={query} />
    </section>
  );
}

function CardHeader({ service, state }: { service: UpstreamService; state: ServiceState }) {
  return (
    <header className={styles.cardHeader}>
      <div>
        <h2 id={`${service.id}-name`} className={styles.cardTitle}>
          {service.name}
        </h2>
        <p className={styles.url} data-url>
          {service.url}
        </p>
      </div>
      <div aria-live="polite">
        <StateBadge state={state} />
      </div>
    </header>
  );
}

function CardBody({ service, state, query }: ServiceCardProps & { state: ServiceState }) {
  switch (state) {
    case 'checking':
      return <p className={styles.note}>Asking {readinessUrl(service.url)}…</p>;
    case 'unreachable':
      return (
        <p className={styles.problem}>
          No answer from {readinessUrl(service.url)}. The service may still be starting, or it does not allow
          requests from this page&apos;s origin. Checking again automatically.
        </p>
      );
    case 'bad_response':
      return (
        <p className={styles.problem}>{query.error?.message ?? 'The service sent an unexpected answer.'}</p>
      );
    case 'ready':
    case 'not_ready':
      return query.data === undefined ? null : <ReadinessDetails readiness={query.data} />;
  }
}

function ReadinessDetails({ readiness }: { readiness: Readiness }) {
  const failing = Object.entries(readiness.tiers).filter(([, tier]) => !tier.ok);
  return (
    <>
      <p className={styles.meta}>
        Environment <strong>{readiness.environment}</strong>
      </p>
      <TierTable tiers={readiness.tiers} />
      {failing.map(([name, tier]) => (
        <p key={name} className={styles.problem}>
          {tierLabel(name)}: {tier.error ?? 'not answering'}
        </p>
      ))}
    </>
  );
}

function CardFooter({ state, query }: { state: ServiceState; query: UseQueryResult<Readiness> }) {
  const checkedAt = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);
  const failing = state === 'unreachable' || state === 'bad_response';
  return (
    <footer className={styles.cardFooter}>
      <span className={styles.note}>
        {checkedAt > 0 ? `Checked at ${new Date(checkedAt).toLocaleTimeString()}` : ''}
      </span>
      <button
        type="button"
        className={styles.button}
        disabled={query.isFetching}
        onClick={() => void query.refetch()}
      >
        {query.isFetching ? 'Checking…' : failing ? 'Retry now' : 'Refresh'}
      </button>
    </footer>
  );
}
