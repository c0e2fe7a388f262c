'use client';
/**
 * Spend per bucket as stacked bars, one colour per group. Loaded on demand (next/dynamic), so the
 * chart library is not part of the route's first load.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesInfo, SpendRow } from '../lib/chart-data';
import { seriesColor } from '../lib/chart-colors';
import { formatBucket, formatUsd, formatUsdAxis } from '../lib/format';
import { AXIS_TICK, GRID_STROKE, LEGEND_STYLE, TOOLTIP_STYLES } from './chart-theme';

export interface SpendChartProps {
  label: string;
  rows: readonly SpendRow[];
  series: readonly SeriesInfo[];
  bucket: AnalyticsBucket;
}

export default function SpendChart({ label, rows, series, bucket }: SpendChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} title={label} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="bucket"
          tickFormatter={(value: string) => formatBucket(value, bucket)}
          tick={AXIS_TICK}
          minTickGap={24}
        />
        <YAxis tickFormatter={formatUsdAxis} tick={AXIS_TICK} width={64} />
        <Tooltip
          {...TOOLTIP_STYLES}
          labelFormatter={(value) => formatBucket(typeof value === 'string' ? value : '', bucket)}
          formatter={(value) => formatUsd(Number(value))}
        />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        {series.map((info, index) => (
          <Bar
            key={info.id}
            dataKey={info.id}
            name={info.label}
            stackId="spend"
            fill={seriesColor(index, info.other)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
