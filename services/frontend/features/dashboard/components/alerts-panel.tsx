/**
 * Alerts fired for budget thresholds and anomalies, most recent first.
 * @module
 */
import type { Alert, Budget } from '@netra/shared/contracts';
import { Badge } from '@/components/ui';
import { alertTone, describeAlert } from '../lib/budget-progress';
import { formatDateTime } from '../lib/format';
import { Panel } from './panel';
import styles from './dashboard.module.css';

export function AlertsPanel({ alerts, budgets }: { alerts: readonly Alert[]; budgets: readonly Budget[] }) {
  return (
    <Panel title="Fired alerts" testId="alerts">
      {alerts.length === 0 ? (
        <p className={styles.panelText}>No alerts have fired.</p>
      ) : (
        <ul className={styles.alertList}>
          {alerts.map((alert) => (
            <li key={alert.id} className={styles.alertItem}>
              <span>
                <Badge tone={alertTone(alert)}>
                  {alert.kind === 'threshold_forecast' ? 'Forecast' : 'Fired'}
                </Badge>{' '}
                {describeAlert(alert, budgets)}
              </span>
              <time className={styles.alertTime} dateTime={alert.fired_at}>
                {formatDateTime(alert.fired_at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
