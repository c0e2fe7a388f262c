'use client';
/**
 * `/dashboard`: where the money goes in the chosen window — headline figures, spend over time by
 * model / provider / feature / user, tokens and requests, the top cost drivers, unpriced models,
 * budgets with their month-end forecast and fired alerts. The view lives in the URL.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import Link from 'next/link';
import { Alert, Button, EmptyState } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import { useDashboardData, useDashboardWindow } from '../hooks/use-dashboard-data';
import { useDashboardState } from '../hooks/use-dashboard-state';
import { describeRange, previousPeriodLabel, type DashboardWindow } from '../lib/time-window';
import { EMPTY_FILTERS, hasFilters, type DashboardState } from '../lib/url-state';
import { AlertsPanel } from './alerts-panel';
import { BudgetsPanel } from './budgets-panel';
import { ChartSkeleton } from './chart-panel';
import { SpendPanel, UsagePanel } from './chart-panels';
import { CostDrivers } from './cost-drivers';
import { FigureTiles, FigureTilesSkeleton } from './figure-tiles';
import { Panel } from './panel';
import { UnpricedWarning } from './unpriced-warning';
import { ViewControls } from './view-controls';
import styles from './dashboard.module.css';

function ErrorAlert({ what, error }: { what: string; error: Error }) {
  return (
    <Alert tone="bad" title={`Could not load ${what}`}>
      {error.message}
    </Alert>
  );
}

function NoUsage({ state, onChange }: { state: DashboardState; onChange: (next: DashboardState) => void }) {
  if (hasFilters(state.filters)) {
    return (
      <EmptyState
        title="No usage matches these filters"
        description="Nothing in this period has the provider, model, feature, environment or status chosen."
        action={
          <Button
            variant="secondary"
            onClick={() => {
              onChange({ ...state, filters: EMPTY_FILTERS });
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      title="No usage in this period"
      description={
        <>
          Send your LLM usage (API, OpenTelemetry or a file) or load the demo workload on{' '}
          <Link href="/ingestion">Data sources</Link>, or choose a longer date range.
        </>
      }
      action={<Link href="/ingestion">Add a data source</Link>}
    />
  );
}

function PanelSkeleton({ title }: { title: string }) {
  return (
    <Panel title={title}>
      <ChartSkeleton />
    </Panel>
  );
}

interface BodyProps {
  state: DashboardState;
  window: DashboardWindow;
  bucket: AnalyticsBucket;
  onChange: (next: DashboardState) => void;
}

type DashboardData = ReturnType<typeof useDashboardData>;

function SpendSection({
  spend,
  state,
  bucket,
}: { spend: DashboardData['spend'] } & Omit<BodyProps, 'window' | 'onChange'>) {
  const rangeLabel = describeRange(state.range);
  if (spend.error !== null) {
    return <ErrorAlert what="spend over time" error={spend.error} />;
  }
  if (spend.data === undefined) {
    return (
      <>
        <PanelSkeleton title="Spend over time" />
        <PanelSkeleton title="Tokens and requests" />
      </>
    );
  }
  return (
    <>
      <SpendPanel answer={spend.data} groupBy={state.groupBy} bucket={bucket} rangeLabel={rangeLabel} />
      <UsagePanel answer={spend.data} bucket={bucket} rangeLabel={rangeLabel} />
    </>
  );
}

/** Budgets and alerts: not tied to the window (budgets are monthly), shown beside each other. */
function BudgetSection({ budgets, alerts }: Pick<DashboardData, 'budgets' | 'alerts'>) {
  const items = budgets.data?.items ?? [];
  return (
    <div className={styles.twoColumns}>
      {budgets.error !== null ? (
        <ErrorAlert what="budgets" error={budgets.error} />
      ) : budgets.data === undefined ? (
        <PanelSkeleton title="Budgets" />
      ) : (
        <BudgetsPanel budgets={items} />
      )}
      {alerts.error !== null ? (
        <ErrorAlert what="alerts" error={alerts.error} />
      ) : alerts.data === undefined ? (
        <PanelSkeleton title="Fired alerts" />
      ) : (
        <AlertsPanel alerts={alerts.data.items} budgets={items} />
      )}
    </div>
  );
}

function DashboardBody({ state, window, bucket, onChange }: BodyProps) {
  const { spend, summary, budgets, alerts } = useDashboardData(state, window, bucket);
  if (summary.error !== null) {
    return <ErrorAlert what="the spend summary" error={summary.error} />;
  }
  const data = summary.data;
  if (data !== undefined && data.current.totals.requests === 0 && !summary.isPlaceholderData) {
    return <NoUsage state={state} onChange={onChange} />;
  }
  return (
    <>
      {data === undefined ? null : <UnpricedWarning summary={data} />}
      {data === undefined ? (
        <FigureTilesSkeleton />
      ) : (
        <FigureTiles summary={data} previousLabel={previousPeriodLabel(window)} />
      )}
      <SpendSection spend={spend} state={state} bucket={bucket} />
      {data === undefined ? <PanelSkeleton title="Top cost drivers" /> : <CostDrivers summary={data} />}
      <BudgetSection budgets={budgets} alerts={alerts} />
    </>
  );
}

export function DashboardScreen() {
  const [state, setState] = useDashboardState();
  const { organization, loading, error } = useCurrentOrganization();
  const { window, bucket } = useDashboardWindow(state);
  return (
    <div className={styles.screen}>
      <div className={styles.header}>
        <h1 className={styles.title}>Dashboard</h1>
        <p className={styles.subtitle}>
          {organization?.name ?? 'Your organization'} · {describeRange(state.range)} (UTC)
        </p>
      </div>
      <ViewControls state={state} window={window} onChange={setState} />
      {error === null ? null : <ErrorAlert what="your organizations" error={error} />}
      {!loading && error === null && organization === null ? (
        <EmptyState title="No organization" description="You are not a member of any organization yet." />
      ) : (
        <DashboardBody state={state} window={window} bucket={bucket} onChange={setState} />
      )}
    </div>
  );
}
