'use client';
/**
 * The two questions asked before a recommendation changes: on which day it was applied (realized
 * savings are measured from then), and why it is dismissed (stored with it).
 * @module
 */
import { useState, type SyntheticEvent } from 'react';
import { Button, TextField } from '@/components/ui';
import { appliedAtFor, todayValue } from '../lib/applied-date';
import styles from './reports.module.css';

interface FormProps {
  title: string;
  busy: boolean;
  onCancel: () => void;
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  return (
    <Button variant="ghost" size="sm" onClick={onCancel}>
      Cancel
    </Button>
  );
}

/** Asks for the day it was applied: today by default, any earlier day allowed. */
export function ApplyForm(props: FormProps & { onApply: (appliedAt: string) => void }) {
  const [day, setDay] = useState(() => todayValue(new Date()));
  const appliedAt = appliedAtFor(day, new Date());
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (appliedAt !== null) {
      props.onApply(appliedAt);
    }
  };
  return (
    <form className={styles.reasonForm} onSubmit={submit} data-print="hide">
      <TextField
        type="date"
        label={`Applied “${props.title}” on`}
        hint="Realized savings compare the 30 days before this day with the days after it."
        value={day}
        max={todayValue(new Date())}
        required
        autoFocus
        error={appliedAt === null ? 'Pick today or an earlier day.' : undefined}
        onChange={(event) => {
          setDay(event.target.value);
        }}
      />
      <Button type="submit" size="sm" disabled={appliedAt === null} loading={props.busy}>
        Confirm applied
      </Button>
      <CancelButton onCancel={props.onCancel} />
    </form>
  );
}

/** Asks why before dismissing: the reason is stored with the recommendation. */
export function DismissForm(props: FormProps & { onDismiss: (reason: string) => void }) {
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
      <CancelButton onCancel={props.onCancel} />
    </form>
  );
}
