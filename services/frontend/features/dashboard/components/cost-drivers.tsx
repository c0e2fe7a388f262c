/**
 * The largest provider × model × feature spends of the window, largest first.
 * @module
 */
import type { SpendSummary } from '@netra/shared/contracts';
import { formatCount, formatShare, formatUsd } from '../lib/format';
import { Panel } from './panel';
import styles from './dashboard.module.css';

type Driver = SpendSummary['top_cost_drivers'][number];

function DriverRow({ driver }: { driver: Driver }) {
  return (
    <tr>
      <th scope="row">{driver.feature === '' ? '(no feature)' : driver.feature}</th>
      <td>{driver.model}</td>
      <td>{driver.provider}</td>
      <td className={styles.number}>{formatUsd(driver.spend_usd)}</td>
      <td className={styles.number}>{formatShare(driver.share)}</td>
      <td className={styles.number}>{formatCount(driver.requests)}</td>
      <td className={styles.number}>{formatUsd(driver.error_spend_usd)}</td>
    </tr>
  );
}

export function CostDrivers({ summary }: { summary: SpendSummary }) {
  const drivers = summary.top_cost_drivers;
  return (
    <Panel title="Top cost drivers" testId="cost-drivers">
      {drivers.length === 0 ? (
        <p className={styles.panelText}>No priced usage in this period.</p>
      ) : (
        <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Top cost drivers table">
          <table className={styles.table}>
            <caption>Provider, model and feature combinations with the largest spend</caption>
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">Model</th>
                <th scope="col">Provider</th>
                <th scope="col" className={styles.number}>
                  Spend
                </th>
                <th scope="col" className={styles.number}>
                  Share
                </th>
                <th scope="col" className={styles.number}>
                  Requests
                </th>
                <th scope="col" className={styles.number}>
                  Error waste
                </th>
              </tr>
            </thead>
            <tbody>
              {drivers.map((driver) => (
                <DriverRow key={`${driver.provider}/${driver.model}/${driver.feature}`} driver={driver} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
