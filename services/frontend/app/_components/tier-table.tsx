import type { TierStatus } from '@netra/shared';
import { tierLabel } from '@/lib/browser/service-state';
import styles from './status.module.css';

/** The store tiers a service reported: mode (embedded or server), engine and health. */
export function TierTable({ tiers }: { tiers: Readonly<Record<string, TierStatus>> }) {
  const entries = Object.entries(tiers);
  if (entries.length === 0) {
    return <p className={styles.note}>This service reports no stores.</p>;
  }
  return (
    <table className={styles.tiers}>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col">Mode</th>
          <th scope="col">Engine</th>
          <th scope="col">Health</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, tier]) => (
          <TierRow key={name} name={name} tier={tier} />
        ))}
      </tbody>
    </table>
  );
}

function TierRow({ name, tier }: { name: string; tier: TierStatus }) {
  return (
    <tr data-tier={name} data-mode={tier.mode}>
      <th scope="row">{tierLabel(name)}</th>
      <td>
        <span className={styles.mode} data-mode={tier.mode}>
          {tier.mode}
        </span>
      </td>
      <td className={styles.engine}>{tier.engine}</td>
      <td className={tier.ok ? styles.healthy : styles.failing} title={tier.error}>
        {tier.ok ? `OK · ${Math.round(tier.latency_ms)} ms` : 'Failing'}
      </td>
    </tr>
  );
}
