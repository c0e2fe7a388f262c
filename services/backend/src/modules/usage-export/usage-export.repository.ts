/**
 * The usage export's reads of `usage_events`, both through usage-scope (one organization, the
 * half-open window, FINAL so an event stored twice is exported once):
 * - `eventPages`: the events, oldest first, a bounded page at a time: the window is cut into time
 *   slices of about a page (from the events per hour), each read in pages that resume after the last
 *   (timestamp, event_id) returned, a keyset on the table's sorting key. Memory is one page whatever
 *   the period, each query scans its own slice, and an abandoned export asks for no further page.
 * - `eventSpan`: where in the window the events are, so empty stretches of a long period cost nothing.
 * - `dailyGroups`: a window's spend and tokens per UTC day × provider × model × feature × cost source
 *   × batch. Costs are summed as Decimal128(18) — exact and independent of summation order — and
 *   read as text, so the FOCUS rows can split them without a rounding error.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { decodeUsageRow, USAGE_COLUMNS, type StoredUsageRecord } from '#modules/usage/usage-row-codec.js';
import { scopedFrom, type UsageScope } from '#modules/usage/usage-scope.js';
import { timeSlices, type HourCount } from './time-slices.js';

/** One day × provider × model × feature × cost source × batch of usage; tokens by the kind billed. */
export interface DailyUsageGroup {
  day: string;
  /** The catalog's provider and model id when priced; as the events named them otherwise. */
  provider: string;
  model: string;
  feature: string;
  cost_source: string;
  batch: boolean;
  requests: number;
  /** Input tokens neither read from nor written to a cache. */
  input: number;
  cache_read: number;
  /** 5-minute cache writes. */
  cache_write: number;
  cache_write_1h: number;
  /** Output tokens other than reasoning. */
  output: number;
  reasoning: number;
  web_search: number;
  /** Decimal text, 18 places; '0' when no event of the group has a cost. */
  cost_decimal: string;
  /** Events of the group without a cost (unpriced). */
  unpriced_requests: number;
}

/** The page position: the last event returned. */
interface Cursor {
  ms: number;
  eventId: string;
}

const HOUR_MS = 3_600_000;

const GROUP_COLUMNS = [
  "toString(toDate(timestamp, 'UTC')) AS day",
  "if(priced_provider != '', priced_provider, provider) AS provider_key",
  "if(priced_model != '', priced_model, lower(model)) AS model_key",
  'feature',
  'toString(cost_source) AS cost_source',
  'batch',
  'sum(request_count) AS requests',
  'sum(input_tokens - cache_read_tokens - cache_write_tokens) AS input',
  'sum(cache_read_tokens) AS cache_read',
  'sum(cache_write_tokens - cache_write_1h_tokens) AS cache_write',
  'sum(cache_write_1h_tokens) AS cache_write_1h',
  'sum(output_tokens - reasoning_tokens) AS output',
  'sum(reasoning_tokens) AS reasoning',
  'sum(web_search_requests) AS web_search',
  'toString(sum(toDecimal128(ifNull(cost_usd, 0), 18))) AS cost_decimal',
  'sumIf(request_count, cost_usd IS NULL) AS unpriced_requests',
].join(', ');

const GROUP_KEY = 'day, provider_key, model_key, feature, cost_source, batch';

const AFTER_CURSOR =
  "(timestamp > fromUnixTimestamp64Milli({after_ms:Int64}, 'UTC') OR " +
  "(timestamp = fromUnixTimestamp64Milli({after_ms:Int64}, 'UTC') AND event_id > {after_id:String}))";

/** The export's reads of `usage_events`. */
export class UsageExportRepository {
  readonly #store: ClickHouseStore;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#events = store.table('usage_events');
  }

  /**
   * The scope's events, oldest first (then by id), about `pageSize` at a time: the window is cut into
   * time slices of about a page each (from the events per hour), and each slice is read in keyset
   * pages, so every query scans its own slice only.
   */
  async *eventPages(scope: UsageScope, pageSize: number): AsyncGenerator<UsageRow[]> {
    const hours = await this.#hourCounts(scope);
    const first = hours[0];
    const last = hours.at(-1);
    if (first === undefined || last === undefined) {
      return;
    }
    const window = {
      from: scope.from ?? new Date(first.hour),
      to: scope.to ?? new Date(last.hour + HOUR_MS),
    };
    for (const slice of timeSlices(hours, pageSize, window.from, window.to)) {
      yield* this.#keysetPages({ orgId: scope.orgId, ...slice }, pageSize);
    }
  }

  async #hourCounts(scope: UsageScope): Promise<HourCount[]> {
    const from = scopedFrom(this.#events, scope);
    return this.#store.queryRows<HourCount>(
      `SELECT intDiv(toUnixTimestamp64Milli(timestamp), ${HOUR_MS}) * ${HOUR_MS} AS hour, count() AS events ` +
        `${from.sql} GROUP BY hour ORDER BY hour`,
      from.params,
    );
  }

  async *#keysetPages(scope: UsageScope, pageSize: number): AsyncGenerator<UsageRow[]> {
    let cursor: Cursor | undefined;
    for (;;) {
      const page = await this.#page(scope, pageSize, cursor);
      if (page.length > 0) {
        yield page;
      }
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) {
        return;
      }
      cursor = { ms: last.timestamp.getTime(), eventId: last.event_id };
    }
  }

  async #page(scope: UsageScope, pageSize: number, cursor: Cursor | undefined): Promise<UsageRow[]> {
    const from = scopedFrom(
      this.#events,
      scope,
      cursor === undefined ? {} : { extraCondition: AFTER_CURSOR },
    );
    const records = await this.#store.queryRows<StoredUsageRecord>(
      `SELECT ${USAGE_COLUMNS.join(', ')} ${from.sql} ORDER BY timestamp, event_id LIMIT {page_size:UInt32}`,
      {
        ...from.params,
        page_size: pageSize,
        ...(cursor === undefined ? {} : { after_ms: cursor.ms, after_id: cursor.eventId }),
      },
    );
    return records.map(decodeUsageRow);
  }

  /**
   * The scope's first event time and just after its last (a half-open window holding them all);
   * null when it has none. Lets a long, mostly empty period be read only where it has usage.
   */
  async eventSpan(scope: UsageScope): Promise<{ from: Date; to: Date } | null> {
    const from = scopedFrom(this.#events, scope);
    const [row] = await this.#store.queryRows<{ events: number; first: number; last: number }>(
      'SELECT count() AS events, toUnixTimestamp64Milli(min(timestamp)) AS first, ' +
        `toUnixTimestamp64Milli(max(timestamp)) AS last ${from.sql}`,
      from.params,
    );
    return row === undefined || row.events === 0
      ? null
      : { from: new Date(row.first), to: new Date(row.last + 1) };
  }

  /** The scope's usage per day × provider × model × feature × cost source × batch, in that order. */
  async dailyGroups(scope: UsageScope): Promise<DailyUsageGroup[]> {
    const from = scopedFrom(this.#events, scope);
    // The outer select renames the keys: an alias equal to a column name it reads would be cyclic.
    return this.#store.queryRows<DailyUsageGroup>(
      `SELECT * EXCEPT (provider_key, model_key), provider_key AS provider, model_key AS model ` +
        `FROM (SELECT ${GROUP_COLUMNS} ${from.sql} GROUP BY ${GROUP_KEY}) ORDER BY ${GROUP_KEY}`,
      from.params,
    );
  }
}
