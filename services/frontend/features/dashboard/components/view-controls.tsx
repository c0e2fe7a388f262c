'use client';
/**
 * The controls above the charts: date range, grouping, bucket and the filters, all kept in the URL.
 * @module
 */
import { Button, Select } from '@/components/ui';
import { useFilterOptions } from '../hooks/use-dashboard-data';
import type { DashboardWindow } from '../lib/time-window';
import {
  BUCKET_CHOICES,
  GROUP_BYS,
  hasFilters,
  EMPTY_FILTERS,
  withFilter,
  type BucketChoice,
  type DashboardState,
  type FilterField,
  type GroupByChoice,
} from '../lib/url-state';
import { CustomRangeForm, RangeSelect } from './range-controls';
import styles from './dashboard.module.css';

const GROUP_LABELS: Readonly<Record<GroupByChoice, string>> = {
  model: 'Model',
  provider: 'Provider',
  feature: 'Feature',
  user_id: 'User',
};

const BUCKET_LABELS: Readonly<Record<BucketChoice, string>> = {
  auto: 'Automatic',
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
};

type OptionField = Exclude<FilterField, 'status'>;

const FILTER_LABELS: Readonly<Record<OptionField, [label: string, all: string]>> = {
  provider: ['Provider', 'All providers'],
  model: ['Model', 'All models'],
  feature: ['Feature', 'All features'],
  environment: ['Environment', 'All environments'],
};

interface ControlsProps {
  state: DashboardState;
  window: DashboardWindow;
  onChange: (next: DashboardState) => void;
}

/** One filter: "All …" or one of the window's values (a value from the URL stays listed). */
function FilterSelect({ field, state, window, onChange }: ControlsProps & { field: OptionField }) {
  const { values } = useFilterOptions(window, field);
  const selected = state.filters[field];
  const [label, all] = FILTER_LABELS[field];
  const choices = [...new Set([...selected, ...values])];
  return (
    <Select
      label={label}
      value={selected[0] ?? ''}
      options={[{ value: '', label: all }, ...choices.map((value) => ({ value, label: value }))]}
      onChange={(event) => {
        const value = event.target.value;
        onChange(withFilter(state, field, value === '' ? [] : [value]));
      }}
    />
  );
}

function StatusSelect({ state, onChange }: Omit<ControlsProps, 'window'>) {
  return (
    <Select
      label="Status"
      value={state.filters.status[0] ?? ''}
      options={[
        { value: '', label: 'All statuses' },
        { value: 'success', label: 'Succeeded' },
        { value: 'error', label: 'Failed' },
      ]}
      onChange={(event) => {
        const value = event.target.value;
        onChange(withFilter(state, 'status', value === '' ? [] : [value]));
      }}
    />
  );
}

export function ViewControls(props: ControlsProps) {
  const { state, onChange } = props;
  const customKey = state.range.kind === 'custom' ? `${state.range.from}/${state.range.to}` : 'preset';
  return (
    <section className={styles.controls} aria-label="Date range, grouping and filters">
      <div className={styles.controlRow}>
        <RangeSelect {...props} />
        <Select
          label="Group by"
          value={state.groupBy}
          options={GROUP_BYS.map((value) => ({ value, label: GROUP_LABELS[value] }))}
          onChange={(event) => {
            onChange({ ...state, groupBy: event.target.value as GroupByChoice });
          }}
        />
        <Select
          label="Bucket"
          value={state.bucket}
          options={BUCKET_CHOICES.map((value) => ({ value, label: BUCKET_LABELS[value] }))}
          onChange={(event) => {
            onChange({ ...state, bucket: event.target.value as BucketChoice });
          }}
        />
      </div>
      <CustomRangeForm key={customKey} state={state} onChange={onChange} />
      <div className={styles.controlRow}>
        {(Object.keys(FILTER_LABELS) as OptionField[]).map((field) => (
          <FilterSelect key={field} field={field} {...props} />
        ))}
        <StatusSelect state={state} onChange={onChange} />
        <div>
          <Button
            variant="ghost"
            disabled={!hasFilters(state.filters)}
            onClick={() => {
              onChange({ ...state, filters: EMPTY_FILTERS });
            }}
          >
            Clear filters
          </Button>
        </div>
      </div>
    </section>
  );
}
