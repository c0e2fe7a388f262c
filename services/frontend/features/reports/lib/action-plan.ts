/**
 * The Action Plan tab's steps, in the order to take them. A stored run report carries the Actions
 * agent's plan (owners, phased rollout, checks, rollback triggers); a bare analysis report (the
 * chat's `final_report` before the run report is read) still has each opportunity's own actions,
 * so the steps are derived from the plan's opportunities then.
 * @module
 */
import type { ActionPlan, AnalysisReport, Opportunity, RatingLevel } from '@netra/shared/contracts';
import { planOpportunities } from './waterfall';

/** A ready-to-paste snippet: configuration, code, a JSONL line. */
export interface Artifact {
  label: string;
  language?: string | undefined;
  content: string;
}

type Phase = ActionPlan['steps'][number]['phases'][number];

export interface PlanStepView {
  key: string;
  order: number;
  title: string;
  opportunityId: string | null;
  ownerRole: string | null;
  effort: RatingLevel;
  /** The opportunity's risk; null for steps that change nothing (tracking savings). */
  risk: RatingLevel | null;
  monthlySavingsUsd: number | null;
  details: string[];
  phases: Phase[];
  validation: string[];
  rollbackTriggers: string[];
  artifacts: Artifact[];
}

/** The snippets of an opportunity's actions, labelled by the action they belong to. */
export function opportunityArtifacts(opportunity: Opportunity): Artifact[] {
  return opportunity.actions.flatMap((action) =>
    action.snippet === undefined
      ? []
      : [{ label: action.title, language: action.language, content: action.snippet }],
  );
}

function fromActionPlan(report: AnalysisReport, plan: ActionPlan): PlanStepView[] {
  const byId = new Map(report.opportunities.map((item) => [item.id, item]));
  return plan.steps
    .toSorted((a, b) => a.order - b.order)
    .map((step) => {
      const opportunity = step.opportunity_id === null ? undefined : byId.get(step.opportunity_id);
      return {
        key: `step-${step.order}`,
        order: step.order,
        title: step.title,
        opportunityId: step.opportunity_id,
        ownerRole: step.owner_role,
        effort: step.effort,
        risk: opportunity?.risk ?? null,
        monthlySavingsUsd: opportunity?.monthly_savings_usd ?? null,
        details: [],
        phases: step.phases,
        validation: step.validation,
        rollbackTriggers: step.rollback_triggers,
        artifacts: step.artifacts,
      };
    });
}

function fromOpportunities(report: AnalysisReport): PlanStepView[] {
  return planOpportunities(report).map((opportunity, index) => ({
    key: `opportunity-${opportunity.id}`,
    order: index + 1,
    title: opportunity.title,
    opportunityId: opportunity.id,
    ownerRole: null,
    effort: opportunity.effort,
    risk: opportunity.risk,
    monthlySavingsUsd: opportunity.monthly_savings_usd,
    details: opportunity.actions.map((action) => `${action.title}: ${action.detail}`),
    phases: [],
    validation: [],
    rollbackTriggers: [],
    artifacts: opportunityArtifacts(opportunity),
  }));
}

/** The steps in order: the Actions agent's plan when there is one, else the plan's opportunities. */
export function planSteps(report: AnalysisReport, actionPlan: ActionPlan | null | undefined): PlanStepView[] {
  return actionPlan === null || actionPlan === undefined
    ? fromOpportunities(report)
    : fromActionPlan(report, actionPlan);
}
