import { AppError } from '@netra/shared';
import type { RealizedSavings, Recommendation, UpdateRecommendationBody } from '@netra/shared/contracts';
import { decodeCursor, toPage } from '#platform/http/cursor.js';
import { measuredScope, realizedSavings, realizedWindows } from './realized-savings.js';
import type { RealizedUsageRepository } from './realized-usage.repository.js';
import type { RecommendationChange, RecommendationsRepository } from './recommendations.repository.js';
import { presentRecommendation, type RecommendationListQuery } from './recommendations.schema.js';
import type { RecommendationRow } from './recommendations.tables.js';

const recommendationNotFound = () => new AppError(404, 'not_found', 'Recommendation not found');

/** From proposed it is applied or dismissed; from either it goes back to proposed, and only there. */
function changeFor(row: RecommendationRow, body: UpdateRecommendationBody, now: Date): RecommendationChange {
  const allowed = row.status === 'proposed' ? body.status !== 'proposed' : body.status === 'proposed';
  if (!allowed) {
    const target = row.status === 'proposed' ? 'applied or dismissed' : 'proposed';
    throw new AppError(
      400,
      'invalid_transition',
      `body.status: a ${row.status} recommendation can only become ${target}`,
      {
        field: 'body.status',
      },
    );
  }
  switch (body.status) {
    case 'applied':
      return { status: 'applied', appliedAt: appliedAt(body.applied_at, now), dismissedReason: null };
    case 'dismissed':
      return { status: 'dismissed', appliedAt: null, dismissedReason: body.reason };
    case 'proposed':
      return { status: 'proposed', appliedAt: null, dismissedReason: null };
  }
}

function appliedAt(text: string, now: Date): Date {
  const date = new Date(text);
  if (date.getTime() > now.getTime()) {
    throw new AppError(400, 'validation_failed', 'body.applied_at: must not be in the future', {
      field: 'body.applied_at',
    });
  }
  return date;
}

/**
 * The recommendations of stored reports: every member reads them; a member marks one applied (from
 * a date, when its realized savings start being measured) or dismissed (with why), or back to proposed.
 */
export class RecommendationsService {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly usage: RealizedUsageRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(orgId: string, query: RecommendationListQuery) {
    const rows = await this.recommendations.list(orgId, {
      status: query.status,
      reportId: query.report_id,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const page = toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
    return {
      items: await Promise.all(page.items.map((row) => this.present(row))),
      nextCursor: page.nextCursor,
    };
  }

  async get(orgId: string, id: string): Promise<Recommendation> {
    return this.present(await this.find(orgId, id));
  }

  async update(orgId: string, id: string, body: UpdateRecommendationBody): Promise<Recommendation> {
    const row = await this.find(orgId, id);
    const changed = await this.recommendations.transition(
      orgId,
      id,
      row.status,
      changeFor(row, body, this.now()),
    );
    if (changed === undefined) {
      throw new AppError(409, 'conflict', 'The recommendation changed meanwhile; read it again');
    }
    return this.present(changed);
  }

  /** Savings measured since it was applied; null unless applied. */
  async realized(row: RecommendationRow): Promise<RealizedSavings | null> {
    if (row.status !== 'applied' || row.appliedAt === null) {
      return null;
    }
    const windows = realizedWindows(row.appliedAt, this.now());
    const scope = measuredScope(row.kind, row.scope);
    const sides = await this.usage.sides(row.orgId, scope, row.scope.model ?? '', windows);
    return realizedSavings(row.kind, sides.before, sides.after);
  }

  private async find(orgId: string, id: string): Promise<RecommendationRow> {
    const row = await this.recommendations.find(orgId, id);
    if (row === undefined) {
      throw recommendationNotFound();
    }
    return row;
  }

  private async present(row: RecommendationRow): Promise<Recommendation> {
    return presentRecommendation(row, await this.realized(row));
  }
}
