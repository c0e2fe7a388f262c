/**
 * UsageSource.measure over an analysis's flags table: the candidates by segment (measure-segments),
 * the requests' row kinds, then one aggregate query (measure-sql) whose rows are the segments'
 * sums, folded into the engine's Measurement.
 * @module
 */
import { segmentKey, type Candidate, type Measurement, type MeasureRequest } from '@netra/optimizer';
import { z } from 'zod';
import type { ClickHouseStore, QueryParams } from '#platform/stores/clickhouse.js';
import { segmentFilter } from './analyzed-requests.js';
import { measureSegments } from './measure-segments.js';
import { MEASURED_REQUESTS, measureQuery, type MeasureQuery, type RowKind } from './measure-sql.js';

const rowKindSchema = z.object({
  hash: z.string(),
  feature: z.string(),
  provider: z.string(),
  model: z.string(),
  priced_provider: z.string(),
  priced_model: z.string(),
});

const segmentSumsSchema = z
  .object({
    feature: z.string(),
    provider: z.string(),
    model: z.string(),
    baseline: z.number(),
    plan: z.number(),
    proven: z.number(),
  })
  .catchall(z.union([z.number(), z.string()]));

type SegmentSums = z.infer<typeof segmentSumsSchema>;

/** The requests' distinct row kinds; undefined when two share a hash (the query could not tell them apart). */
async function rowKinds(
  store: ClickHouseStore,
  table: string,
  where: { sql: string; params: QueryParams },
): Promise<RowKind[] | undefined> {
  const rows = await store.queryRows<unknown>(
    'SELECT toString(cityHash64(feature, provider, model, priced_provider, priced_model)) AS hash, ' +
      `feature, provider, model, priced_provider, priced_model FROM ${table} WHERE ${where.sql} ` +
      'GROUP BY feature, provider, model, priced_provider, priced_model',
    where.params,
  );
  const kinds = rows.map((row) => rowKindSchema.parse(row));
  return new Set(kinds.map((kind) => kind.hash)).size === kinds.length ? kinds : undefined;
}

function emptyMeasurement(request: MeasureRequest): Measurement {
  return {
    individual: new Map(request.measured.map((candidate) => [candidate.id, 0])),
    plan: 0,
    proven: 0,
    baseline: 0,
    planBySegment: new Map(),
    touched: new Map(request.measured.map((candidate) => [candidate.id, new Set<string>()])),
  };
}

/** Adds one segment's sums: its plan, and each measured candidate of the segment by its kind's columns. */
function addSegment(
  measurement: Measurement,
  sums: SegmentSums,
  request: MeasureRequest,
  query: MeasureQuery,
): void {
  const segment = { feature: sums.feature, provider: sums.provider, model: sums.model };
  const key = segmentKey(segment);
  measurement.baseline += sums.baseline;
  measurement.plan += sums.plan;
  measurement.proven += sums.proven;
  measurement.planBySegment.set(key, { segment, plan: sums.plan, proven: sums.proven });
  for (const candidate of request.measured) {
    const index = query.measuredKinds.indexOf(candidate.kind);
    if (index >= 0 && scopeKey(candidate) === key) {
      addIndividual(measurement, candidate.id, key, sums, index);
    }
  }
}

function scopeKey({ scope }: Candidate): string {
  return segmentKey({
    feature: scope.feature ?? '',
    provider: scope.provider ?? '',
    model: scope.model ?? '',
  });
}

function addIndividual(
  measurement: Measurement,
  id: string,
  key: string,
  sums: SegmentSums,
  index: number,
): void {
  const saving = Number(sums[`saving_${index}`]);
  measurement.individual.set(id, (measurement.individual.get(id) ?? 0) + saving);
  if (Number(sums[`touched_${index}`]) > 0) {
    measurement.touched.get(id)?.add(key);
  }
}

/** The requests a pass counts: measured ones (MEASURED_REQUESTS) of the segments asked for. */
function passFilter(request: MeasureRequest): { sql: string; params: QueryParams } {
  const only = segmentFilter(request.segments);
  return only === undefined
    ? { sql: MEASURED_REQUESTS, params: {} }
    : { sql: `${MEASURED_REQUESTS} AND ${only.sql}`, params: only.params };
}

/**
 * One measuring pass in ClickHouse over the flags table `table`; undefined when the candidates
 * cannot be measured there (the engine then measures request by request).
 */
export async function measureInStore(
  store: ClickHouseStore,
  table: string,
  request: MeasureRequest,
): Promise<Measurement | undefined> {
  const plan = measureSegments(request);
  if (plan === undefined) {
    return undefined;
  }
  const where = passFilter(request);
  const kinds = await rowKinds(store, table, where);
  if (kinds === undefined) {
    return undefined;
  }
  const query = measureQuery(table, plan, kinds, request.catalog, where);
  const rows = await store.queryRows<unknown>(query.sql, query.params);
  const measurement = emptyMeasurement(request);
  for (const row of rows) {
    addSegment(measurement, segmentSumsSchema.parse(row), request, query);
  }
  return measurement;
}
