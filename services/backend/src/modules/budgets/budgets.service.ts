/**
 * Budgets, webhook targets and the fired-alert list of an organization. Every read and write is
 * scoped to the caller's organization: another organization's id answers 404.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { AppError, newId } from '@netra/shared';
import type { UpdateWebhookBody } from '@netra/shared/contracts';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { decodeCursor, toPage } from '#platform/http/cursor.js';
import type { BudgetUsageRepository } from './budget-usage.repository.js';
import type { BudgetsRepository } from './budgets.repository.js';
import type { CreateBudgetBody, CreateWebhookBody, UpdateBudgetBody } from './budgets.schema.js';
import type { BudgetRow, WebhookTargetRow } from './budgets.tables.js';
import { monthFigures, monthWindow, type MonthFigures } from './forecast.js';
import { testWebhookBody } from './webhook-body.js';
import { deliverWebhook, type DeliveryOutcome, type WebhookSendOptions } from './webhook-sender.js';

/** A budget with its month so far: spend, pace and forecast. */
export interface BudgetWithFigures {
  row: BudgetRow;
  figures: MonthFigures;
}

const budgetNotFound = () => new AppError(404, 'not_found', 'Budget not found');
const webhookNotFound = () => new AppError(404, 'not_found', 'Webhook target not found');

function defaultName(body: CreateBudgetBody): string {
  const { kind, value } = body.scope;
  return kind === 'org' ? 'Organization' : `${kind} ${value}`;
}

export class BudgetsService {
  constructor(
    private readonly repository: BudgetsRepository,
    private readonly usage: BudgetUsageRepository,
    /** The same rule as alert deliveries: staging and production refuse internal addresses. */
    private readonly sendOptions: WebhookSendOptions,
  ) {}

  /** The budget's current month: spend so far, the last week's daily pace and the month-end forecast. */
  async withFigures(row: BudgetRow, now: Date = new Date()): Promise<BudgetWithFigures> {
    const slice = { kind: row.scopeKind, value: row.scopeValue };
    const series = await this.usage.dailySpend(row.orgId, slice, monthWindow(now));
    return { row, figures: monthFigures(series, now) };
  }

  createBudget(actor: OrgPrincipal, body: CreateBudgetBody): Promise<BudgetRow> {
    return this.repository.createBudget(actor.orgId, {
      name: body.name ?? defaultName(body),
      amountUsd: body.amount_usd,
      scopeKind: body.scope.kind,
      scopeValue: body.scope.value,
      thresholds: body.thresholds,
      createdBy: actor.userId,
    });
  }

  listBudgets(orgId: string): Promise<BudgetRow[]> {
    return this.repository.listBudgets(orgId);
  }

  async getBudget(orgId: string, id: string): Promise<BudgetRow> {
    const budget = await this.repository.findBudget(orgId, id);
    if (budget === undefined) {
      throw budgetNotFound();
    }
    return budget;
  }

  /** A changed amount, scope or thresholds applies from the next evaluation; alerts already fired stay. */
  async updateBudget(orgId: string, id: string, body: UpdateBudgetBody): Promise<BudgetRow> {
    const updated = await this.repository.updateBudget(orgId, id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.amount_usd === undefined ? {} : { amountUsd: body.amount_usd }),
      ...(body.scope === undefined ? {} : { scopeKind: body.scope.kind, scopeValue: body.scope.value }),
      ...(body.thresholds === undefined ? {} : { thresholds: body.thresholds }),
    });
    if (updated === undefined) {
      throw budgetNotFound();
    }
    return updated;
  }

  /** Its fired alerts go with it. */
  async deleteBudget(orgId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteBudget(orgId, id))) {
      throw budgetNotFound();
    }
  }

  async listAlerts(orgId: string, query: { cursor?: string | undefined; limit: number }) {
    const rows = await this.repository.listAlerts(orgId, decodeCursor(query.cursor), query.limit);
    return toPage(rows, query.limit, (row) => ({ at: row.firedAt, id: row.id }));
  }

  createWebhook(actor: OrgPrincipal, body: CreateWebhookBody): Promise<WebhookTargetRow> {
    return this.repository.createWebhook(actor.orgId, {
      url: body.url,
      format: body.format,
      secret: body.secret ?? `whsec_${randomBytes(24).toString('base64url')}`,
      createdBy: actor.userId,
    });
  }

  listWebhooks(orgId: string): Promise<WebhookTargetRow[]> {
    return this.repository.listWebhooks(orgId);
  }

  /** A changed URL, switch or event filter applies to the next delivery; the secret stays. */
  async updateWebhook(orgId: string, id: string, body: UpdateWebhookBody): Promise<WebhookTargetRow> {
    const updated = await this.repository.updateWebhook(orgId, id, {
      ...(body.url === undefined ? {} : { url: body.url }),
      ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
      ...(body.events === undefined ? {} : { events: body.events }),
    });
    if (updated === undefined) {
      throw webhookNotFound();
    }
    return updated;
  }

  /**
   * Sends a test body to the target now (signed like an alert, even when the target is disabled, so
   * it can be checked before it is switched on) and answers how the delivery went.
   */
  async testWebhook(orgId: string, id: string): Promise<DeliveryOutcome> {
    const [target] = await this.repository.findWebhooks(orgId, [id]);
    if (target === undefined) {
      throw webhookNotFound();
    }
    const deliveryId = newId();
    const body = testWebhookBody(target.format, deliveryId, new Date());
    return deliverWebhook(target, deliveryId, body, this.sendOptions);
  }

  async deleteWebhook(orgId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteWebhook(orgId, id))) {
      throw webhookNotFound();
    }
  }
}
