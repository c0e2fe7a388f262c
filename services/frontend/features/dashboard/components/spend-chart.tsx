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
import { formatUsd, formatUsdAxis } from '../lib/format';
import {
  AXIS_TICK,
  bucketLabelFormatter,
  CHART_MARGIN,
  GRID_STROKE,
  LEGEND_STYLE,
  timeAxisProps,
  TOOLTIP_STYLES,
} from './chart-theme';

export interface SpendChartProps {
  label: string;
  rows: readonly SpendRow[];
  series: readonly SeriesInfo[];
  bucket: AnalyticsBucket;
}

export default function SpendChart({ label, rows, series, bucket }: SpendChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} title={label} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...timeAxisProps(bucket)} />
        <YAxis tickFormatter={formatUsdAxis} tick={AXIS_TICK} width={64} />
        <Tooltip
          {...TOOLTIP_STYLES}
          labelFormatter={bucketLabelFormatter(bucket)}
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
