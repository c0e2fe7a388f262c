/**
 * Usage events in ClickHouse: the write path the UsageWriter drives (duplicate check, insert of
 * encoded rows), the raw insert path, and the read model. Every read takes the organization as a
 * required argument, binds every user value as a `{name:Type}` parameter, and reads with FINAL so
 * an event stored twice by racing writers still counts once.
 * @module
 */
import type { UsageRow } from './usage-row.js';
import {
  isTransientClickHouseError,
  type ClickHouseStore,
  type QueryParams,
} from '#platform/stores/clickhouse.js';
import {
  decodeUsageRow,
  encodeUsageRows,
  toClickHouseTime,
  USAGE_COLUMNS,
  wellFormed,
  type StoredUsageRecord,
} from './usage-row-codec.js';

/** A half-open time window `[from, to)`; an open end is unbounded. */
export interface TimeRange {
  from?: Date;
  to?: Date;
}

export interface ListEventsOptions extends TimeRange {
  /** At most this many events, oldest first (default 1,000, capped at 10,000). */
  limit?: number;
}

/** Requests, cost and unpriced requests of one slice of usage. */
export interface CostFigures {
  requests: number;
  /** Netra's cost of the priced requests. */
  cost_usd: number;
  /** Requests whose model the catalog does not know; their cost is unknown, not zero. */
  unpriced_requests: number;
}

/** An organization's spend over a window, in total and by model and feature (largest first). */
export interface CostSummary {
  requests: number;
  total_cost_usd: number;
  unpriced_requests: number;
  by_model: (CostFigures & { provider: string; model: string })[];
  by_feature: (CostFigures & { feature: string })[];
}

/** What identifies a stored event for the duplicate check; the organization is part of every key. */
export type UsageEventRef = Pick<UsageRow, 'org_id' | 'event_id' | 'timestamp'>;

/** Event ids per organization. */
export type EventIdsByOrg = Map<string, Set<string>>;

const DEFAULT_LIMIT = 1_000;
const MAX_LIMIT = 10_000;
const SELECT_COLUMNS = USAGE_COLUMNS.join(', ');
const DATETIME = "DateTime64(3, 'UTC')";
const MINUTE_MS = 60_000;
// Qualified as e.cost_usd: unqualified, the name would resolve to the output alias, an aggregate.
const FIGURES =
  'count() AS requests, ifNull(sum(e.cost_usd), 0) AS cost_usd, countIf(e.cost_usd IS NULL) AS unpriced_requests';

interface Scope {
  where: string;
  params: QueryParams;
}

/** The organization filter (always) and the time window (when given), as SQL with parameters. */
function scope(orgId: string, range: TimeRange = {}): Scope {
  const conditions = ['org_id = {org_id:String}'];
  const params: QueryParams = { org_id: orgId };
  if (range.from !== undefined) {
    conditions.push(`timestamp >= {from:${DATETIME}}`);
    params.from = toClickHouseTime(range.from);
  }
  if (range.to !== undefined) {
    conditions.push(`timestamp < {to:${DATETIME}}`);
    params.to = toClickHouseTime(range.to);
  }
  return { where: conditions.join(' AND '), params };
}

/**
 * Per organization, each id in its stored form (broken surrogates replaced, as the encoder stores
 * them; JSONExtract would also refuse the whole list over one) mapped to the id as given.
 */
function askedIds(events: readonly UsageEventRef[]): Map<string, Map<string, string>> {
  const byOrg = new Map<string, Map<string, string>>();
  for (const { org_id, event_id } of events) {
    const ids = byOrg.get(org_id) ?? new Map<string, string>();
    byOrg.set(org_id, ids);
    ids.set(wellFormed(event_id), event_id);
  }
  return byOrg;
}

function duplicateCheckParams(
  events: readonly UsageEventRef[],
  asked: Map<string, Map<string, string>>,
): QueryParams {
  return {
    org_ids: [...asked.keys()],
    // Math.trunc matches intDiv, which rounds toward zero before 1970 too.
    minutes: [...new Set(events.map((event) => Math.trunc(event.timestamp.getTime() / MINUTE_MS)))],
    event_ids: JSON.stringify([...new Set([...asked.values()].flatMap((ids) => [...ids.keys()]))]),
  };
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
}

