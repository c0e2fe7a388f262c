/**
 * The charts' axis, grid, legend and tooltip looks, from the theme variables so they follow the
 * light and dark palettes.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import type { CSSProperties } from 'react';
import { formatBucket } from '../lib/format';

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 };
export const GRID_STROKE = 'var(--border)';
export const LEGEND_STYLE: CSSProperties = { fontSize: 12, color: 'var(--text)' };

export const TOOLTIP_STYLES = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    color: 'var(--text)',
    fontSize: 13,
  } satisfies CSSProperties,
  labelStyle: { color: 'var(--text)', fontWeight: 600 } satisfies CSSProperties,
  itemStyle: { color: 'var(--text)' } satisfies CSSProperties,
  cursor: { fill: 'var(--surface-raised)' },
};

/** The time axis both charts share: bucket starts labelled in UTC, thinned to fit. */
export function timeAxisProps(bucket: AnalyticsBucket) {
  return {
    dataKey: 'bucket',
    tickFormatter: (value: string) => formatBucket(value, bucket),
    tick: AXIS_TICK,
    minTickGap: 24,
  };
}

/** Tooltip title: the bucket start in UTC. */
export function bucketLabelFormatter(bucket: AnalyticsBucket) {
  return (value: unknown) => formatBucket(typeof value === 'string' ? value : '', bucket);
}

export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 8 };
