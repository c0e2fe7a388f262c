'use client';
/**
 * Every call of the dashboard for one state: the spend chart (grouped as chosen), the summary, the
 * filters' options, budgets and fired alerts.
 * @module
 */
import {
  alertSchema,
  type AnalyticsBucket,
  budgetListSchema,
  pageSchema,
  spendAnswerSchema,
  spendSummarySchema,
} from '@netra/shared/contracts';
import { useState } from 'react';
import {
  alertsPath,
  budgetsPath,
  FILTER_OPTIONS_LIMIT,
  spendPath,
  summaryPath,
} from '../lib/analytics-paths';
import { effectiveBucket, resolveWindow, type DashboardWindow } from '../lib/time-window';
import { EMPTY_FILTERS, type DashboardState } from '../lib/url-state';
import { useOrgQuery } from './use-org-query';

const alertPageSchema = pageSchema(alertSchema);

/** The window and bucket a state asks for; `now` is taken once per mount so query keys stay put. */
export function useDashboardWindow(state: DashboardState) {
  const [now] = useState(Date.now);
  const window = resolveWindow(state.range, now);
  return { window, bucket: effectiveBucket(state.bucket, window) };
}

export function useDashboardData(state: DashboardState, window: DashboardWindow, bucket: AnalyticsBucket) {
  const { filters, groupBy } = state;
  const spend = useOrgQuery(
    (orgId) => spendPath(orgId, { window, bucket, groupBy, filters }),
    spendAnswerSchema,
  );
  const summary = useOrgQuery((orgId) => summaryPath(orgId, window, filters), spendSummarySchema);
  const budgets = useOrgQuery(budgetsPath, budgetListSchema);
  const alerts = useOrgQuery((orgId) => alertsPath(orgId), alertPageSchema);
  return { spend, summary, budgets, alerts };
}

/** The values a filter can take in the window: the largest groups by spend, unfiltered. */
export function useFilterOptions(
  window: DashboardWindow,
  field: 'provider' | 'model' | 'feature' | 'environment',
) {
  const answer = useOrgQuery(
    (orgId) =>
      spendPath(orgId, {
        window,
        bucket: 'week',
        groupBy: field,
        filters: EMPTY_FILTERS,
        limit: FILTER_OPTIONS_LIMIT,
      }),
    spendAnswerSchema,
  );
  const values = (answer.data?.series ?? [])
    .filter((series) => !series.other && series.key !== null && series.key !== '')
    .map((series) => series.key as string);
  return { values, isPending: answer.isPending };
}
