/**
 * The demo workload's clock: people use LLM features in working hours on working days, so traffic
 * follows a daily curve (quiet nights, a European morning and an American afternoon), a weekly one
 * (weekends at a third), and grows a little day by day. Nightly jobs run in a few UTC hours only,
 * which is what makes them look scheduled to the batch lever.
 * @module
 */
import type { Random } from './prng.js';
import {
  CACHE_FRIENDLY_BURSTS,
  DAY_MS,
  HOUR_MS,
  strictlyIncreasing,
  type BurstShape,
  type TimeWindow,
} from './timeline.js';

/** Relative traffic by UTC hour. */
const HOUR_WEIGHTS: readonly number[] = [
  0.18, 0.14, 0.12, 0.12, 0.14, 0.2, 0.3, 0.45, 0.7, 0.9, 1, 1, 0.95, 1, 1, 1, 0.95, 0.85, 0.7, 0.55, 0.45,
  0.35, 0.28, 0.22,
];
/** Relative traffic by UTC weekday, Sunday first. */
const WEEKDAY_WEIGHTS: readonly number[] = [0.3, 1, 1, 0.97, 1, 0.9, 0.35];
/** Day-over-day growth of the traffic: the product is being adopted. */
const GROWTH_PER_DAY = 0.01;

/** How busy the instant `ms` is, in (0, 1.5]: the product of the hour, weekday and growth factors. */
export function rhythmWeight(ms: number, window: TimeWindow): number {
  const date = new Date(ms);
  const daysIn = (ms - window.startMs) / DAY_MS;
  const hour = HOUR_WEIGHTS[date.getUTCHours()] ?? 1;
  const weekday = WEEKDAY_WEIGHTS[date.getUTCDay()] ?? 1;
  return hour * weekday * (1 + GROWTH_PER_DAY * daysIn);
}

/** The largest weight any instant of the window can have (for rejection sampling). */
function peakWeight(window: TimeWindow): number {
  const days = (window.endMs - window.startMs) / DAY_MS;
  return 1 + GROWTH_PER_DAY * days;
}

/** One instant drawn with probability proportional to its rhythm weight, before `latestMs`. */
function rhythmInstant(random: Random, window: TimeWindow, latestMs: number): number {
  const peak = peakWeight(window);
  for (;;) {
    const at = window.startMs + Math.floor(random.next() * (latestMs - window.startMs));
    if (random.next() * peak < rhythmWeight(at, window)) {
      return at;
    }
  }
}

/** `count` times following the daily and weekly rhythm. */
export function rhythmTimes(random: Random, count: number, window: TimeWindow): number[] {
  const latest = window.endMs - 1_000;
  return strictlyIncreasing(Array.from({ length: count }, () => rhythmInstant(random, window, latest)));
}

/** `count` times in bursts (sessions) whose starts follow the rhythm; no burst runs past the window. */
export function rhythmBurstTimes(
  random: Random,
  count: number,
  window: TimeWindow,
  shape: BurstShape = CACHE_FRIENDLY_BURSTS,
): number[] {
  const latestStart = window.endMs - shape.maxSize * shape.maxGapMs;
  const times: number[] = [];
  while (times.length < count) {
    let at = rhythmInstant(random, window, latestStart);
    const size = Math.min(random.int(shape.minSize, shape.maxSize), count - times.length);
    for (let index = 0; index < size; index += 1) {
      times.push(at);
      at += random.int(shape.minGapMs, shape.maxGapMs);
    }
  }
  return strictlyIncreasing(times);
}

/** `count` times spread over every UTC day the window touches, only in `utcHours`, only inside the window. */
export function nightlyTimes(
  random: Random,
  count: number,
  window: TimeWindow,
  utcHours: readonly number[],
): number[] {
  const firstDay = Math.floor(window.startMs / DAY_MS) * DAY_MS;
  const slots = Math.ceil((window.endMs - firstDay) / DAY_MS);
  const times: number[] = [];
  for (let attempt = 0; times.length < count && attempt < count * 20; attempt += 1) {
    const day = firstDay + random.int(0, slots - 1) * DAY_MS;
    const at = day + random.pick(utcHours) * HOUR_MS + Math.floor(random.next() * (HOUR_MS - 1_000));
    if (at >= window.startMs && at < window.endMs) {
      times.push(at);
    }
  }
  return strictlyIncreasing(times);
}
