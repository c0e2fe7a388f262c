/**
 * batch_api (ARCHITECTURE §4.2): non-interactive traffic (not streamed, and either tagged offline or
 * scheduled: clustered in a few UTC hours across several days) on a provider with a batch discount;
 * saving = cost − cost at batch prices.
 * @module
 */
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { BatchSupport } from '#pricing/batch-policy.js';
import { batchActions } from './batch-snippets.js';
import {
  buildCandidate,
  claimableSegments,
  segmentChange,
  segmentLabel,
  shareOf,
  type CandidateDraft,
} from './segment-change.js';

export const MAX_STREAM_SHARE = 0.05;
export const MAX_BATCH_SHARE = 0.5;
export const MIN_OFFLINE_SHARE = 0.5;
/** Hours alone prove a schedule only across days: one day of data clusters in a few hours anyway. */
export const MIN_ACTIVE_DAYS = 2;
export const BUSIEST_HOURS = 4;
export const MIN_HOUR_CONCENTRATION = 0.8;

/** The busiest UTC hours and the share of requests they hold. */
export interface HourConcentration {
  busiestHours: number[];
  share: number;
}

/** How much of a segment's traffic its `BUSIEST_HOURS` busiest UTC hours hold. */
export function hourConcentration(hours: readonly number[]): HourConcentration {
  const total = hours.reduce((sum, count) => sum + count, 0);
  const busiest = hours
    .map((count, hour) => ({ count, hour }))
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, BUSIEST_HOURS)
    .filter((entry) => entry.count > 0);
  const inBusiest = busiest.reduce((sum, entry) => sum + entry.count, 0);
  return {
    busiestHours: busiest.map((entry) => entry.hour).sort((a, b) => a - b),
    share: shareOf(inBusiest, total),
  };
}

function isScheduled(segment: SegmentProfile): boolean {
  return (
    segment.active_days >= MIN_ACTIVE_DAYS && hourConcentration(segment.hours).share >= MIN_HOUR_CONCENTRATION
  );
}

function isNonInteractive(segment: SegmentProfile): boolean {
  return (
    segment.stream_share <= MAX_STREAM_SHARE &&
    segment.batch_share < MAX_BATCH_SHARE &&
    (segment.offline_share >= MIN_OFFLINE_SHARE || isScheduled(segment))
  );
}

function batchEvidence(segment: SegmentProfile, support: BatchSupport): Record<string, unknown> {
  const concentration = hourConcentration(segment.hours);
  return {
    hour_concentration: concentration.share,
    busiest_hours: concentration.busiestHours,
    active_days: segment.active_days,
    offline_share: segment.offline_share,
    stream_share: segment.stream_share,
    batch_share: segment.batch_share,
    batch_discount_pct: support.discountPercent,
    batch_discount_source: support.source,
  };
}

function batchAssumptions(segment: SegmentProfile, support: BatchSupport, tagged: boolean): string[] {
  const hours = hourConcentration(segment.hours).busiestHours.length;
  return [
    tagged
      ? 'Requests tagged offline (or interactive=false) can wait for a batch result.'
      : `Traffic concentrated in ${hours} UTC hours across ${segment.active_days} days is a scheduled job that can wait for a batch result.`,
    'Batch results arrive within the 24-hour completion window.',
    `${segment.priced_provider} bills batch requests ${support.discountPercent}% below its standard prices.`,
  ];
}

function candidateFor(segment: SegmentProfile, support: BatchSupport): Candidate {
  const tagged = segment.offline_share >= MIN_OFFLINE_SHARE;
  const change = segmentChange(
    'batch_api',
    segment,
    (request) => !request.stream && !request.batch,
    (bill) => ({ ...bill, batch: true }),
    { type: 'batch' },
  );
  const draft: CandidateDraft = {
    title: `Move ${segmentLabel(segment)} to the ${segment.priced_provider} batch API`,
    evidence: batchEvidence(segment, support),
    assumptions: batchAssumptions(segment, support, tagged),
    // A usage report's buckets say nothing of streaming or of the requests' own times.
    confidence: tagged ? 'high' : segment.aggregated_share >= 0.5 ? 'low' : 'medium',
    risk: 'low',
    effort: 'medium',
    actions: batchActions(segment),
  };
  return buildCandidate('batch_api', segment, draft, change);
}

function analyzeSegment(segment: SegmentProfile, context: AnalyzerContext): Candidate | null {
  if (!isNonInteractive(segment)) {
    return null;
  }
  const support = context.catalog.batchSupport(segment.priced_provider);
  return support.offered && support.discountPercent > 0 ? candidateFor(segment, support) : null;
}

/** Finds scheduled or offline work that a batch API would bill at a discount. */
export const analyzeBatchApi: Analyzer = (context) =>
  claimableSegments(context.profile).flatMap((segment) => analyzeSegment(segment, context) ?? []);
