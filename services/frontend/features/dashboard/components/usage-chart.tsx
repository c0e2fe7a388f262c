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
import { formatCompact, formatCount } from '../lib/format';
import {
  AXIS_TICK,
  bucketLabelFormatter,
  CHART_MARGIN,
  GRID_STROKE,
  LEGEND_STYLE,
  timeAxisProps,
  TOOLTIP_STYLES,
} from './chart-theme';

export interface UsageChartProps {
  label: string;
  rows: readonly UsageChartRow[];
  bucket: AnalyticsBucket;
}

const TOKEN_BAR = { yAxisId: 'tokens', stackId: 'tokens', isAnimationActive: false } as const;
const REQUESTS_LINE = {
  yAxisId: 'requests',
  type: 'monotone',
  stroke: 'var(--warn)',
  strokeWidth: 2,
  dot: false,
  isAnimationActive: false,
} as const;

export default function UsageChart({ label, rows, bucket }: UsageChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} title={label} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...timeAxisProps(bucket)} />
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
          labelFormatter={bucketLabelFormatter(bucket)}
          formatter={(value) => formatCount(Number(value))}
        />
        <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
        <Bar {...TOKEN_BAR} dataKey="inputTokens" name="Input tokens" fill="var(--accent)" />
        <Bar {...TOKEN_BAR} dataKey="outputTokens" name="Output tokens" fill="var(--ok)" />
        <Line {...REQUESTS_LINE} dataKey="requests" name="Requests" />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
