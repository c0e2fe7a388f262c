import type { Opportunity, Recommendation } from '@netra/shared/contracts';
import { Badge, Card } from '@/components/ui';
import { opportunityArtifacts } from '../lib/action-plan';
import { evidenceLines } from '../lib/evidence';
import { formatPct, formatUsd, humanize } from '../lib/format';
import { ArtifactBlock } from './artifact-block';
import { InlineText } from './inline-text';
import { RecommendationControls } from './recommendation-controls';
import styles from './reports.module.css';

function scopeText(scope: Opportunity['scope']): string {
  const target = [scope.provider, scope.model].filter(Boolean).join('/');
  const parts = [scope.feature, target].filter((part) => part !== undefined && part !== '');
  return parts.length === 0 ? 'All usage' : parts.join(' · ');
}

function Levels({ opportunity, proven }: { opportunity: Opportunity; proven: boolean }) {
  return (
    <ul className={styles.badges} aria-label="Ratings">
      <li>
        <Badge tone={proven ? 'ok' : 'accent'}>{proven ? 'Proven' : 'Potential'}</Badge>
      </li>
      <li>
        <Badge>{humanize(opportunity.kind)}</Badge>
      </li>
      <li>
        <Badge>Confidence {opportunity.confidence}</Badge>
      </li>
      <li>
        <Badge
          tone={opportunity.risk === 'high' ? 'bad' : opportunity.risk === 'medium' ? 'warn' : 'neutral'}
        >
          Risk {opportunity.risk}
        </Badge>
      </li>
      <li>
        <Badge>Effort {opportunity.effort}</Badge>
      </li>
      {opportunity.requires_evaluation ? (
        <li>
          <Badge tone="warn">Evaluate before rollout</Badge>
        </li>
      ) : null}
    </ul>
  );
}

function Evidence({ evidence }: { evidence: Opportunity['evidence'] }) {
  const lines = evidenceLines(evidence);
  return (
    <div>
      <h4 className={styles.subTitle}>Evidence</h4>
      {lines.length === 0 ? (
        <p className={styles.muted}>No figures recorded.</p>
      ) : (
        <dl className={styles.evidence}>
          {lines.map((line) => (
            <div key={line.key}>
              <dt>{line.label}</dt>
              <dd data-key={line.key} data-value={line.raw}>
                {line.text}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function ActionsAndAssumptions({ opportunity }: { opportunity: Opportunity }) {
  return (
    <div>
      <h4 className={styles.subTitle}>Assumptions</h4>
      {opportunity.assumptions.length === 0 ? (
        <p className={styles.muted}>None stated.</p>
      ) : (
        <ul className={styles.list}>
          {opportunity.assumptions.map((text) => (
            <li key={text}>
              <InlineText text={text} />
            </li>
          ))}
        </ul>
      )}
      <h4 className={styles.subTitle}>What to change</h4>
      <ul className={styles.list}>
        {opportunity.actions.map((action) => (
          <li key={action.title}>
            <strong>
              <InlineText text={action.title} />
            </strong>
            : <InlineText text={action.detail} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface OpportunityCardProps {
  opportunity: Opportunity;
  proven: boolean;
  inPlan: boolean;
  orgId: string;
  reportId?: string | null | undefined;
  recommendation?: Recommendation | undefined;
}

/** One opportunity: saving, ratings, evidence, assumptions, artifacts and its recommendation state. */
export function OpportunityCard(props: OpportunityCardProps) {
  const { opportunity } = props;
  return (
    <Card data-testid="opportunity-card" data-opportunity-id={opportunity.id}>
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>
          <InlineText text={opportunity.title} />
        </h3>
        <p className={styles.cardSaving}>
          <span data-testid="opportunity-savings" data-value={opportunity.monthly_savings_usd}>
            {formatUsd(opportunity.monthly_savings_usd)}
          </span>
          <span className={styles.muted}> / month · {formatPct(opportunity.savings_pct_of_baseline)}</span>
        </p>
      </div>
      <p className={styles.muted}>
        {scopeText(opportunity.scope)}
        {props.inPlan ? '' : ' · not in the combined plan'}
      </p>
      <Levels opportunity={opportunity} proven={props.proven} />
      <div className={styles.cardBody}>
        <Evidence evidence={opportunity.evidence} />
        <ActionsAndAssumptions opportunity={opportunity} />
      </div>
      {opportunityArtifacts(opportunity).map((artifact) => (
        <ArtifactBlock key={artifact.label} artifact={artifact} />
      ))}
      {props.reportId === null ||
      props.reportId === undefined ||
      props.recommendation === undefined ? null : (
        <RecommendationControls
          orgId={props.orgId}
          reportId={props.reportId}
          recommendation={props.recommendation}
        />
      )}
    </Card>
  );
}
