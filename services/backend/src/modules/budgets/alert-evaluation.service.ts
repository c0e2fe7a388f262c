/**
 * Evaluates budgets and delivers the alerts they fire. Runs in the worker role: `alerts-evaluate`
 * on a schedule (every organization with a budget) and shortly after ingestion (one organization,
 * debounced), `alerts-deliver` once per new alert and webhook target, retried with backoff.
 * @module
 */
import type { HotStore } from '@netra/shared/redis';
import type { JobData, JobQueue } from '#platform/queue/index.js';
import type { BudgetUsageRepository } from './budget-usage.repository.js';
import { budgetAlerts, seriesWindow } from './budget-findings.js';
import type { BudgetsRepository, NewAlert } from './budgets.repository.js';
import { presentAlert } from './budgets.schema.js';
import type { AlertRow, WebhookTargetRow } from './budgets.tables.js';
import { webhookBody } from './webhook-body.js';
import { sendWebhook } from './webhook-sender.js';

export const ALERTS_QUEUE = 'alerts';

/** Whether a target is on and subscribed to the alert's kind. */
function receives(target: WebhookTargetRow, alert: AlertRow): boolean {
  return target.enabled && target.events.includes(alert.kind);
}
export const EVALUATE_JOB = 'alerts-evaluate';
export const DELIVER_JOB = 'alerts-deliver';

export interface AlertEvaluationOptions {
  /** Wait after an ingestion before evaluating its organization; ingestions meanwhile join that one evaluation. */
  debounceMs: number;
  deliveryAttempts: number;
  deliveryBackoffMs: number;
  /** Development and tests deliver to local receivers; staging and production refuse internal addresses. */
  allowInternalTargets: boolean;
}

export interface AlertEvaluationDependencies {
  repository: BudgetsRepository;
  usage: BudgetUsageRepository;
  queue: JobQueue;
  hot: HotStore;
  options: AlertEvaluationOptions;
}

export class AlertEvaluationService {
  constructor(private readonly deps: AlertEvaluationDependencies) {}

  /** Evaluates every budget of the organization at `now`; returns the alerts fired now (never one fired before). */
  async evaluate(orgId: string, now: Date = new Date()): Promise<AlertRow[]> {
    const candidates: NewAlert[] = [];
    for (const budget of await this.deps.repository.listBudgets(orgId)) {
      const series = await this.deps.usage.dailySpend(
        orgId,
        { kind: budget.scopeKind, value: budget.scopeValue },
        seriesWindow(now),
      );
      candidates.push(...budgetAlerts(budget, series, now));
    }
    const fired = await this.deps.repository.fireAlerts(candidates);
    await this.enqueueDeliveries(orgId, fired);
    return fired;
  }

  /** Every organization with a budget; one that fails does not keep the others from being evaluated. */
  async evaluateAll(now: Date = new Date()): Promise<void> {
    const failures: string[] = [];
    for (const orgId of await this.deps.repository.orgsWithBudgets()) {
      await this.evaluate(orgId, now).catch((error: unknown) => {
        failures.push(`${orgId}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    if (failures.length > 0) {
      throw new Error(
        `alert evaluation failed for ${failures.length} organization(s): ${failures.join('; ')}`,
      );
    }
  }

  /** After usage of the organization was stored: one evaluation soon, however many batches arrive meanwhile. */
  async requestEvaluation(orgId: string): Promise<void> {
    const { debounceMs } = this.deps.options;
    if (await this.deps.hot.setIfAbsent(`alerts:evaluate-due:${orgId}`, '1', debounceMs)) {
      await this.deps.queue.add(EVALUATE_JOB, { org_id: orgId }, { delayMs: debounceMs });
    }
  }

  /** The processor of `alerts-evaluate`: one organization when the job names one, else all with a budget. */
  async runEvaluateJob(data: JobData): Promise<void> {
    if (typeof data.org_id === 'string') {
      await this.evaluate(data.org_id);
      return;
    }
    await this.evaluateAll();
  }

  /** The processor of `alerts-deliver`; a deleted budget, alert or target means nothing is left to send. */
  async runDeliverJob(data: JobData): Promise<void> {
    const { alert_id: alertId, target_id: targetId } = data;
    if (typeof alertId !== 'string' || typeof targetId !== 'string') {
      throw new Error('alerts-deliver job without alert_id and target_id');
    }
    const alert = await this.deps.repository.findAlert(alertId);
    const budget =
      alert === undefined ? undefined : await this.deps.repository.findBudget(alert.orgId, alert.budgetId);
    const [target] =
      alert === undefined ? [] : await this.deps.repository.findWebhooks(alert.orgId, [targetId]);
    // A target switched off or narrowed after the job was queued receives nothing either.
    if (alert === undefined || budget === undefined || target === undefined || !receives(target, alert)) {
      return;
    }
    const body = webhookBody(target.format, presentAlert(alert), budget);
    await sendWebhook(target, alert.id, body, {
      allowInternalTargets: this.deps.options.allowInternalTargets,
    });
  }

  private async enqueueDeliveries(orgId: string, fired: readonly AlertRow[]): Promise<void> {
    if (fired.length === 0) {
      return;
    }
    const { deliveryAttempts: attempts, deliveryBackoffMs: backoffMs } = this.deps.options;
    const targets = await this.deps.repository.listWebhooks(orgId);
    for (const alert of fired) {
      for (const target of targets.filter((candidate) => receives(candidate, alert))) {
        await this.deps.queue.add(
          DELIVER_JOB,
          { alert_id: alert.id, target_id: target.id },
          { attempts, backoffMs },
        );
      }
    }
  }
}
