/**
 * The charts' axis, grid, legend and tooltip looks, from the theme variables so they follow the
 * light and dark palettes.
 * @module
 */
import type { CSSProperties } from 'react';

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
