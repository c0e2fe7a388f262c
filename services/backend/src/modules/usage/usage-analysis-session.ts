/**
 * One analysis's view of the usage (UsageSource.openAnalysis): the per-request flags of its scope
 * are computed once into a scratch table when it opens, and the profile's flag aggregates, every
 * measuring pass (one aggregate query, measure-in-store) and any per-request pass read that table,
 * instead of running the window queries once for each. The other reads go to the source as usual.
 * close() drops the table.
 * @module
 */
import type {
  AnalysisScope,
  AnalysisSettings,
  AnalyzedRequest,
  CostSummary,
  Measurement,
  MeasureRequest,
  SegmentFigures,
  SegmentFlags,
  SegmentKey,
  UsageAnalysis,
  UsageSource,
  UsageTotals,
} from '@netra/optimizer';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { pagedRequests } from './analysis/analyzed-requests.js';
import { measureInStore } from './analysis/measure-in-store.js';
import { flagSegmentRowSchema } from './analysis/profile-rows.js';
import { flagSegmentsOfTableSql } from './analysis/profile-sql.js';

export class UsageAnalysisSession implements UsageAnalysis {
  constructor(
    private readonly source: UsageSource,
    private readonly store: ClickHouseStore,
    /** The scratch table of the scope's requests with their flags (materializeRequestFlags). */
    private readonly flagsTable: string,
    private readonly settings: AnalysisSettings,
  ) {}

  totals(scope: AnalysisScope): Promise<UsageTotals> {
    return this.source.totals(scope);
  }

  segmentFigures(scope: AnalysisScope): Promise<SegmentFigures[]> {
    return this.source.segmentFigures(scope);
  }

  costSummary(scope: AnalysisScope): Promise<CostSummary> {
    return this.source.costSummary(scope);
  }

  /** The flags were computed for the session's scope and settings; the arguments are that scope. */
  async segmentFlags(): Promise<SegmentFlags[]> {
    const query = flagSegmentsOfTableSql(this.flagsTable, this.settings);
    const rows = await this.store.queryRows<unknown>(query.sql, query.params);
    return rows.map((row) => flagSegmentRowSchema.parse(row));
  }

  analyzedRequests(
    _scope: AnalysisScope,
    _settings: AnalysisSettings,
    segments?: readonly SegmentKey[],
  ): AsyncIterable<Iterable<AnalyzedRequest>> {
    return pagedRequests(this.store, this.flagsTable, segments);
  }

  /** In ClickHouse over the flags table, when the candidates' changes all have rules. */
  measure(
    _scope: AnalysisScope,
    _settings: AnalysisSettings,
    request: MeasureRequest,
  ): Promise<Measurement | undefined> {
    return measureInStore(this.store, this.flagsTable, request);
  }

  async close(): Promise<void> {
    await this.store.command(`DROP TABLE IF EXISTS ${this.flagsTable}`);
  }
}
