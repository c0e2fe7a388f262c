/**
 * REST paths of the dashboard's calls (ARCHITECTURE §4.5). Filters repeat their name for several
 * values (`?model=a&model=b`), which the API client's flat `query` option cannot say, so the query
 * string is written here into the path.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import { FILTER_FIELDS, type DashboardFilters, type GroupByChoice } from './url-state';
import type { DashboardWindow } from './time-window';

/** Series drawn apart; the rest of the groups are summed into one `other` series by the backend. */
export const CHART_SERIES_LIMIT = 8;

/** How many values a filter's options list offers (the largest groups by spend). */
export const FILTER_OPTIONS_LIMIT = 100;

function orgPath(orgId: string, rest: string): string {
  return `/api/v1/orgs/${encodeURIComponent(orgId)}/${rest}`;
}

function windowAndFilters(window: DashboardWindow, filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams({ from: window.from, to: window.to });
  for (const field of FILTER_FIELDS) {
    for (const value of filters[field]) {
      params.append(field, value);
    }
  }
  return params;
}

export interface SpendRequest {
  window: DashboardWindow;
  bucket: AnalyticsBucket;
  /** A dashboard grouping, or `environment` for the filter options; null for one series. */
  groupBy: GroupByChoice | 'environment' | null;
  filters: DashboardFilters;
  limit?: number;
}

/** `GET …/analytics/spend`. */
export function spendPath(orgId: string, request: SpendRequest): string {
  const params = windowAndFilters(request.window, request.filters);
  params.set('bucket', request.bucket);
  if (request.groupBy !== null) {
    params.set('group_by', request.groupBy);
    params.set('limit', String(request.limit ?? CHART_SERIES_LIMIT));
  }
  return `${orgPath(orgId, 'analytics/spend')}?${params.toString()}`;
}

/** `GET …/analytics/summary`. */
export function summaryPath(orgId: string, window: DashboardWindow, filters: DashboardFilters): string {
  return `${orgPath(orgId, 'analytics/summary')}?${windowAndFilters(window, filters).toString()}`;
}

export function budgetsPath(orgId: string): string {
  return orgPath(orgId, 'budgets');
}

/** The most recent fired alerts. */
export function alertsPath(orgId: string, limit = 10): string {
  return `${orgPath(orgId, 'alerts')}?limit=${limit}`;
}
