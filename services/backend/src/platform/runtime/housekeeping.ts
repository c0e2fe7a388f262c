import type { Logger } from '@netra/shared/server';
import type { HotStore } from '@netra/shared/redis';

/** One chore of the housekeeping job (e.g. purging expired invitations), supplied by the composition. */
export interface HousekeepingTask {
  name: string;
  run(): Promise<void>;
}

export interface HousekeepingOutcome {
  task: string;
  ok: boolean;
  error?: string;
}

/** Hot-tier key holding the last run: when it finished and how each task went. */
export const LAST_RUN_KEY = 'housekeeping:last-run';
/** Long enough to outlive several runs, so a missing key means housekeeping stopped. */
const LAST_RUN_TTL_MS = 24 * 3600_000;

async function attempt(task: HousekeepingTask): Promise<HousekeepingOutcome> {
  try {
    await task.run();
    return { task: task.name, ok: true };
  } catch (error) {
    return { task: task.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs every task, each whatever became of the others, records the run in the hot tier and logs it.
 * Throws when a task failed, so the job is reported failed like any other.
 */
export async function runHousekeeping(
  tasks: readonly HousekeepingTask[],
  deps: { redis: HotStore; logger: Logger },
): Promise<HousekeepingOutcome[]> {
  const outcomes: HousekeepingOutcome[] = [];
  for (const task of tasks) {
    outcomes.push(await attempt(task));
  }
  const finishedAt = new Date().toISOString();
  await deps.redis.set(LAST_RUN_KEY, JSON.stringify({ finishedAt, outcomes }), LAST_RUN_TTL_MS);
  deps.logger.info({ outcomes }, 'housekeeping ran');
  const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.task);
  if (failed.length > 0) {
    throw new Error(`housekeeping tasks failed: ${failed.join(', ')}`);
  }
  return outcomes;
}
