'use client';
/**
 * The demo-data loader: a realistic 14-day workload (several features, providers and models) for
 * trying the dashboard and the savings analysis without real data. Once per organization.
 * @module
 */
import Link from 'next/link';
import { Alert, Button, Card } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { useLoadDemoData } from '../hooks/use-demo-data';
import { formatCount, formatDate } from '../lib/format';
import styles from './ingestion.module.css';

function LoadError({ error }: { error: Error }) {
  const present =
    isApiError(error) && (error.code === 'demo_data_present' || error.code === 'demo_data_loading');
  return (
    <Alert
      tone={present ? 'info' : 'bad'}
      title={present ? 'Demo data is already here' : 'Could not load demo data'}
    >
      {error.message}
    </Alert>
  );
}

export function DemoDataPanel() {
  const load = useLoadDemoData();
  const loaded = load.data;
  return (
    <Card title="Demo data">
      <p className={styles.text}>
        Load 14 days of realistic usage, across several features, providers and models, to explore the
        dashboard and ask for savings. It is loaded once per organization, next to any usage already here.
      </p>
      <Button
        variant="secondary"
        loading={load.isPending}
        onClick={() => {
          load.mutate();
        }}
      >
        Load demo data
      </Button>
      <div aria-live="polite">
        {load.error === null ? null : <LoadError error={load.error} />}
        {loaded === undefined ? null : (
          <Alert
            tone="ok"
            title={`Loaded ${formatCount(loaded.events)} demo events over ${loaded.days} days`}
          >
            From {formatDate(loaded.from)} to {formatDate(loaded.to)}, {loaded.features.length} features.{' '}
            <Link href="/dashboard">Open the dashboard</Link>
          </Alert>
        )}
      </div>
    </Card>
  );
}
