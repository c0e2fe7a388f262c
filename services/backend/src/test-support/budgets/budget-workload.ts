/**
 * Seeded usage for the budget tests: whole days of events with a stated cost (a model the catalog
 * does not know, so the cost is exactly what is sent), optionally some failed, ingested through the
 * REST route. Test scaffolding: imported by tests only.
 * @module
 */
import type { BackendTestApp } from '#test-support/backend-app.js';

const DAY_MS = 86_400_000;

export interface SeededDay {
  /** UTC midnight of the day. */
  day: Date;
  events: number;
  costPerEvent: number;
  errors: number;
  /** Only the first this-many hours of the day (the day in progress). */
  hours?: number;
}

/** The events of a day, spread evenly over its hours; the failed ones first. */
export function eventsOf(seeded: SeededDay): Record<string, unknown>[] {
  const spanMs = (seeded.hours ?? 24) * 3_600_000;
  return Array.from({ length: seeded.events }, (_unused, index) => ({
    event_id: `${seeded.day.toISOString().slice(0, 10)}-${index}`,
    timestamp: new Date(seeded.day.getTime() + Math.floor((index * spanMs) / seeded.events)).toISOString(),
    provider: 'openai',
    model: 'budget-test-model',
    feature: 'support-bot',
    input_tokens: 100,
    output_tokens: 10,
    cost_usd: seeded.costPerEvent,
    status: index < seeded.errors ? 'error' : 'success',
  }));
}

export function daysFrom(first: string, count: number): Date[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_unused, index) => new Date(start + index * DAY_MS));
}

/** Ingests the days through `POST /api/v1/ingest/events`; throws unless every event was stored. */
export async function ingestDays(
  test: BackendTestApp,
  key: string,
  days: readonly SeededDay[],
): Promise<void> {
  const events = days.flatMap(eventsOf);
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: events,
  });
  const result = response.json<{ stored?: number }>();
  if (response.statusCode !== 200 || result.stored !== events.length) {
    throw new Error(`seeding stored ${String(result.stored)} of ${events.length}: ${response.body}`);
  }
}
