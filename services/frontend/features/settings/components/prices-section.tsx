'use client';

import { Badge, Button } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';
import { usePriceOverrides, useRemovePriceOverride } from '../hooks/use-price-overrides';
import {
  OVERRIDE_KIND_LABELS,
  describeOverride,
  describeRange,
  type OverrideKind,
} from '../lib/price-override-form';
import { canAdminister } from '../lib/roles';
import { PriceOverrideForm } from './price-override-form';
import { ActionError, QueryState, ScrollRegion, SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** Price overrides: the list with remove, and the form to add one. */
export function PricesSection() {
  const { organization } = useCurrentOrganization();
  const permission = canAdminister(organization?.role ?? 'viewer');
  return (
    <SettingsSection slug="prices" needsOrganization>
      <OverrideList
        canEdit={permission.allowed}
        reason={permission.allowed ? undefined : permission.reason}
      />
      <PriceOverrideForm permission={permission} />
    </SettingsSection>
  );
}

function kindLabel(kind: unknown): string {
  return typeof kind === 'string' && kind in OVERRIDE_KIND_LABELS
    ? OVERRIDE_KIND_LABELS[kind as OverrideKind]
    : String(kind);
}

function OverrideList(props: { canEdit: boolean; reason: string | undefined }) {
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
            {overrides.data.items.map((record) => {
              const text = describeOverride(record);
              return (
                <tr key={record.id}>
                  <td>
                    <Badge>{kindLabel(record.override.kind)}</Badge>
                  </td>
                  <td>{text}</td>
                  <td>{describeRange(record)}</td>
                  <td>
                    <Button
                      variant="danger"
                      size="sm"
                      aria-label={`Remove the override ${text}`}
                      title={props.reason}
                      disabled={!props.canEdit}
                      loading={remove.isPending && remove.variables === record.id}
                      onClick={() => {
                        remove.mutate(record.id);
                      }}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <ActionError error={remove.error} />
    </>
  );
}
