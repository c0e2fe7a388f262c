import { MemoryHotStore } from '@netra/shared/redis';
import { describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '#platform/queue/memory-job-queue.js';
import { AlertEvaluationService } from './alert-evaluation.service.js';
import type { BudgetUsageRepository } from './budget-usage.repository.js';
import type { BudgetsRepository } from './budgets.repository.js';
import type { BudgetRow } from './budgets.tables.js';

function budgetOf(orgId: string): BudgetRow {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: `budget-${orgId}`,
    orgId,
    name: orgId,
    amountUsd: 1,
    scopeKind: 'org',
    scopeValue: '',
    thresholds: [100],
    createdBy: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** A service whose usage reads fail for the organizations named in `broken`. */
function serviceWith(orgs: string[], broken: Set<string>) {
  const evaluated: string[] = [];
  const repository = {
    orgsWithBudgets: () => Promise.resolve(orgs),
    listBudgets: (orgId: string) => Promise.resolve([budgetOf(orgId)]),
    fireAlerts: () => Promise.resolve([]),
    listWebhooks: () => Promise.resolve([]),
  } as unknown as BudgetsRepository;
  const usage = {
    dailySpend: (orgId: string) => {
      if (broken.has(orgId)) {
        return Promise.reject(new Error('ClickHouse went away'));
      }
      evaluated.push(orgId);
      return Promise.resolve([]);
    },
  } as unknown as BudgetUsageRepository;
  const queue = new MemoryJobQueue({
    name: 'alerts-test',
    onFailure: () => undefined,
    onError: () => undefined,
  });
  const hot = new MemoryHotStore('netra:test:alerts:');
  const options = {
    debounceMs: 60_000,
    deliveryAttempts: 1,
    deliveryBackoffMs: 1,
    allowInternalTargets: true,
  };
  return {
    service: new AlertEvaluationService({ repository, usage, queue, hot, options }),
    evaluated,
    queue,
  };
}

describe('scheduled evaluation', () => {
  it('evaluates every other organization when one fails, then reports the failure', async () => {
    const { service, evaluated, queue } = serviceWith(['a', 'b', 'c'], new Set(['b']));
    await expect(service.evaluateAll()).rejects.toThrow(
      'alert evaluation failed for 1 organization(s): b: ClickHouse went away',
    );
    expect(evaluated).toEqual(['a', 'c']);
    await queue.close();
  });
});

describe('evaluation requests', () => {
  it('queues one evaluation per organization within the debounce window', async () => {
    const { service, queue } = serviceWith([], new Set());
    const added: string[] = [];
    queue.add = (name, data) => {
      added.push(`${name} ${String(data.org_id)}`);
      return Promise.resolve(String(added.length));
    };
    await Promise.all([
      service.requestEvaluation('a'),
      service.requestEvaluation('a'),
      service.requestEvaluation('b'),
    ]);
    await service.requestEvaluation('a');
    expect(added.sort()).toEqual(['alerts-evaluate a', 'alerts-evaluate b']);
    await queue.close();
  });
});
