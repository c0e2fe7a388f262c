'use client';
/**
 * The savings waterfall drawn with recharts, horizontally so opportunity titles stay readable:
 * the baseline, each saving as a floating bar stepping down, the overlap the plan counts once, and
 * the monthly cost with the plan. Loaded on demand (next/dynamic): recharts stays out of the
 * first load of every route.
 * @module
 */
import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatUsd } from '../lib/format';
import { plainText } from '../lib/inline-code';
import { waterfallHeight, type WaterfallStep } from '../lib/waterfall';
import styles from './reports.module.css';

const LABEL_CHARS = 40;
const LABEL_WIDTH_PX = 220;

function shortLabel(label: string): string {
  const plain = plainText(label);
  return plain.length <= LABEL_CHARS ? plain : `${plain.slice(0, LABEL_CHARS - 1)}…`;
}

const BAR_CLASSES: Record<WaterfallStep['kind'], string | undefined> = {
  baseline: styles.barBaseline,
  saving: styles.barSaving,
  overlap: styles.barOverlap,
  plan: styles.barPlan,
};

function WaterfallBar(props: BarShapeProps) {
  const step = props.payload as WaterfallStep;
  const className = step.kind === 'saving' && !step.proven ? styles.barPotential : BAR_CLASSES[step.kind];
  return (
    <Rectangle
      x={props.x}
      y={props.y}
      width={props.width}
      height={props.height}
      radius={3}
      className={className}
    />
  );
}

function StepTooltip(props: TooltipContentProps) {
  const step = props.payload[0]?.payload as WaterfallStep | undefined;
  if (!props.active || step === undefined) {
    return null;
  }
  const isTotal = step.kind === 'baseline' || step.kind === 'plan';
  return (
    <div className={styles.chartTooltip}>
      <p>
        <strong>{plainText(step.label)}</strong>
      </p>
      <p>
        {isTotal
          ? `${formatUsd(step.to)} / month`
          : `${step.delta < 0 ? 'Saves' : 'Adds back'} ${formatUsd(Math.abs(step.delta))} / month`}
      </p>
      {isTotal ? null : <p className={styles.muted}>Running cost after: {formatUsd(step.to)} / month</p>}
      {step.kind === 'saving' ? (
        <p className={styles.muted}>{step.proven ? 'Proven by the data' : 'Potential: evaluate first'}</p>
      ) : null}
    </div>
  );
}

/** The chart itself; hidden from assistive technology, which reads the table beside it. */
export default function WaterfallChart({ steps }: { steps: readonly WaterfallStep[] }) {
  return (
    <div className={styles.chart} style={{ height: waterfallHeight(steps.length) }} aria-hidden="true">
      <BarChart
        data={steps}
        layout="vertical"
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" tickFormatter={(value: number) => formatUsd(value)} />
        <YAxis
          type="category"
          dataKey="label"
          width={LABEL_WIDTH_PX}
          tickFormatter={shortLabel}
          interval={0}
        />
        <Tooltip content={StepTooltip} cursor={{ className: styles.chartCursor }} />
        <Bar dataKey="range" shape={WaterfallBar} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
