'use client';
/**
 * The date range: a preset, or "Custom dates" with a from / to pair applied together (so the
 * dashboard does not reload on every keystroke of a date).
 * @module
 */
import { useState, type SyntheticEvent } from 'react';
import { Button, Select, TextField } from '@/components/ui';
import { customRangeOf, PRESET_LABELS, type DashboardWindow } from '../lib/time-window';
import { isIsoDate, RANGE_PRESETS, type DashboardState, type RangePreset } from '../lib/url-state';
import styles from './dashboard.module.css';

const CUSTOM = 'custom';
const RANGE_OPTIONS = [
  ...RANGE_PRESETS.map((preset) => ({ value: preset, label: PRESET_LABELS[preset] })),
  { value: CUSTOM, label: 'Custom dates' },
];

interface RangeProps {
  state: DashboardState;
  window: DashboardWindow;
  onChange: (next: DashboardState) => void;
}

/** The range select; choosing "Custom dates" starts from the days the current window covers. */
export function RangeSelect({ state, window, onChange }: RangeProps) {
  const value = state.range.kind === 'custom' ? CUSTOM : state.range.preset;
  return (
    <Select
      label="Date range"
      value={value}
      options={RANGE_OPTIONS}
      onChange={(event) => {
        const chosen = event.target.value;
        const range =
          chosen === CUSTOM
            ? { kind: 'custom' as const, ...customRangeOf(window) }
            : { kind: 'preset' as const, preset: chosen as RangePreset };
        onChange({ ...state, range });
      }}
    />
  );
}

/** The from / to dates of a custom range (UTC days, both included). */
export function CustomRangeForm({ state, onChange }: Omit<RangeProps, 'window'>) {
  const range = state.range.kind === 'custom' ? state.range : null;
  const [from, setFrom] = useState(range?.from ?? '');
  const [to, setTo] = useState(range?.to ?? '');
  if (range === null) {
    return null;
  }
  const invalid = !isIsoDate(from) || !isIsoDate(to) || from > to;
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!invalid) {
      onChange({ ...state, range: { kind: 'custom', from, to } });
    }
  };
  return (
    <form className={styles.customRange} onSubmit={submit} aria-label="Custom date range">
      <TextField
        label="From (UTC)"
        type="date"
        value={from}
        max={to}
        onChange={(e) => {
          setFrom(e.target.value);
        }}
      />
      <TextField
        label="To (UTC)"
        type="date"
        value={to}
        min={from}
        onChange={(e) => {
          setTo(e.target.value);
        }}
      />
      <Button type="submit" variant="secondary" disabled={invalid}>
        Apply dates
      </Button>
    </form>
  );
}
