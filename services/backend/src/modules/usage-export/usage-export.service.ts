/**
 * Usage exports of an organization, streamed: the stored events as CSV, or FinOps FOCUS rows.
 * Each export is an async iterable of CSV text produced as the consumer reads it, a bounded page
 * (or window of days) at a time; when the consumer stops (the client went away) the iterable is
 * closed and no further query is made.
 * @module
 */
import type { ListPrices, PriceCatalog } from '@netra/optimizer';
import { stringify } from 'csv-stringify/sync';
import { eventCsvHeader, eventCsvLines } from './event-csv.js';
import { focusRows } from './focus-export.js';
import { FOCUS_COLUMNS } from './focus-rows.js';
import type { UsageExportQuery } from './usage-export.schema.js';
import type { UsageExportRepository } from './usage-export.repository.js';

export interface UsageExportOptions {
  /** Events read per query of a CSV export. */
  pageSize: number;
  /** Days read per query of a FOCUS export. */
  daysPerQuery: number;
}

/** An export ready to stream. */
export interface UsageExport {
  filename: string;
  contentType: string;
  body: AsyncIterable<string>;
}

const DEFAULT_OPTIONS: UsageExportOptions = { pageSize: 5_000, daysPerQuery: 7 };

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export class UsageExportService {
  readonly #repository: UsageExportRepository;
  readonly #catalog: Pick<PriceCatalog, 'resolve'>;
  readonly #options: UsageExportOptions;
  #open = 0;

  constructor(
    repository: UsageExportRepository,
    catalog: Pick<PriceCatalog, 'resolve'>,
    options: Partial<UsageExportOptions> = {},
  ) {
    this.#repository = repository;
    this.#catalog = catalog;
    this.#options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Exports being streamed right now (an abandoned one is closed, not counted). */
  get openExports(): number {
    return this.#open;
  }

  /** The organization's usage in `[from, to)` in the asked format. */
  export(orgId: string, query: UsageExportQuery): UsageExport {
    const name = `netra-usage-${query.format}-${day(query.from)}-${day(query.to)}.csv`;
    const body = query.format === 'csv' ? this.#eventCsv(orgId, query) : this.#focusCsv(orgId, query);
    return { filename: name, contentType: 'text/csv; charset=utf-8', body: this.#counted(body) };
  }

  async *#counted(body: AsyncGenerator<string>): AsyncGenerator<string> {
    this.#open += 1;
    try {
      yield* body;
    } finally {
      this.#open -= 1;
    }
  }

  async *#eventCsv(orgId: string, query: UsageExportQuery): AsyncGenerator<string> {
    yield eventCsvHeader();
    const scope = { orgId, from: query.from, to: query.to };
    for await (const page of this.#repository.eventPages(scope, this.#options.pageSize)) {
      yield eventCsvLines(page);
    }
  }

  async *#focusCsv(orgId: string, query: UsageExportQuery): AsyncGenerator<string> {
    yield stringify([[...FOCUS_COLUMNS]]);
    const rows = focusRows(this.#repository, {
      orgId,
      from: query.from,
      to: query.to,
      daysPerQuery: this.#options.daysPerQuery,
      listPrices: (provider, model) => this.#listPrices(provider, model),
    });
    for await (const batch of rows) {
      if (batch.length > 0) {
        yield stringify(batch.map((row) => FOCUS_COLUMNS.map((column) => row[column])));
      }
    }
  }

  #listPrices(provider: string, model: string): ListPrices | null {
    return this.#catalog.resolve(model, provider)?.prices ?? null;
  }
}
