/**
 * The window's headline figures: spend, requests, tokens, cache-read share and error waste, each
 * against the previous period where the summary gives it. Each value carries its raw number in
 * `data-value`, so tests compare it with the API without parsing the formatted text.
 * @module
 */
import type { SpendSummary } from '@netra/shared/contracts';
import type { ReactNode } from 'react';
import { formatChangePct, formatCompact, formatCount, formatShare, formatUsd } from '../lib/format';
import styles from './dashboard.module.css';

interface TileProps {
  label: string;
  testId: string;
  value: ReactNode;
  raw: number | null;
  note: ReactNode;
}

function Tile({ label, testId, value, raw, note }: TileProps) {
  return (
    <div className={styles.tile}>
      <dt className={styles.tileLabel}>{label}</dt>
      <dd className={styles.tileValue} data-testid={testId} data-value={raw ?? ''}>
        {value}
      </dd>
      <dd className={styles.tileNote}>{note}</dd>
    </div>
  );
}

const TILE_LABELS = ['Total spend', 'Requests', 'Tokens', 'Cache-read share', 'Error waste'];

/** The tiles' frames while the summary loads: the same size, so the figures appear in place. */
export function FigureTilesSkeleton() {
  return (
    <dl className={styles.tiles} aria-busy="true">
      {TILE_LABELS.map((label) => (
        <div key={label} className={styles.tile}>
          <dt className={styles.tileLabel}>{label}</dt>
          <dd className={`${styles.skeleton} ${styles.skeletonValue}`} />
        </div>
      ))}
    </dl>
  );
}

export function FigureTiles({ summary, previousLabel }: { summary: SpendSummary; previousLabel: string }) {
  const { totals } = summary.current;
  const tokens = totals.input_tokens + totals.output_tokens;
  const vsPrevious = `vs ${previousLabel}`;
  return (
    <dl className={styles.tiles}>
      <Tile
        label="Total spend"
        testId="total-spend"
        value={formatUsd(totals.spend_usd)}
        raw={totals.spend_usd}
        note={`${formatChangePct(summary.change.spend_pct)} ${vsPrevious}`}
      />
      <Tile
        label="Requests"
        testId="total-requests"
        value={formatCount(totals.requests)}
        raw={totals.requests}
        note={`${formatChangePct(summary.change.requests_pct)} ${vsPrevious}`}
      />
      <Tile
        label="Tokens"
        testId="total-tokens"
        value={formatCompact(tokens)}
        raw={tokens}
        note={`${formatCompact(totals.input_tokens)} input · ${formatCompact(totals.output_tokens)} output`}
      />
      <Tile
        label="Cache-read share"
        testId="cache-read-share"
        value={formatShare(summary.cache_read_share)}
        raw={summary.cache_read_share}
        note={`${formatCompact(totals.cache_read_tokens)} input tokens read from cache`}
      />
      <Tile
        label="Error waste"
        testId="error-waste"
        value={formatUsd(summary.error_waste.spend_usd)}
        raw={summary.error_waste.spend_usd}
        note={`${formatCount(summary.error_waste.requests)} failed requests billed`}
      />
    </dl>
  );
}
