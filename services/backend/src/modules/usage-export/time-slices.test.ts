import { describe, expect, it } from 'vitest';
import { timeSlices } from './time-slices.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(hours * HOUR);

describe('timeSlices', () => {
  it('groups consecutive hours into slices of at most a page', () => {
    const hours = [
      { hour: 0, events: 3 },
      { hour: HOUR, events: 3 },
      { hour: 5 * HOUR, events: 3 },
      { hour: 6 * HOUR, events: 1 },
    ];
    expect(timeSlices(hours, 6, at(0), at(10))).toEqual([
      { from: at(0), to: at(2) },
      { from: at(5), to: at(7) },
    ]);
  });

  it('gives an hour holding more than a page a slice of its own, clipped to the window', () => {
    const hours = [
      { hour: 0, events: 2 },
      { hour: HOUR, events: 50 },
      { hour: 2 * HOUR, events: 2 },
    ];
    const from = new Date(HOUR / 2);
    const to = new Date(2.5 * HOUR);
    expect(timeSlices(hours, 10, from, to)).toEqual([
      { from, to: at(1) },
      { from: at(1), to: at(2) },
      { from: at(2), to },
    ]);
  });

  it('has no slice without hours', () => {
    expect(timeSlices([], 10, at(0), at(1))).toEqual([]);
  });
});
