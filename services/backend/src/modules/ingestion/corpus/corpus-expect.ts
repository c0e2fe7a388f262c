/**
 * The assertions every corpus test makes: the events stored, the requests the report counts, the
 * period it covers and the cost it computes, each against a figure from the source file or computed
 * by hand in the test.
 * @module
 */
import { expect } from 'vitest';
import { reportOf, storedEvents, type CorpusRun } from './corpus-run.js';

const DAY_MS = 86_400_000;

/** What a file holds, as its source states it or as computed from list prices. */
export interface CorpusFigures {
  events: number;
  requests: number;
  /** ISO-8601 UTC instants: the first bucket's start (or first request) and the last bucket's end. */
  start: string;
  end: string;
  /** Defaults to (end − start) in days. */
  days?: number;
  costUsd: number;
}

/** The run succeeded and its import summary and report show `figures`. */
export function expectFigures(run: CorpusRun, figures: CorpusFigures): void {
  expect(run.code, run.stderr).toBe(0);
  expect(storedEvents(run), `events stored; stderr:\n${run.stderr}`).toBe(figures.events);
  const report = reportOf(run);
  expect(report.baseline.requests, 'requests').toBe(figures.requests);
  expect(report.period.start, 'period start').toBe(new Date(figures.start).toISOString());
  expect(report.period.end, 'period end').toBe(new Date(figures.end).toISOString());
  const days = figures.days ?? (Date.parse(figures.end) - Date.parse(figures.start)) / DAY_MS;
  expect(report.period.days, 'period days').toBeCloseTo(days, 6);
  expect(report.baseline.total_cost_usd, 'cost').toBeCloseTo(figures.costUsd, 9);
  // Monthly figures scale the observed period to 30 days (×30 for one day, ×360 for two hours).
  expect(report.baseline.monthly_cost_usd, 'monthly cost').toBeCloseTo((figures.costUsd * 30) / days, 6);
}

/** The run refused the file: a non-zero exit, no report, and stderr saying why (`reason`). */
export function expectRefusal(run: CorpusRun, reason: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(reason);
}
