/**
 * The canonical fast load: a canonical JSON Lines file read by ClickHouse itself instead of line by
 * line in JavaScript. ClickHouse stages every line with a test of whether the JavaScript pipeline
 * would take it exactly as written (canonical-load-sql); when every line passes, no event id repeats
 * and none is stored yet, JavaScript prices the staged rows page by page with the same catalog call
 * and the same cost rule as ingestion (`rowCost`), and each priced page moves into `usage_events`
 * in one INSERT … SELECT. Otherwise nothing is stored and the caller runs the JavaScript pipeline,
 * which reports every refused line: the fast path never decides a refusal itself.
 * Used where ClickHouse can read the file: `netra analyze` on its embedded store.
 * @module
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ImportTotals } from '@netra/shared/contracts';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import type { NativeValue } from '#platform/stores/native-columns.js';
import type { ScratchDatabase } from '#modules/usage/analysis/scratch-database.js';
import { detectFormat, detectLayout } from '#modules/ingestion/formats/detect-format.js';
import { rowCost, type Pricer } from '#modules/ingestion/usage-row-builder.js';
import {
  CanonicalLoadRepository,
  type LoadStamp,
  type LoadTables,
  type PricingColumns,
} from './canonical-load.repository.js';

/** Staged lines priced per round: large enough for few queries, small enough to stay light. */
export const LOAD_PAGE_ROWS = 100_000;
/** Priced lines moved into the usage table per INSERT: each one's memory is bounded, whatever the file. */
const MOVE_ROWS = 500_000;

export interface CanonicalLoadOptions {
  orgId: string;
  pricer: Pricer;
  storePrompts: boolean;
}

export type CanonicalLoadResult = { loaded: true; totals: ImportTotals } | { loaded: false; reason: string };

/** The prices of one page as JSONCompactEachRow lines, and how many rows are unpriced. */
function pricePage(page: PricingColumns, pricer: Pricer): { lines: Buffer; unpriced: number } {
  const out: string[] = [];
  let unpriced = 0;
  const number = (column: NativeValue[], i: number) => Number(column[i]);
  for (let i = 0; i < page.line.length; i++) {
    const provider =
      page.has_provider[i] === true || page.has_provider[i] === 1 ? String(page.provider[i]) : undefined;
    const priced = pricer.price({
      provider,
      model: String(page.model[i]),
      batch: page.batch[i] === true || page.batch[i] === 1,
      timestamp: new Date(number(page.ts, i)),
      usage: {
        input_tokens: number(page.input_tokens, i),
        output_tokens: number(page.output_tokens, i),
        cache_read_tokens: number(page.cache_read_tokens, i),
        cache_write_tokens: number(page.cache_write_tokens, i),
        reasoning_tokens: number(page.reasoning_tokens, i),
        cache_write_1h_tokens: number(page.cache_write_1h_tokens, i),
        web_search_requests: number(page.web_search_requests, i),
      },
    });
    const reported = page.reported_cost_usd[i];
    const cost = rowCost(priced, reported === null || reported === undefined ? undefined : Number(reported));
    unpriced += cost.cost_usd === null ? 1 : 0;
    const row = [
      page.line[i],
      provider ?? priced.provider ?? 'unknown',
      cost.cost_usd,
      cost.cost_source,
      priced.provider ?? '',
      priced.modelId ?? '',
    ];
    out.push(`${JSON.stringify(row)}\n`);
  }
  return { lines: Buffer.from(out.join(''), 'utf8'), unpriced };
}

/** How much of a file the format detection reads. */
const HEAD_BYTES = 256 * 1024;

function headOf(file: string): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    // A character cut at the end of the head would only spoil the last, partial line.
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the file is canonical JSON Lines as the importer's own detection sees it (its head, a
 * byte-order mark dropped): the only format the fast path reads.
 */
export function isCanonicalJsonLines(file: string): boolean {
  const head = headOf(file).replace(/^\uFEFF/, '');
  const layout = detectLayout(head);
  if (layout.container !== 'jsonl') {
    return false;
  }
  try {
    return detectFormat(head, layout) === 'canonical';
  } catch {
    return false;
  }
}

export class CanonicalLoader {
  private readonly repository: CanonicalLoadRepository;

  constructor(
    private readonly store: ClickHouseStore,
    private readonly scratch: ScratchDatabase,
  ) {
    this.repository = new CanonicalLoadRepository(store);
  }

  /** Loads `file` when every line takes the fast path; otherwise stores nothing and says why. */
  async load(file: string, options: CanonicalLoadOptions): Promise<CanonicalLoadResult> {
    if (this.store.mode !== 'embedded') {
      // A ClickHouse server reads files on its own machine, not this one.
      return { loaded: false, reason: 'ClickHouse runs as a server' };
    }
    const tables: LoadTables = {
      text: this.scratch.newTable('canonical_text'),
      lines: this.scratch.newTable('canonical_lines'),
      prices: this.scratch.newTable('canonical_prices'),
    };
    try {
      await this.repository.stage(file, tables);
      const reason = await this.offFastPath(tables.lines, options.orgId);
      if (reason !== undefined) {
        return { loaded: false, reason };
      }
      return { loaded: true, totals: await this.move(file, tables, options) };
    } finally {
      for (const table of [tables.text, tables.lines, tables.prices]) {
        await this.repository.drop(table);
      }
    }
  }

  private async offFastPath(lines: string, orgId: string): Promise<string | undefined> {
    const staged = await this.repository.inspect(lines, orgId, this.store.table('usage_events'));
    if (staged.rows === 0) {
      return 'the file holds no rows';
    }
    if (staged.slow > 0) {
      return `${staged.slow} lines are not in plain canonical form`;
    }
    if (staged.repeated > 0) {
      return `${staged.repeated} event ids repeat`;
    }
    return staged.stored > 0 ? `${staged.stored} event ids are already stored` : undefined;
  }

  private async move(file: string, tables: LoadTables, options: CanonicalLoadOptions): Promise<ImportTotals> {
    const stamp: LoadStamp = {
      orgId: options.orgId,
      source: 'file:canonical',
      ingestedAtMs: Date.now(),
      storePrompts: options.storePrompts,
    };
    await this.repository.createPrices(tables.prices);
    const events = this.store.table('usage_events');
    const moved = { rows: 0, line: 0 };
    let [rows, unpriced, after] = [0, 0, 0];
    for (;;) {
      const page = await this.repository.pricingPage(tables.lines, after, LOAD_PAGE_ROWS);
      const count = page.line.length;
      if (count > 0) {
        const priced = pricePage(page, options.pricer);
        await this.repository.insertPrices(tables.prices, priced.lines);
        rows += count;
        unpriced += priced.unpriced;
        after = Number(page.line[count - 1]);
      }
      const done = count < LOAD_PAGE_ROWS;
      if (rows > moved.rows && (done || rows - moved.rows >= MOVE_ROWS)) {
        await this.repository.insertUsage(events, tables, stamp, { from: moved.line + 1, to: after });
        Object.assign(moved, { rows, line: after });
      }
      if (done) {
        break;
      }
    }
    return {
      kind: 'usage',
      format: 'canonical',
      bytes: statSync(file).size,
      rows,
      accepted: rows,
      stored: rows,
      duplicates: 0,
      unpriced,
      rejected: 0,
      skipped: {},
    };
  }
}
