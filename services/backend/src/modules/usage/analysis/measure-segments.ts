/**
 * What the measuring query needs to know of the candidates, per segment: which change of each kind
 * applies there and in which roles (measured alone, in the plan, in the proven plan). Candidates the
 * query cannot express (a change without a rule, a scope that is not one segment, two changes of a
 * kind on one segment, rules of one kind that differ in type) make the whole pass fall back to the
 * engine's own request-by-request pass.
 * @module
 */
import {
  CHANGE_ORDER,
  segmentKey,
  type Candidate,
  type ChangeRule,
  type MeasureRequest,
  type SegmentKey,
} from '@netra/optimizer';
import { isProvenOpportunity } from '@netra/shared/contracts';

type Kind = Candidate['kind'];

/** One segment's change of one kind and its roles in the pass. */
export interface KindEntry {
  candidate: Candidate;
  rule: ChangeRule;
  measured: boolean;
  planned: boolean;
  proven: boolean;
}

/** A segment with candidates, numbered from 1 (0 is every other segment). */
export interface SegmentEntry {
  index: number;
  segment: SegmentKey;
  byKind: Map<Kind, KindEntry>;
}

/** The candidates of a pass by segment key, and the kinds in CHANGE_ORDER that any of them has. */
export interface MeasureSegments {
  segments: Map<string, SegmentEntry>;
  kinds: Kind[];
}

type Role = 'measured' | 'planned';

function scopeSegment(candidate: Candidate): SegmentKey | undefined {
  const { feature, provider, model } = candidate.scope;
  return feature === undefined || provider === undefined || model === undefined
    ? undefined
    : { feature, provider, model };
}

class SegmentCollector {
  readonly segments = new Map<string, SegmentEntry>();
  expressible = true;

  add(candidate: Candidate, role: Role): void {
    const segment = scopeSegment(candidate);
    const rule = candidate.change.rule;
    if (segment === undefined || rule === undefined) {
      this.expressible = false;
      return;
    }
    const entry = this.entryOf(segment);
    const known = entry.byKind.get(candidate.kind);
    if (known !== undefined && known.candidate !== candidate) {
      this.expressible = false;
      return;
    }
    const kind = known ?? { candidate, rule, measured: false, planned: false, proven: false };
    kind[role] = true;
    kind.proven = kind.planned && isProvenOpportunity(candidate);
    entry.byKind.set(candidate.kind, kind);
  }

  private entryOf(segment: SegmentKey): SegmentEntry {
    const key = segmentKey(segment);
    let entry = this.segments.get(key);
    if (entry === undefined) {
      entry = { index: this.segments.size + 1, segment, byKind: new Map() };
      this.segments.set(key, entry);
    }
    return entry;
  }
}

/** The shape that fixes a kind's SQL: its rule type (and what an elimination looks at). */
function ruleShape(rule: ChangeRule): string {
  return rule.type === 'eliminate' ? `eliminate:${rule.when}` : rule.type;
}

/** Every rule of a kind has one shape, so one expression serves all its segments. */
function uniformKinds(segments: Iterable<SegmentEntry>): Kind[] | undefined {
  const shapes = new Map<Kind, string>();
  for (const entry of segments) {
    for (const [kind, { rule }] of entry.byKind) {
      const shape = shapes.get(kind);
      if (shape !== undefined && shape !== ruleShape(rule)) {
        return undefined;
      }
      shapes.set(kind, ruleShape(rule));
    }
  }
  return CHANGE_ORDER.filter((kind) => shapes.has(kind));
}

/**
 * A reroute that keeps the provider takes the bill's provider at that point: the query gives it the
 * request's own, so no such reroute may follow one that changes the provider.
 */
function reroutesCompose(entry: SegmentEntry): boolean {
  let providerChanged = false;
  for (const kind of CHANGE_ORDER) {
    const rule = entry.byKind.get(kind)?.rule;
    if (rule?.type !== 'reroute') {
      continue;
    }
    if (rule.provider === undefined && providerChanged) {
      return false;
    }
    providerChanged ||= rule.provider !== undefined;
  }
  return true;
}

/** The pass's candidates by segment, or undefined when the query cannot express them all. */
export function measureSegments(request: MeasureRequest): MeasureSegments | undefined {
  const collector = new SegmentCollector();
  for (const candidate of request.measured) {
    collector.add(candidate, 'measured');
  }
  for (const candidate of request.planned) {
    collector.add(candidate, 'planned');
  }
  const entries = [...collector.segments.values()];
  const kinds = uniformKinds(entries);
  if (!collector.expressible || kinds === undefined || !entries.every(reroutesCompose)) {
    return undefined;
  }
  return { segments: collector.segments, kinds };
}
