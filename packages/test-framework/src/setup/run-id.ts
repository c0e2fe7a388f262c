/**
 * Run ids: unique per test run, safe inside SQL identifiers and Redis keys, and sortable by time.
 * @module
 */
import { randomBytes } from 'node:crypto';

const TIME_DIGITS = 9;

/**
 * A new run id: the start time in base 36 (fixed width) followed by 8 random hex digits, so two
 * runs started in the same millisecond still differ. Lowercase letters and digits only.
 */
export function newRunId(now: number = Date.now()): string {
  return `${now.toString(36).padStart(TIME_DIGITS, '0')}${randomBytes(4).toString('hex')}`;
}

/** Whether a string has the shape `newRunId` produces. */
export function isRunId(value: string): boolean {
  return new RegExp(`^[0-9a-z]{${TIME_DIGITS}}[0-9a-f]{8}$`).test(value);
}

/** When the run started, from its id; undefined for anything that is not a run id. */
export function runStartedAt(runId: string): number | undefined {
  return isRunId(runId) ? Number.parseInt(runId.slice(0, TIME_DIGITS), 36) : undefined;
}
