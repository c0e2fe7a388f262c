/**
 * Every ClickHouse query of the billing module: billed lines in `billed_costs`, and the usage side of
 * a reconciliation (the usage module's daily cost query, run on the same store).
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { dailyUsageCostsSql, type DailyUsageCost } from '#modules/usage/usage-daily-costs.js';

/** One billed line as stored. */
export interface BilledCostRow {
  org_id: string;
  day: string;
  line_key: string;
  provider: string;
  model: string;
  priced_model: string;
  line_item: string;
  project_id: string;
  amount_usd: number;
  period_start: string;
  period_end: string | null;
  source: string;
  attributes: Record<string, string>;
  ingested_at: string;
}

/** Billed cost per day × provider × model × project, with the line items folded into it. */
export interface DailyBilledCost {
  day: string;
  provider: string;
  /** The catalog's id when it knows the model, the billed name lowercased otherwise; '' when not itemised. */
  model: string;
  project: string;
  billed_cost_usd: number;
  line_items: string[];
}

type BilledQueryRow = Omit<DailyBilledCost, 'day' | 'provider' | 'model'> & {
  billed_day: string;
  billed_provider: string;
  model_key: string;
};

/** Whole UTC days `[from, to)`, `YYYY-MM-DD`; an open end is unbounded. */
export interface DayRange {
  from?: string | undefined;
  to?: string | undefined;
}

const COLUMNS = [
  'org_id',
  'day',
  'line_key',
  'provider',
  'model',
  'priced_model',
  'line_item',
  'project_id',
  'amount_usd',
  'period_start',
  'period_end',
  'source',
  'attributes',
  'ingested_at',
] as const;

/** ISO-8601 UTC text as ClickHouse reads DateTime64 in JSON rows. */
function clickHouseTime(iso: string): string {
  return iso.replace('T', ' ').replace('Z', '');
}

function encode(rows: readonly BilledCostRow[]): Buffer {
  const lines = rows.map((row) => {
    const times = {
      period_start: clickHouseTime(row.period_start),
      period_end: row.period_end === null ? null : clickHouseTime(row.period_end),
      ingested_at: clickHouseTime(row.ingested_at),
    };
    const values = { ...row, ...times };
    return JSON.stringify(COLUMNS.map((column) => values[column]));
  });
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The billing module's store access. */
export class BillingRepository {
  readonly #store: ClickHouseStore;
  readonly #billed: string;
  readonly #events: string;

  constructor(store: ClickHouseStore) {
    this.#store = store;
    this.#billed = store.table('billed_costs');
    this.#events = store.table('usage_events');
  }

  /** Stores billed lines; a line stored before under the same key is replaced by this one. */
  async insert(rows: readonly BilledCostRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await this.#store.insertCompactJson(this.#billed, COLUMNS, encode(rows));
  }

  /** Billed cost of an organization per day × provider × model × project over whole days. */
  async dailyBilled(orgId: string, range: DayRange): Promise<DailyBilledCost[]> {
    const conditions = ['org_id = {org_id:String}'];
    if (range.from !== undefined) {
      conditions.push('day >= {from:Date}');
    }
    if (range.to !== undefined) {
      conditions.push('day < {to:Date}');
    }
    // Output names differ from the columns: an alias named like a column would replace it in WHERE.
    const rows = await this.#store.queryRows<BilledQueryRow>(
      "SELECT toString(day) AS billed_day, provider AS billed_provider, if(priced_model != '', priced_model, " +
        'lower(model)) AS model_key, project_id AS project, sum(amount_usd) AS billed_cost_usd, ' +
        'arraySort(groupUniqArray(line_item)) AS line_items ' +
        `FROM ${this.#billed} FINAL WHERE ${conditions.join(' AND ')} ` +
        'GROUP BY billed_day, billed_provider, model_key, project ORDER BY billed_day, billed_provider, model_key, project',
      { org_id: orgId, from: range.from, to: range.to },
    );
    return rows.map(({ billed_day: day, billed_provider: provider, model_key: model, ...row }) => ({
      ...row,
      day,
      provider,
      model,
    }));
  }

  /** Netra's cost of the organization's usage per day × provider × model × project over whole days. */
  async dailyUsage(orgId: string, range: DayRange): Promise<DailyUsageCost[]> {
    const query = dailyUsageCostsSql(this.#events, {
      orgId,
      from: range.from === undefined ? undefined : new Date(`${range.from}T00:00:00Z`),
      to: range.to === undefined ? undefined : new Date(`${range.to}T00:00:00Z`),
    });
    return this.#store.queryRows<DailyUsageCost>(query.sql, query.params);
  }
}
