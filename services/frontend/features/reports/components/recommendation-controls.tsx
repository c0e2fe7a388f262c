'use client';

import type { Recommendation } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Badge, Button, TextField } from '@/components/ui';
import { useUpdateRecommendation } from '../hooks/use-recommendations';
import { formatDay, formatUsd } from '../lib/format';
import { RealizedSavingsLine } from './realized-savings';
import styles from './reports.module.css';

const STATUS_TONES = { proposed: 'neutral', applied: 'ok', dismissed: 'warn' } as const;

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

/** Asks why before dismissing: the reason is stored with the recommendation. */
function DismissForm(props: {
  title: string;
  busy: boolean;
  onDismiss: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() !== '') {
      props.onDismiss(reason.trim());
    }
  };
  return (
    <form className={styles.reasonForm} onSubmit={submit} data-print="hide">
      <TextField
        label={`Why dismiss “${props.title}”?`}
        value={reason}
        maxLength={2_000}
        required
        autoFocus
        onChange={(event) => {
          setReason(event.target.value);
        }}
      />
      <Button type="submit" variant="danger" size="sm" disabled={reason.trim() === ''} loading={props.busy}>
        Confirm dismiss
      </Button>
      <Button variant="ghost" size="sm" onClick={props.onCancel}>
        Cancel
      </Button>
    </form>
  );
}

function Actions(props: {
  recommendation: Recommendation;
  busy: boolean;
  onApply: () => void;
  onAskDismiss: () => void;
  onReopen: () => void;
}) {
  const { recommendation } = props;
  if (recommendation.status !== 'proposed') {
    return (
      <Button variant="ghost" size="sm" data-print="hide" disabled={props.busy} onClick={props.onReopen}>
        Undo<span className="visually-hidden">: mark “{recommendation.title}” as proposed again</span>
      </Button>
    );
  }
  return (
    <span className={styles.recommendationRow} data-print="hide">
      <Button size="sm" disabled={props.busy} onClick={props.onApply}>
        Mark applied<span className="visually-hidden">: {recommendation.title}</span>
      </Button>
      <Button variant="secondary" size="sm" disabled={props.busy} onClick={props.onAskDismiss}>
        Dismiss<span className="visually-hidden">: {recommendation.title}</span>
      </Button>
    </span>
  );
}

/**
 * A recommendation's state on its opportunity card, with the controls to mark it applied (today) or
 * dismissed (with a reason), or to undo that. Shows at once; rolled back with the error if refused.
 */
export function RecommendationControls(props: {
  orgId: string;
  reportId: string;
  recommendation: Recommendation;
}) {
  const { recommendation } = props;
  const update = useUpdateRecommendation(props.orgId, props.reportId);
  const [asking, setAsking] = useState(false);
  const change = (body: Parameters<typeof update.mutate>[0]['body']) => {
    setAsking(false);
    update.mutate({ id: recommendation.id, body });
  };
  return (
    <div className={styles.recommendation} data-testid="recommendation" data-status={recommendation.status}>
      <div className={styles.recommendationRow}>
        <Badge tone={STATUS_TONES[recommendation.status]}>{statusText(recommendation)}</Badge>
        {recommendation.status === 'dismissed' && recommendation.dismissed_reason !== null ? (
          <span className={styles.muted}>Reason: {recommendation.dismissed_reason}</span>
        ) : null}
        <Actions
          recommendation={recommendation}
          busy={update.isPending}
          onApply={() => {
            change({ status: 'applied', applied_at: new Date().toISOString() });
          }}
          onAskDismiss={() => {
            setAsking(true);
          }}
          onReopen={() => {
            change({ status: 'proposed' });
          }}
        />
      </div>
      {asking ? (
        <DismissForm
          title={recommendation.title}
          busy={update.isPending}
          onDismiss={(reason) => {
            change({ status: 'dismissed', reason });
          }}
          onCancel={() => {
            setAsking(false);
          }}
        />
      ) : null}
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
