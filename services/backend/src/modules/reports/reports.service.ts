import { AppError, newId } from '@netra/shared';
import type { AnalysisReport, RunReport } from '@netra/shared/contracts';
import { decodeCursor, toPage } from '#platform/http/cursor.js';
import type { NewRecommendationRow } from '#modules/recommendations/recommendations.tables.js';
import type { ReportBody } from './report-body.js';
import { exportReport, type ReportExportFormat, type ReportFile } from './report-export.js';
import type { ReportsRepository } from './reports.repository.js';
import { presentReport } from './reports.schema.js';
import type { ReportRow } from './reports.tables.js';

/** What a finished run hands over: its ids, its time, and the report the Reporting agent wrote. */
export interface SaveRunReportInput {
  orgId: string;
  runId: string;
  threadId: string;
  createdAt: Date;
  /** The RunReport without id, org_id, run_id, thread_id and created_at (the agents' ReportDraft). */
  draft: ReportBody;
}

const reportNotFound = () => new AppError(404, 'not_found', 'Report not found');

/** Only the body's own fields, so nothing else the caller's object carries is stored. */
function bodyOf(draft: ReportBody): ReportBody {
  const { tier, title, goal, summary, analysis, data_request, findings, action_plan, caveats, markdown } =
    draft;
  return { tier, title, goal, summary, analysis, data_request, findings, action_plan, caveats, markdown };
}

/**
 * The opportunities the report's proven figure counts. Reports written before the plan carried
 * `proven` fall back to the same rule the engine uses: high confidence and nothing to evaluate.
 */
export function provenOpportunityIds(analysis: AnalysisReport): Set<string> {
  const proven = (analysis.plan as { proven?: { opportunity_ids?: unknown } }).proven?.opportunity_ids;
  if (Array.isArray(proven)) {
    return new Set(proven.filter((id): id is string => typeof id === 'string'));
  }
  const provable = analysis.opportunities.filter(
    (item) => item.confidence === 'high' && !item.requires_evaluation,
  );
  return new Set(provable.map((item) => item.id));
}

/** The scope's named fields only (an absent field means all of it). */
function definedScope(scope: Record<string, string | undefined>): NewRecommendationRow['scope'] {
  return Object.fromEntries(Object.entries(scope).filter(([, value]) => value !== undefined));
}

/** One proposed recommendation per opportunity of the report. */
function recommendationRows(report: ReportRow): NewRecommendationRow[] {
  const { analysis } = report.report;
  const proven = provenOpportunityIds(analysis);
  return analysis.opportunities.map((opportunity) => ({
    id: newId(),
    orgId: report.orgId,
    reportId: report.id,
    opportunityId: opportunity.id,
    kind: opportunity.kind,
    title: opportunity.title,
    scope: definedScope(opportunity.scope),
    monthlySavingsUsd: opportunity.monthly_savings_usd,
    proven: proven.has(opportunity.id),
    createdAt: report.createdAt,
    updatedAt: report.createdAt,
  }));
}

/** The reports of agent runs: stored when a run ends, read by every member, exported as files. */
export class ReportsService {
  constructor(private readonly reports: ReportsRepository) {}

  /**
   * Stores a run's report and a proposed recommendation for each of its opportunities, in one
   * transaction. Saving a run's report again (a resumed run) returns the report stored first.
   */
  async saveRunReport(input: SaveRunReportInput): Promise<{ id: string; report: RunReport }> {
    const body = bodyOf(input.draft);
    const { row } = await this.reports.insertWithRecommendations(
      {
        id: newId(),
        orgId: input.orgId,
        runId: input.runId,
        threadId: input.threadId,
        tier: body.tier,
        title: body.title,
        report: body,
        createdAt: input.createdAt,
      },
      recommendationRows,
    );
    return { id: row.id, report: presentReport(row) };
  }

  async list(
    orgId: string,
    query: { cursor?: string | undefined; limit: number; thread_id?: string | undefined },
  ) {
    const rows = await this.reports.list(orgId, {
      threadId: query.thread_id,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    return toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  async get(orgId: string, id: string): Promise<RunReport> {
    const row = await this.reports.find(orgId, id);
    if (row === undefined) {
      throw reportNotFound();
    }
    return presentReport(row);
  }

  async export(orgId: string, id: string, format: ReportExportFormat): Promise<ReportFile> {
    return exportReport(await this.get(orgId, id), format);
  }
}
