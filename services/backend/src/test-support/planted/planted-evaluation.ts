/**
 * Holds an analysis report against the planted ground truth: each planted kind detected on its
 * feature within its tolerance, no opportunity anywhere else (clean features, or a kind not planted
 * on a feature), the plan total within ±5%, and the report valid against its schema. Shared by the
 * savings benchmark and its integration test.
 * @module
 */
import {
  analysisReportSchema,
  monthlyFromPeriod,
  type AnalysisReport,
  type OpportunityKind,
} from '@netra/optimizer';
import { PLAN_TOLERANCE, PLANTED_TOLERANCE, type PlantedWorkload } from './planted-types.js';

/** One planted kind against the report. */
export interface KindCheck {
  kind: OpportunityKind;
  feature: string;
  detected: boolean;
  opportunityIds: string[];
  estimatedMonthlyUsd: number;
  trueMonthlyUsd: number;
  /** Signed relative error of the estimate (null when the truth is 0). */
  error: number | null;
  tolerance: number;
  pass: boolean;
}

/** An opportunity the workload did not plant. */
export interface FalsePositive {
  id: string;
  kind: OpportunityKind;
  feature: string | undefined;
  monthlyUsd: number;
  reason: string;
}

export interface PlanCheck {
  estimatedMonthlyUsd: number;
  trueMonthlyUsd: number;
  error: number | null;
  tolerance: number;
  pass: boolean;
}

export interface PlantedEvaluation {
  periodDays: number;
  kinds: KindCheck[];
  falsePositives: FalsePositive[];
  plan: PlanCheck;
  /** Schema problems of the report (empty when it validates). */
  schemaIssues: string[];
  passed: boolean;
}

function relativeError(estimate: number, truth: number): number | null {
  return truth === 0 ? null : (estimate - truth) / truth;
}

function withinTolerance(error: number | null, tolerance: number): boolean {
  return error !== null && Math.abs(error) <= tolerance;
}

function kindChecks(report: AnalysisReport, workload: PlantedWorkload): KindCheck[] {
  return workload.truths.map((truth) => {
    const found = report.opportunities.filter(
      (opportunity) => opportunity.kind === truth.kind && opportunity.scope.feature === truth.feature,
    );
    const estimatedMonthlyUsd = found.reduce((sum, opportunity) => sum + opportunity.monthly_savings_usd, 0);
    const trueMonthlyUsd = monthlyFromPeriod(truth.periodSavingsUsd, report.period.days);
    const error = relativeError(estimatedMonthlyUsd, trueMonthlyUsd);
    const tolerance = PLANTED_TOLERANCE[truth.kind];
    return {
      kind: truth.kind,
      feature: truth.feature,
      detected: found.length > 0,
      opportunityIds: found.map((opportunity) => opportunity.id),
      estimatedMonthlyUsd,
      trueMonthlyUsd,
      error,
      tolerance,
      pass: found.length > 0 && withinTolerance(error, tolerance),
    };
  });
}

function falsePositives(report: AnalysisReport, workload: PlantedWorkload): FalsePositive[] {
  const plantedOn = new Map(workload.features.map((feature) => [feature.feature, feature.kind]));
  return report.opportunities.flatMap((opportunity): FalsePositive[] => {
    const feature = opportunity.scope.feature;
    const planted = feature === undefined ? undefined : plantedOn.get(feature);
    if (planted === opportunity.kind) {
      return [];
    }
    const reason =
      planted === undefined
        ? 'not scoped to a generated feature'
        : planted === null
          ? 'clean feature'
          : `feature plants ${planted} only`;
    return [
      {
        id: opportunity.id,
        kind: opportunity.kind,
        feature,
        monthlyUsd: opportunity.monthly_savings_usd,
        reason,
      },
    ];
  });
}

function planCheck(report: AnalysisReport, workload: PlantedWorkload): PlanCheck {
  const trueMonthlyUsd = monthlyFromPeriod(workload.planPeriodSavingsUsd, report.period.days);
  const error = relativeError(report.plan.monthly_savings_usd, trueMonthlyUsd);
  return {
    estimatedMonthlyUsd: report.plan.monthly_savings_usd,
    trueMonthlyUsd,
    error,
    tolerance: PLAN_TOLERANCE,
    pass: withinTolerance(error, PLAN_TOLERANCE),
  };
}

/** Evaluates a report of the planted workload (monthly truths use the report's own period days). */
export function evaluatePlantedReport(report: AnalysisReport, workload: PlantedWorkload): PlantedEvaluation {
  const parsed = analysisReportSchema.safeParse(report);
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const kinds = kindChecks(report, workload);
  const unplanted = falsePositives(report, workload);
  const plan = planCheck(report, workload);
  return {
    periodDays: report.period.days,
    kinds,
    falsePositives: unplanted,
    plan,
    schemaIssues,
    passed:
      kinds.every((check) => check.pass) && unplanted.length === 0 && plan.pass && schemaIssues.length === 0,
  };
}
