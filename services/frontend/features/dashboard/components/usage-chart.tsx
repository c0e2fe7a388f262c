'use client';
/**
 * Tokens (input and output, stacked bars, left axis) and requests (line, right axis) per bucket.
 * Loaded on demand (next/dynamic), like the spend chart.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UsageChartRow } from '../lib/chart-data';
import { formatBucket, formatCompact, formatCount } from '../lib/format';
import { AXIS_TICK, GRID_STROKE, LEGEND_STYLE, TOOLTIP_STYLES } from './chart-theme';

export interface UsageChartProps {
  label: string;
  rows: readonly UsageChartRow[];
  bucket: AnalyticsBucket;
}

export default function UsageChart({ label, rows, bucket }: UsageChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} title={label} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="bucket"
          tickFormatter={(value: string) => formatBucket(value, bucket)}
          tick={AXIS_TICK}
          minTickGap={24}
        />
        <YAxis yAxisId="tokens" tickFormatter={formatCompact} tick={AXIS_TICK} width={56} />
        <YAxis
          yAxisId="requests"
          orientation="right"
          tickFormatter={formatCompact}
          tick={AXIS_TICK}
          width={48}
        />
        <Tooltip
          {...TOOLTIP_STYLES}
          labelFormatter={(value) => formatBucket(typeof value === 'string' ? value : '', bucket)}
          formatter={(value) => formatCount(Number(value))}
        />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        <Bar
          yAxisId="tokens"
          dataKey="inputTokens"
          name="Input tokens"
          stackId="tokens"
          fill="var(--accent)"
          isAnimationActive={false}
        />
        <Bar
          yAxisId="tokens"
          dataKey="outputTokens"
          name="Output tokens"
          stackId="tokens"
          fill="var(--ok)"
          isAnimationActive={false}
        />
        <Line
          yAxisId="requests"
          dataKey="requests"
          name="Requests"
          type="monotone"
          stroke="var(--warn)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