/** Reads and writes `usage_events`; the only module that knows its SQL. */
export class UsageRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
  }

  /**
   * The rows as the insert path wants them; encoding happens as rows arrive, not when a batch flushes.
   * @throws AppError 400 `unstorable_usage_row` when ClickHouse could not store a row as given.
   */
  encodeRows(rows: readonly UsageRow[]): Buffer {
    return encodeUsageRows(rows);
  }

  /** Whether retrying a failed call may succeed. */
  isTransientError(error: unknown): boolean {
    return isTransientClickHouseError(error);
  }

  /** Inserts encoded rows as they are, without a duplicate check. */
  async insertEncoded(encoded: Buffer): Promise<void> {
    await this.#store.insertCompactJson(this.#events, USAGE_COLUMNS, encoded);
  }

  /** The raw insert path (no duplicate check, no batching): the reference rate for benchmarks. */
  async insertRows(rows: readonly UsageRow[]): Promise<void> {
    await this.insertEncoded(encodeUsageRows(rows));
  }

  /**
   * Which of `events` are already stored, as ids per organization: one query for a whole batch,
   * each answer matched back to the exact (organization, id) asked for, so one organization's id
   * never marks another's event. A re-sent event repeats its timestamp, so only the minutes the
   * batch covers are read (the primary key skips the rest).
   */
  async storedEventIds(events: readonly UsageEventRef[]): Promise<EventIdsByOrg> {
    if (events.length === 0) {
      return new Map();
    }
    const asked = askedIds(events);
    const rows = await this.#store.queryRows<{ org_id: string; event_id: string }>(
      `SELECT DISTINCT org_id, event_id FROM ${this.#events} WHERE org_id IN {org_ids:Array(String)} ` +
        `AND intDiv(toUnixTimestamp64Milli(timestamp), ${MINUTE_MS}) IN {minutes:Array(Int64)} ` +
        // One JSON text binds ~3x faster than an Array(String) parameter of the same ids.
        "AND event_id IN (SELECT arrayJoin(JSONExtract({event_ids:String}, 'Array(String)')))",
      duplicateCheckParams(events, asked),
    );
    const found: EventIdsByOrg = new Map();
    for (const row of rows) {
      const given = asked.get(row.org_id)?.get(row.event_id);
      if (given !== undefined) {
        found.set(row.org_id, (found.get(row.org_id) ?? new Set<string>()).add(given));
      }
    }
    return found;
  }

  /**
   * The newest stored event time per organization (ms since epoch), for the writer's duplicate
   * watermark; organizations without events are absent.
   */
  async latestEventTimes(orgIds: readonly string[]): Promise<Map<string, number>> {
    if (orgIds.length === 0) {
      return new Map();
    }
    const rows = await this.#store.queryRows<{ org_id: string; latest: number }>(
      `SELECT org_id, toUnixTimestamp64Milli(max(timestamp)) AS latest FROM ${this.#events} ` +
        'WHERE org_id IN {org_ids:Array(String)} GROUP BY org_id',
      { org_ids: [...orgIds] },
    );
    return new Map(rows.map((row) => [row.org_id, row.latest]));
  }

  /** How many events the organization has in the window. */
  async countEvents(orgId: string, range?: TimeRange): Promise<number> {
    const { where, params } = scope(orgId, range);
    const [row] = await this.#store.queryRows<{ events: number }>(
      `SELECT count() AS events FROM ${this.#events} FINAL WHERE ${where}`,
      params,
    );
    return row?.events ?? 0;
  }

  /** The organization's events in the window, oldest first. */
  async listEvents(orgId: string, options: ListEventsOptions = {}): Promise<UsageRow[]> {
    const { where, params } = scope(orgId, options);
    const records = await this.#store.queryRows<StoredUsageRecord>(
      `SELECT ${SELECT_COLUMNS} FROM ${this.#events} FINAL WHERE ${where} ` +
        'ORDER BY timestamp, event_id LIMIT {limit:UInt32}',
      { ...params, limit: clampLimit(options.limit) },
    );
    return records.map(decodeUsageRow);
  }

  /** The organization's events with these ids, oldest first; ids it does not have are absent. */
  async findEventsById(orgId: string, eventIds: readonly string[]): Promise<UsageRow[]> {
    if (eventIds.length === 0) {
      return [];
    }
    const { where, params } = scope(orgId);
    const records = await this.#store.queryRows<StoredUsageRecord>(
      `SELECT ${SELECT_COLUMNS} FROM ${this.#events} FINAL WHERE ${where} ` +
        'AND event_id IN {event_ids:Array(String)} ORDER BY timestamp, event_id',
      { ...params, event_ids: [...eventIds] },
    );
    return records.map(decodeUsageRow);
  }

  /** The organization's spend in the window: totals, by provider and model, by feature. */
  async costSummary(orgId: string, range: TimeRange): Promise<CostSummary> {
    const { where, params } = scope(orgId, range);
    const from = `FROM ${this.#events} AS e FINAL WHERE ${where}`;
    const order = 'ORDER BY cost_usd DESC, requests DESC';
    const [totals, byModel, byFeature] = await Promise.all([
      this.#store.queryRows<CostFigures>(`SELECT ${FIGURES} ${from}`, params),
      this.#store.queryRows<CostSummary['by_model'][number]>(
        `SELECT provider, model, ${FIGURES} ${from} GROUP BY provider, model ${order}, provider, model`,
        params,
      ),
      this.#store.queryRows<CostSummary['by_feature'][number]>(
        `SELECT feature, ${FIGURES} ${from} GROUP BY feature ${order}, feature`,
        params,
      ),
    ]);
    const total = totals[0] ?? { requests: 0, cost_usd: 0, unpriced_requests: 0 };
    return {
      requests: total.requests,
      total_cost_usd: total.cost_usd,
      unpriced_requests: total.unpriced_requests,
      by_model: byModel,
      by_feature: byFeature,
    };
  }
}
