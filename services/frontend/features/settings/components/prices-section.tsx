'use client';

import type { PriceOverrideRecord } from '@netra/shared/contracts';
import { useState } from 'react';
import { Badge, Button } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import { usePriceOverrides, useRemovePriceOverride } from '../hooks/use-price-overrides';
import {
  OVERRIDE_KIND_LABELS,
  describeOverride,
  describeRange,
  formValuesOf,
  type OverrideKind,
} from '../lib/price-override-form';
import { canAdminister, type Permission } from '../lib/roles';
import { AddPriceOverride, EditPriceOverride } from './price-override-form';
import { ActionError, QueryState, ScrollRegion, SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** Price overrides: the list with edit and remove, and the form to add one (or to edit the one chosen). */
export function PricesSection() {
  const { organization } = useCurrentOrganization();
  const permission = canAdminister(organization?.role ?? 'viewer');
  const [editing, setEditing] = useState<PriceOverrideRecord | null>(null);
  const initial = editing === null ? undefined : formValuesOf(editing);
  return (
    <SettingsSection slug="prices" needsOrganization>
      <OverrideList permission={permission} onEdit={setEditing} />
      {editing === null || initial === undefined ? (
        <AddPriceOverride permission={permission} />
      ) : (
        <EditPriceOverride
          key={editing.id}
          record={editing}
          initial={initial}
          permission={permission}
          onDone={() => {
            setEditing(null);
          }}
        />
      )}
    </SettingsSection>
  );
}

/** Why an override has no Edit here, or undefined when it has one. */
function editRefusal(record: PriceOverrideRecord, permission: Permission): string | undefined {
  if (!permission.allowed) {
    return permission.reason;
  }
  return formValuesOf(record) === undefined
    ? 'This override has prices or a range the form cannot show (tiered or batch prices, prefix matching, a time of day); change it through the API.'
    : undefined;
}

function kindLabel(kind: unknown): string {
  return typeof kind === 'string' && kind in OVERRIDE_KIND_LABELS
    ? OVERRIDE_KIND_LABELS[kind as OverrideKind]
    : String(kind);
}

function OverrideList(props: { permission: Permission; onEdit: (record: PriceOverrideRecord) => void }) {
  const overrides = usePriceOverrides();
  const remove = useRemovePriceOverride();
  if (overrides.data === undefined) {
    return <QueryState isPending={overrides.isPending} error={overrides.error} what="the price overrides" />;
  }
  if (overrides.data.items.length === 0) {
    return (
      <p className={styles.note}>
        No price overrides: every model is priced from the public catalog. Add one below for a fine-tune, a
        self-hosted model or a negotiated discount.
      </p>
    );
  }
  return (
    <>
      <ScrollRegion label="Price overrides">
        <table className={styles.table} aria-label="Price overrides">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Override</th>
              <th scope="col">In force</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overrides.data.items.map((record) => (
              <OverrideRow
                key={record.id}
                record={record}
                permission={props.permission}
                removing={remove.isPending && remove.variables === record.id}
                onEdit={props.onEdit}
                onRemove={remove.mutate}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ActionError error={remove.error} />
    </>
  );
}

function OverrideRow(props: {
  record: PriceOverrideRecord;
  permission: Permission;
  removing: boolean;
  onEdit: (record: PriceOverrideRecord) => void;
  onRemove: (id: string) => void;
}) {
  const { record, permission } = props;
  const text = describeOverride(record);
  const refusal = editRefusal(record, permission);
  return (
    <tr>
      <td>
        <Badge>{kindLabel(record.override.kind)}</Badge>
      </td>
      <td>{text}</td>
      <td>{describeRange(record)}</td>
      <td>
        <div className={styles.rowActions}>
          <Button
            variant="secondary"
            size="sm"
            aria-label={`Edit the override ${text}`}
            title={refusal}
            disabled={refusal !== undefined}
            onClick={() => {
              props.onEdit(record);
            }}
          >
            Edit
          </Button>
          <Button
            variant="danger"
            size="sm"
            aria-label={`Remove the override ${text}`}
            title={permission.allowed ? undefined : permission.reason}
            disabled={!permission.allowed}
            loading={props.removing}
            onClick={() => {
              props.onRemove(record.id);
            }}
          >
            Remove
          </Button>
        </div>
      </td>
    </tr>
  );
}
