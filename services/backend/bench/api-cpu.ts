/**
 * Where the CPU of a load run goes: the CPU time (user + system, every thread) each part of the system
 * used during the run, divided by the requests answered. Read from `/proc/<pid>/stat` (Linux), so
 * work a process hands to its thread pool (e.g. WebCrypto) counts too; a part that cannot be read is
 * left out rather than guessed.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU milliseconds used so far by each part of the system, by name. */
export type CpuTimes = Record<string, number>;

function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

/** CPU milliseconds a process has used (all its threads), or undefined when it cannot be read. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name (field 2) may hold spaces; utime and stime are fields 14 and 15, so 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

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

/** Sums the CPU milliseconds of several processes; undefined when none could be read. */
export function processesCpuMs(pids: readonly number[]): number | undefined {
  const times = pids.map(processCpuMs).filter((time): time is number => time !== undefined);
  return times.length === 0 ? undefined : times.reduce((sum, time) => sum + time, 0);
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
