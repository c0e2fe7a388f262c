'use client';

import { useCurrentOrganization } from '@/lib/auth';
import { canAdminister } from '../lib/roles';
import { BudgetsPanel } from './budgets-panel';
import { SettingsSection } from './settings-section';
import { WebhooksPanel } from './webhooks-panel';

/** Budgets and the webhooks their alerts are delivered to. */
export function AlertsSection() {
  const { organization } = useCurrentOrganization();
  const permission = canAdminister(organization?.role ?? 'viewer');
  return (
    <SettingsSection slug="alerts" needsOrganization>
      <BudgetsPanel permission={permission} />
      <WebhooksPanel permission={permission} />
    </SettingsSection>
  );
}
