/**
 * The optimization engine's UsageSource, implemented over the backend's ClickHouse store: the
 * engine asks for typed aggregates and request streams, and the SQL on `usage_events` stays in this
 * module (analysis/*-sql beside the usage repository, one window rule from usage-scope). The
 * service and `netra analyze` both analyze through it. Intermediate tables go to the scratch
 * database, never to the application database.
 * @module
 */
import type {
  AnalysisScope,
  AnalysisSettings,
  AnalyzedRequest,
  CostSummary,
  SegmentFigures,
  SegmentFlags,
  UsageAnalysis,
  UsageSource,
  UsageTotals,
} from '@netra/optimizer';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { analyzedRequests, materializeRequestFlags } from './analysis/analyzed-requests.js';
import { plainSegmentRowSchema, totalsRowSchema } from './analysis/profile-rows.js';
import { plainSegmentsSql, totalsSql } from './analysis/profile-sql.js';
import { ScratchDatabase } from './analysis/scratch-database.js';
import type { SqlQuery, UsageScope } from './usage-scope.js';
import { UsageAnalysisSession } from './usage-analysis-session.js';
import { UsageRepository } from './usage.repository.js';

/** How an analysis may read, when its owner knows more about the store and the process than a server can. */
export interface AnalysisReads {
  /** The store holds each event once (UsageScope.distinctEvents): every read skips FINAL. */
  distinctEvents?: boolean;
  /** The process is the analysis's alone: the flags' joins may hold a slice in memory. */
  joinsInMemory?: boolean;
}

export class UsageAnalysisSource implements UsageSource {
  readonly scratch: ScratchDatabase;
  readonly #events: string;

  constructor(
    private readonly store: ClickHouseStore,
    private readonly usage: UsageRepository = new UsageRepository(store),
    scratch: ScratchDatabase = new ScratchDatabase(store),
    private readonly reads: AnalysisReads = {},
  ) {
    this.#events = store.table('usage_events');
    this.scratch = scratch;
  }

  /** The same source, reading as `reads` says (`netra analyze`, which has its store and process to itself). */
  withReads(reads: AnalysisReads): UsageAnalysisSource {
    return new UsageAnalysisSource(this.store, this.usage, this.scratch, reads);
  }

  #scoped(scope: AnalysisScope): UsageScope {
    return { ...scope, distinctEvents: this.reads.distinctEvents === true };
  }

  async totals(scope: AnalysisScope): Promise<UsageTotals> {
    // An aggregate without GROUP BY always answers one row, with zero requests for an empty scope.
    const [totals] = await this.#rows(totalsSql(this.#events, this.#scoped(scope)), (row) =>
      totalsRowSchema.parse(row),
    );
    if (totals === undefined) {
      throw new Error('the totals query answered no row');
    }
    return totals;
  }

  segmentFigures(scope: AnalysisScope): Promise<SegmentFigures[]> {
    return this.#rows(plainSegmentsSql(this.#events, this.#scoped(scope)), (row) =>
      plainSegmentRowSchema.parse(row),
    );
  }

  /**
   * Through a session of its own: the flags are computed slice by slice into a table (bounded
   * memory at any volume) and summed there, exactly as an analysis sums them.
   */
  async segmentFlags(scope: AnalysisScope, settings: AnalysisSettings): Promise<SegmentFlags[]> {
    const session = await this.openAnalysis(scope, settings);
    try {
      return await session.segmentFlags(scope, settings);
    } finally {
      await session.close();
    }
  }

  costSummary(scope: AnalysisScope): Promise<CostSummary> {
    return this.usage.costSummary(
      scope.orgId,
      { from: scope.from, to: scope.to },
      this.reads.distinctEvents === true,
    );
  }

  analyzedRequests(
    scope: AnalysisScope,
    settings: AnalysisSettings,
  ): AsyncIterable<Iterable<AnalyzedRequest>> {
    return analyzedRequests(this.#context(), this.#scoped(scope), settings);
  }

  /** A session for one analysis: the scope's per-request flags computed once (usage-analysis-session). */
  async openAnalysis(scope: AnalysisScope, settings: AnalysisSettings): Promise<UsageAnalysis> {
    const table = await materializeRequestFlags(this.#context(), this.#scoped(scope), settings);
    return new UsageAnalysisSession(this, this.store, table, settings);
  }

  #context() {
    return {
      store: this.store,
      events: this.#events,
      scratch: this.scratch,
      joinsInMemory: this.reads.joinsInMemory,
    };
  }

  async #rows<T>(query: SqlQuery, parse: (row: unknown) => T): Promise<T[]> {
    const rows = await this.store.queryRows<unknown>(query.sql, query.params);
    return rows.map(parse);
  }
}

/**
 * The analysis source of an opened store, its scratch database cleaned (call once per store
 * opening: by the backend's composition and by `netra analyze`).
 */
export async function openUsageAnalysis(
  store: ClickHouseStore,
  usage: UsageRepository = new UsageRepository(store),
): Promise<UsageAnalysisSource> {
  const source = new UsageAnalysisSource(store, usage);
  await source.scratch.reset();
  return source;
}
