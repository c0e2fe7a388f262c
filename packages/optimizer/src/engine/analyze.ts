/**
 * The engine's entry point: profile the usage where it is stored, let every analyzer propose candidates
 * from the profile, measure them by re-pricing each request, keep the material ones and assemble the
 * §4.2 report with the combined plan.
 * @module
 */
import type { Candidate } from '#analysis/candidate.js';
import {
  DEFAULT_SETTINGS,
  type AnalysisScope,
  type AnalysisSettings,
  type UsageSource,
} from '#analysis/usage-source.js';
import type { WorkloadProfile } from '#analysis/workload-profile.js';
import { ANALYZERS } from '#analyzers/index.js';
import type { PriceCatalog } from '#pricing/price-catalog.js';
import { profileWorkload } from '#profile/profile-workload.js';
import type { AnalysisReport } from '@netra/shared/contracts';
import type { Measurement, MeasureRequest } from '#analysis/measurement.js';
import { measure } from './quantify.js';
import { buildReport } from './report-builder.js';
import { materialCandidates } from './select.js';
import { allowsClaims, assessDataQuality } from './sufficiency.js';

export type AnalysisStage = 'profile' | 'analyze' | 'quantify' | 'report';

export interface AnalyzeOptions {
  scope: AnalysisScope;
  catalog: PriceCatalog;
  settings?: Partial<AnalysisSettings>;
  now?: () => Date;
  onStage?: (stage: AnalysisStage) => void;
}

/** Every analyzer's candidates for the profile. */
export function proposeCandidates(
  profile: WorkloadProfile,
  catalog: PriceCatalog,
  settings: AnalysisSettings,
): Candidate[] {
  return ANALYZERS.flatMap((analyzer) => analyzer({ profile, catalog, settings }));
}

interface Measured {
  chosen: Candidate[];
  savings: ReadonlyMap<string, number>;
  plan: number;
  proven: number;
}

/**
 * One measuring pass: where the requests are stored when the source can (UsageSource.measure), else
 * request by request here.
 */
async function measureIn(
  source: UsageSource,
  options: AnalyzeOptions,
  settings: AnalysisSettings,
  pass: Omit<MeasureRequest, 'catalog'>,
  only?: ReadonlySet<string>,
): Promise<Measurement> {
  const { scope, catalog } = options;
  const inStore = await source.measure?.(scope, settings, { ...pass, catalog });
  if (inStore !== undefined) {
    return inStore;
  }
  const requests = source.analyzedRequests(scope, settings, pass.segments);
  return measure(requests, catalog, pass.measured, pass.planned, only);
}

/**
 * Measures the candidates, then the plan of the material ones. A change applies only to requests
 * it names, so when candidates are dropped the plan changes only in the segments where a dropped
 * one applied: those are measured again (the source may read only them), the others keep the
 * first pass's figures.
 */
async function measureCandidates(
  source: UsageSource,
  options: AnalyzeOptions,
  settings: AnalysisSettings,
  profile: WorkloadProfile,
  candidates: Candidate[],
): Promise<Measured> {
  if (candidates.length === 0) {
    return { chosen: [], savings: new Map(), plan: 0, proven: 0 };
  }
  const first = await measureIn(source, options, settings, { measured: candidates, planned: candidates });
  const chosen = materialCandidates(profile, candidates, first.individual);
  if (chosen.length === 0) {
    return { chosen, savings: first.individual, plan: 0, proven: 0 };
  }
  const affected = new Set(
    candidates
      .filter((candidate) => !chosen.includes(candidate))
      .flatMap((candidate) => [...(first.touched.get(candidate.id) ?? [])]),
  );
  if (affected.size === 0) {
    return { chosen, savings: first.individual, plan: first.plan, proven: first.proven };
  }
  const unaffected = [...first.planBySegment].filter(([key]) => !affected.has(key));
  const segments = [...first.planBySegment]
    .filter(([key]) => affected.has(key))
    .map(([, sums]) => sums.segment);
  const second = await measureIn(
    source,
    options,
    settings,
    { measured: [], planned: chosen, segments },
    affected,
  );
  return {
    chosen,
    savings: first.individual,
    plan: unaffected.reduce((sum, [, sums]) => sum + sums.plan, second.plan),
    proven: unaffected.reduce((sum, [, sums]) => sum + sums.proven, second.proven),
  };
}

/** Analyzes one organization's usage and returns the §4.2 report. */
export async function analyzeUsage(source: UsageSource, options: AnalyzeOptions): Promise<AnalysisReport> {
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  // Opening the analysis computes the per-request flags the profile reads: part of the profile stage.
  options.onStage?.('profile');
  if (source.openAnalysis === undefined) {
    return analyzeWith(source, options, settings);
  }
  const analysis = await source.openAnalysis(options.scope, settings);
  try {
    return await analyzeWith(analysis, options, settings);
  } finally {
    await analysis.close();
  }
}

async function analyzeWith(
  source: UsageSource,
  options: AnalyzeOptions,
  settings: AnalysisSettings,
): Promise<AnalysisReport> {
  const stage = options.onStage ?? (() => undefined);
  const profile = await profileWorkload(source, options.scope, settings);
  const quality = assessDataQuality(profile);
  stage('analyze');
  const candidates = allowsClaims(quality) ? proposeCandidates(profile, options.catalog, settings) : [];
  stage('quantify');
  const measured = await measureCandidates(source, options, settings, profile, candidates);
  stage('report');
  return buildReport({
    profile,
    quality,
    ...measured,
    generatedAt: (options.now ?? (() => new Date()))(),
  });
}
