/**
 * Usage events in ClickHouse: the write path the UsageWriter drives (duplicate check, insert of
 * encoded rows), the raw insert path, and the read model. Every read takes the organization as a
 * required argument, binds every user value as a `{name:Type}` parameter, and selects through
 * usage-scope (one half-open window rule, FINAL so an event stored twice still counts once). The
 * engine's analysis queries on the same table live beside it (usage-analysis-source).
 * @module
 */
import type { UsageRow } from './usage-row.js';
import {
  isTransientClickHouseError,
  type ClickHouseStore,
  type QueryParams,
} from '#platform/stores/clickhouse.js';
import type { CostSummary } from '@netra/optimizer';
import { costSummarySql, toCostSummary, type CostRow } from './usage-cost-summary.js';
import {
  decodeUsageRow,
  encodeUsageRows,
  USAGE_COLUMNS,
  wellFormed,
  type StoredUsageRecord,
} from './usage-row-codec.js';
import { scopedFrom, type TimeRange } from './usage-scope.js';

export type { TimeRange } from './usage-scope.js';
export type { CostFigures, CostSummary } from '@netra/optimizer';

export interface ListEventsOptions extends TimeRange {
  /** At most this many events, oldest first (default 1,000, capped at 10,000). */
  limit?: number;
}

/** What identifies a stored event for the duplicate check; the organization is part of every key. */
export type UsageEventRef = Pick<UsageRow, 'org_id' | 'event_id' | 'timestamp'>;

/** Event ids per organization. */
export type EventIdsByOrg = Map<string, Set<string>>;

const DEFAULT_LIMIT = 1_000;
const MAX_LIMIT = 10_000;
const SELECT_COLUMNS = USAGE_COLUMNS.join(', ');
const MINUTE_MS = 60_000;
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
  async countEvents(orgId: string, range: TimeRange = {}): Promise<number> {
    const from = scopedFrom(this.#events, { orgId, ...range });
    const [row] = await this.#store.queryRows<{ events: number }>(
      `SELECT count() AS events ${from.sql}`,
      from.params,
    );
    return row?.events ?? 0;
  }

  /** The organization's events in the window, oldest first. */
  async listEvents(orgId: string, options: ListEventsOptions = {}): Promise<UsageRow[]> {
    const from = scopedFrom(this.#events, { orgId, from: options.from, to: options.to });
    const records = await this.#store.queryRows<StoredUsageRecord>(
      `SELECT ${SELECT_COLUMNS} ${from.sql} ORDER BY timestamp, event_id LIMIT {limit:UInt32}`,
      { ...from.params, limit: clampLimit(options.limit) },
    );
    return records.map(decodeUsageRow);
  }

  /** The organization's events with these ids, oldest first; ids it does not have are absent. */
  async findEventsById(orgId: string, eventIds: readonly string[]): Promise<UsageRow[]> {
    if (eventIds.length === 0) {
      return [];
    }
    const from = scopedFrom(
      this.#events,
      { orgId },
      { extraCondition: 'event_id IN {event_ids:Array(String)}' },
    );
    const records = await this.#store.queryRows<StoredUsageRecord>(
      `SELECT ${SELECT_COLUMNS} ${from.sql} ORDER BY timestamp, event_id`,
      { ...from.params, event_ids: [...eventIds] },
    );
    return records.map(decodeUsageRow);
  }

  /**
   * The organization's spend in the window: totals, by provider and model, by feature, each list
   * largest first. The engine's baseline reads the same figures (through the analysis source).
   * `distinctEvents`: see UsageScope.
   */
  async costSummary(orgId: string, range: TimeRange, distinctEvents = false): Promise<CostSummary> {
    const query = costSummarySql(this.#events, { orgId, ...range, distinctEvents });
    return toCostSummary(await this.#store.queryRows<CostRow>(query.sql, query.params));
  }
}
