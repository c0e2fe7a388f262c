/**
 * When generated requests happen: evenly over all hours of the period (so nothing looks scheduled),
 * in bursts close enough for the 5-minute provider cache, or in a few night hours every day. The
 * demo workload adds a daily and weekly rhythm on top (demo-rhythm.ts).
 * @module
 */
import type { Random } from './prng.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The observed period: [startMs, endMs). */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * Sorts and nudges equal timestamps 1 ms apart: "earlier" (repeats, cache hits) must never depend on
 * how the store orders ties.
 */
export function strictlyIncreasing(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1] as number;
    if ((sorted[index] as number) <= previous) {
      sorted[index] = previous + 1;
    }
  }
  return sorted;
}

/** `count` times uniform over the window (all hours, all days). */
export function uniformTimes(random: Random, count: number, window: TimeWindow): number[] {
  const span = window.endMs - window.startMs - 1_000;
  return strictlyIncreasing(
    Array.from({ length: count }, () => window.startMs + Math.floor(random.next() * span)),
  );
}

/** Shape of a burst: how many requests and how far apart (every gap well inside the 5-min TTL). */
export interface BurstShape {
  minSize: number;
  maxSize: number;
  minGapMs: number;
  maxGapMs: number;
}

export const CACHE_FRIENDLY_BURSTS: BurstShape = {
  minSize: 4,
  maxSize: 14,
  minGapMs: 5_000,
  maxGapMs: 3 * MINUTE_MS,
};

/** `count` times in bursts whose starts are uniform over the window. */
export function burstTimes(
  random: Random,
  count: number,
  window: TimeWindow,
  shape: BurstShape = CACHE_FRIENDLY_BURSTS,
): number[] {
  const longestBurst = shape.maxSize * shape.maxGapMs;
  const times: number[] = [];
  while (times.length < count) {
    let at = window.startMs + Math.floor(random.next() * (window.endMs - window.startMs - longestBurst));
    const size = Math.min(random.int(shape.minSize, shape.maxSize), count - times.length);
    for (let index = 0; index < size; index += 1) {
      times.push(at);
      at += random.int(shape.minGapMs, shape.maxGapMs);
    }
  }
  return strictlyIncreasing(times);
}

/** `count` times on every day of the window, only within the given UTC hours. */
export function scheduledTimes(
  random: Random,
  count: number,
  window: TimeWindow,
  utcHours: readonly number[],
): number[] {
  const days = Math.floor((window.endMs - window.startMs) / DAY_MS);
  return strictlyIncreasing(
    Array.from({ length: count }, (_, index) => {
      const day = index % days;
      const hour = random.pick(utcHours);
      return window.startMs + day * DAY_MS + hour * HOUR_MS + Math.floor(random.next() * (HOUR_MS - 1_000));
    }),
  );
}

export { DAY_MS, HOUR_MS, MINUTE_MS };
