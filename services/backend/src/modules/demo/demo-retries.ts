/**
 * Failures as providers bill them: an attempt that errors after its input was billed, retried a
 * few seconds later with the same prompt. The demo's features fail at their own rates.
 * @module
 */
import type { Random } from './prng.js';
import type { RequestDraft } from './request-draft.js';
import { strictlyIncreasing } from './timeline.js';

const ERROR_TYPES = ['overloaded', 'timeout', 'server_error', 'rate_limit'] as const;

/** The failed attempt of a request: its input billed, a few output tokens, an error type. */
function failedAttempt(random: Random, draft: RequestDraft): RequestDraft {
  return {
    ...draft,
    output: random.int(0, 40),
    status: 'error',
    errorType: random.pick(ERROR_TYPES),
    cacheRead: undefined,
  };
}

/**
 * Turns a share of the drafts into a failed attempt followed by its successful retry 2–30 s later
 * (so the feature keeps its count of answered requests and gains the wasted attempts).
 */
export function withRetries(
  random: Random,
  drafts: readonly RequestDraft[],
  errorShare: number,
): RequestDraft[] {
  const attempts = drafts.flatMap((draft) =>
    random.chance(errorShare)
      ? [failedAttempt(random, draft), { ...draft, timestamp: draft.timestamp + random.int(2_000, 30_000) }]
      : [draft],
  );
  return retimed(attempts);
}

/** Drafts sorted by time with ties nudged apart (a retry may land on a later request's millisecond). */
export function retimed(drafts: readonly RequestDraft[]): RequestDraft[] {
  const sorted = [...drafts].sort((a, b) => a.timestamp - b.timestamp);
  const times = strictlyIncreasing(sorted.map((draft) => draft.timestamp));
  return sorted.map((draft, index) => ({ ...draft, timestamp: times[index] as number }));
}
