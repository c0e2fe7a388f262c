/**
 * CPU time of processes, read from `/proc/<pid>/stat` (Linux): user + system time of every thread, so
 * work a process hands to its thread pool counts too. What cannot be read is undefined, never guessed.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU milliseconds used so far by each part of a system, by name. */
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

/** Sums the CPU milliseconds of several processes; undefined when none could be read. */
export function processesCpuMs(pids: readonly number[]): number | undefined {
  const times = pids.map(processCpuMs).filter((time): time is number => time !== undefined);
  return times.length === 0 ? undefined : times.reduce((sum, time) => sum + time, 0);
}
