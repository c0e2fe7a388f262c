'use client';

import type { Recommendation, UpdateRecommendationBody } from '@netra/shared/contracts';
import { useState } from 'react';
import { Alert, Badge, Button } from '@/components/ui';
import { useUpdateRecommendation } from '../hooks/use-recommendations';
import { formatDay, formatUsd } from '../lib/format';
import { plainText } from '../lib/inline-code';
import { RealizedSavingsLine } from './realized-savings';
import { ApplyForm, DismissForm } from './recommendation-forms';
import styles from './reports.module.css';

/** Which question is open under the card's buttons. */
type Question = 'apply' | 'dismiss' | null;

const STATUS_TONES = { proposed: 'neutral', applied: 'ok', dismissed: 'warn' } as const;

function StatusBadge({ recommendation }: { recommendation: Recommendation }) {
  return (
    <>
      <Badge tone={STATUS_TONES[recommendation.status]}>{statusText(recommendation)}</Badge>
      {recommendation.status === 'dismissed' && recommendation.dismissed_reason !== null ? (
        <span className={styles.muted}>Reason: {recommendation.dismissed_reason}</span>
      ) : null}
    </>
  );
}

function statusText(recommendation: Recommendation): string {
  switch (recommendation.status) {
    case 'proposed':
      return 'Proposed';
    case 'applied':
      return recommendation.applied_at === null
        ? 'Applied'
        : `Applied ${formatDay(recommendation.applied_at)}`;
    case 'dismissed':
      return 'Dismissed';
  }
}

function Actions(props: {
  recommendation: Recommendation;
  busy: boolean;
  onAsk: (question: Question) => void;
  onReopen: () => void;
}) {
  const { recommendation } = props;
  const title = plainText(recommendation.title);
  if (recommendation.status !== 'proposed') {
    return (
      <Button variant="ghost" size="sm" data-print="hide" disabled={props.busy} onClick={props.onReopen}>
        Undo<span className="visually-hidden">: mark “{title}” as proposed again</span>
      </Button>
    );
  }
  return (
    <span className={styles.recommendationRow} data-print="hide">
      <Button
        size="sm"
        disabled={props.busy}
        onClick={() => {
          props.onAsk('apply');
        }}
      >
        Mark applied<span className="visually-hidden">: {title}</span>
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={props.busy}
        onClick={() => {
          props.onAsk('dismiss');
        }}
      >
        Dismiss<span className="visually-hidden">: {title}</span>
      </Button>
    </span>
  );
}

/** The mutation plus which question is open; any change closes it. */
function useRecommendationChange(orgId: string, reportId: string, id: string) {
  const update = useUpdateRecommendation(orgId, reportId);
  const [question, setQuestion] = useState<Question>(null);
  const change = (body: UpdateRecommendationBody) => {
    setQuestion(null);
    update.mutate({ id, body });
  };
  return { update, question, setQuestion, change };
}

function OpenQuestion(props: {
  question: Question;
  title: string;
  busy: boolean;
  change: (body: UpdateRecommendationBody) => void;
  close: () => void;
}) {
  const { change } = props;
  switch (props.question) {
    case 'apply':
      return (
        <ApplyForm
          title={props.title}
          busy={props.busy}
          onCancel={props.close}
          onApply={(appliedAt) => {
            change({ status: 'applied', applied_at: appliedAt });
          }}
        />
      );
    case 'dismiss':
      return (
        <DismissForm
          title={props.title}
          busy={props.busy}
          onCancel={props.close}
          onDismiss={(reason) => {
            change({ status: 'dismissed', reason });
          }}
        />
      );
    case null:
      return null;
  }
}

/**
 * A recommendation's state on its opportunity card, with the controls to mark it applied (on a day)
 * or dismissed (with a reason), or to undo that. Shows at once; rolled back with the error if refused.
 */
export function RecommendationControls(props: {
  orgId: string;
  reportId: string;
  recommendation: Recommendation;
}) {
  const { recommendation } = props;
  const { update, question, setQuestion, change } = useRecommendationChange(
    props.orgId,
    props.reportId,
    recommendation.id,
  );
  return (
    <div className={styles.recommendation} data-testid="recommendation" data-status={recommendation.status}>
      <div className={styles.recommendationRow}>
        <StatusBadge recommendation={recommendation} />
        <Actions
          recommendation={recommendation}
          busy={update.isPending}
          onAsk={setQuestion}
          onReopen={() => {
            change({ status: 'proposed' });
          }}
        />
      </div>
      <OpenQuestion
        question={question}
        title={plainText(recommendation.title)}
        busy={update.isPending}
        change={change}
        close={() => {
          setQuestion(null);
        }}
      />
      {recommendation.status === 'applied' ? (
        <RealizedSavingsLine
          realized={recommendation.realized}
          pending={update.isPending}
          expected={formatUsd(recommendation.monthly_savings_usd)}
        />
      ) : null}
      {update.error === null ? null : (
        <Alert tone="bad" title="The change was not saved">
          {update.error.message}
        </Alert>
      )}
    </div>
  );
}
