import type { ActionPlan, AnalysisReport } from '@netra/shared/contracts';
import { Badge, Card, EmptyState } from '@/components/ui';
import { planSteps, type PlanStepView } from '../lib/action-plan';
import { formatCount, formatUsd } from '../lib/format';
import { ArtifactBlock } from './artifact-block';
import { InlineText } from './inline-text';
import styles from './reports.module.css';

function TextList(props: { title: string; items: readonly string[] }) {
  if (props.items.length === 0) {
    return null;
  }
  return (
    <>
      <h4 className={styles.subTitle}>{props.title}</h4>
      <ul className={styles.list}>
        {props.items.map((item) => (
          <li key={item}>
            <InlineText text={item} />
          </li>
        ))}
      </ul>
    </>
  );
}

function phaseText(phase: PlanStepView['phases'][number]): string {
  return `${phase.name}: ${formatCount(phase.traffic_pct)}% of traffic for ${formatCount(phase.duration_days)} days`;
}

function StepCard({ step }: { step: PlanStepView }) {
  return (
    <Card data-testid="plan-step" data-order={step.order}>
      <div className={styles.stepHead}>
        <span className={styles.stepOrder} aria-hidden="true">
          {step.order}
        </span>
        <h3 className={styles.cardTitle}>
          <span className="visually-hidden">Step {step.order}: </span>
          <InlineText text={step.title} />
        </h3>
        {step.monthlySavingsUsd === null ? null : (
          <span className={styles.muted} data-value={step.monthlySavingsUsd}>
            {formatUsd(step.monthlySavingsUsd)} / month
          </span>
        )}
      </div>
      <ul className={styles.badges} aria-label="Effort and risk">
        <li>
          <Badge>Effort {step.effort}</Badge>
        </li>
        <li>
          <Badge tone={step.risk === 'high' ? 'bad' : step.risk === 'medium' ? 'warn' : 'neutral'}>
            Risk {step.risk ?? 'none'}
          </Badge>
        </li>
        {step.ownerRole === null ? null : (
          <li>
            <Badge tone="accent">{step.ownerRole}</Badge>
          </li>
        )}
      </ul>
      <TextList title="What to do" items={step.details} />
      <TextList title="Rollout" items={step.phases.map(phaseText)} />
      <TextList title="Check before going further" items={step.validation} />
      <TextList title="Roll back when" items={step.rollbackTriggers} />
      {step.artifacts.map((artifact) => (
        <ArtifactBlock key={artifact.label} artifact={artifact} />
      ))}
    </Card>
  );
}

/** Action Plan: the steps in the order to take them, each with its effort and risk. */
export function ActionPlanPanel(props: {
  report: AnalysisReport;
  actionPlan?: ActionPlan | null | undefined;
}) {
  const steps = planSteps(props.report, props.actionPlan);
  if (steps.length === 0) {
    return (
      <EmptyState title="Nothing to do yet" description="The plan has no change to make for this usage." />
    );
  }
  return (
    <ol className={styles.steps} aria-label="Steps in order">
      {steps.map((step) => (
        <li key={step.key}>
          <StepCard step={step} />
        </li>
      ))}
    </ol>
  );
}
