/**
 * Where the CPU of a load run goes: the CPU time (user + system, every thread) each part of the system
 * used during the run, divided by the requests answered. Read from `/proc/<pid>/stat` (Linux), so
 * work a process hands to its thread pool (e.g. WebCrypto) counts too; a part that cannot be read is
 * left out rather than guessed.
 * @module
 */
import type { CpuTimes } from '../src/test-support/process-cpu.js';

export { processCpuMs, type CpuTimes } from '../src/test-support/process-cpu.js';

/** This process (the load generator runs in it). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The parts present in both snapshots, with what each used in between. */
export function cpuUsedBetween(before: CpuTimes, after: CpuTimes): CpuTimes {
  const used: CpuTimes = {};
  for (const [part, end] of Object.entries(after)) {
    const start = before[part];
    if (start !== undefined) {
      used[part] = Math.max(0, end - start);
    }
  }
  return used;
}

/** What one measured route cost. */
export interface RouteCpu {
  label: string;
  requests: number;
  durationS: number;
  used: CpuTimes;
}

const PART_ORDER = ['backend', 'auth', 'postgres', 'redis (whole server)', 'load generator'];

function partsOf(rows: readonly RouteCpu[]): string[] {
  const present = new Set(rows.flatMap((row) => Object.keys(row.used)));
  return PART_ORDER.filter((part) => present.has(part));
}

/**
 * CPU milliseconds per request of each part, their total, and how many cores the whole run kept busy
 * (total CPU over the run's wall time): on a machine with N cores, N is the ceiling.
 */
export function cpuTable(rows: readonly RouteCpu[]): string {
  const parts = partsOf(rows);
  const widths = parts.map((part) => Math.max(9, part.length));
  const header = ['CPU ms per request'.padEnd(34), ...parts.map((part, i) => part.padStart(widths[i] ?? 9))];
  const lines = rows.map((row) => {
    const perRequest = (ms: number) => (row.requests === 0 ? 0 : ms / row.requests);
    const total = parts.reduce((sum, part) => sum + (row.used[part] ?? 0), 0);
    const cells = parts.map((part, i) =>
      perRequest(row.used[part] ?? 0)
        .toFixed(2)
        .padStart(widths[i] ?? 9),
    );
    const cores = row.durationS > 0 ? total / 1000 / row.durationS : 0;
    return `  ${row.label.padEnd(34)} ${cells.join(' ')} ${perRequest(total).toFixed(2).padStart(7)} ${cores.toFixed(2).padStart(11)}\n`;
  });
  return `  ${header.join(' ')} ${'total'.padStart(7)} ${'cores busy'.padStart(11)}\n${lines.join('')}`;
}
