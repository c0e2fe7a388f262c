/**
 * Budget alerts end to end on the real stores: usage seeded through the ingestion route, evaluation
 * at a fixed instant, alerts stored once, delivered by the worker role's queue to real HTTP receivers
 * (generic and Slack bodies, signed), a failing receiver retried, anomalies found only where planted.
 * @module
 */
import { createHmac } from 'node:crypto';
import { createLogger } from '@netra/shared/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '#composition.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import type { JobWorker } from '#platform/runtime/worker.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { daysFrom, ingestDays, type SeededDay } from '#test-support/budgets/budget-workload.js';
import { startWebhookReceiver, type WebhookReceiver } from '#test-support/budgets/webhook-receiver.js';
import { testPerson } from '#test-support/people.js';
import type { AlertRow, BudgetRow } from './budgets.tables.js';
import { createBudgetBodySchema, createWebhookBodySchema } from './budgets.schema.js';

let test: BackendTestApp;
let worker: JobWorker | undefined;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  test = await startBackendTestApp({
    ALERTS_WEBHOOK_ATTEMPTS: '5',
    ALERTS_WEBHOOK_BACKOFF_MS: '50',
    ALERTS_DEBOUNCE_MS: '100',
    LOG_LEVEL: 'silent',
  });
  worker = await startWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await test.close();
});

const budgets = () => test.backend.services.budgets;
const alerts = () => test.backend.services.alerts;

/** A new organization with its ingestion key and an admin acting in it. */
async function adminOf(label: string): Promise<{ admin: OrgPrincipal; key: string }> {
  const { orgId, key } = await newTestOrganization(test, label);
  const person = await testPerson(test, label);
  return { admin: { ...person, orgId, role: 'admin' }, key };
}

async function receiver(answer?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(answer);
  receivers.push(started);
  return started;
}

const summaryOf = (fired: readonly AlertRow[]) =>
  fired.map((alert) => `${alert.kind}:${alert.thresholdPct}:${alert.period}`).sort();

const hmac = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** $10 a day (10 requests at $1) from Feb 14 to the middle of Mar 20, 2026. */
function steadyMonth(): SeededDay[] {
  return daysFrom('2026-02-14', 35).map((day, index) => ({
    day,
    events: index === 34 ? 5 : 10,
    costPerEvent: 1,
    errors: 0,
    ...(index === 34 ? { hours: 12 } : {}),
  }));
}

const MID_MONTH = new Date('2026-03-20T12:00:00Z');

describe('budget thresholds', () => {
  let fired: AlertRow[] = [];
  let orgId = '';
  let budget: BudgetRow;
  let generic: WebhookReceiver;
  let slack: WebhookReceiver;
  let flaky: WebhookReceiver;
  const secrets = { generic: '', slack: '' };

  /** Answers 500 to the first try of each alert and 200 to the next. */
  function failFirstTry(): (body: string, headers: Record<string, unknown>) => number {
    const seen = new Set<string>();
    return (_body, headers) => {
      const id = String(headers['x-netra-alert-id']);
      const first = !seen.has(id);
      seen.add(id);
      return first ? 500 : 200;
    };
  }

  beforeAll(async () => {
    const { admin, key } = await adminOf('thresholds');
    orgId = admin.orgId;
    await ingestDays(test, key, steadyMonth());
    // March so far: 19.5 days × $10 = $195 against $230: past 50% ($115) and 80% ($184), not 100%;
    // forecast $195 + $10/day × 11.5 days left = $310, past 100%.
    budget = await budgets().createBudget(
      admin,
      createBudgetBodySchema.parse({ amount_usd: 230, name: 'Monthly AI' }),
    );
    [generic, slack, flaky] = await Promise.all([receiver(), receiver(), receiver(failFirstTry())]);
    const target = (body: unknown) => budgets().createWebhook(admin, createWebhookBodySchema.parse(body));
    secrets.generic = (await target({ url: generic.url })).secret;
    secrets.slack = (
      await target({ url: slack.url, format: 'slack', secret: 'a-slack-signing-secret' })
    ).secret;
    await target({ url: flaky.url });
    fired = await alerts().evaluate(orgId, MID_MONTH);
  });

  it('fires 50% and 80% crossed and 100% forecast, once each', async () => {
    expect(summaryOf(fired)).toEqual([
      'threshold_crossed:50:2026-03',
      'threshold_crossed:80:2026-03',
      'threshold_forecast:100:2026-03',
    ]);
    expect(fired.find((alert) => alert.kind === 'threshold_forecast')?.details).toMatchObject({
      spend_usd: 195,
      forecast_usd: 310,
      daily_rate_usd: 10,
    });
    expect(await alerts().evaluate(orgId, MID_MONTH)).toEqual([]);
    expect(await alerts().evaluate(orgId, new Date('2026-03-20T18:00:00Z'))).toEqual([]);
  });

  it('shows the month so far, the daily pace and the forecast on the budget', async () => {
    const { figures } = await budgets().withFigures(budget, MID_MONTH);
    expect(figures).toEqual({ month: '2026-03', spendUsd: 195, dailyRateUsd: 10, forecastUsd: 310 });
  });

  it('delivers each alert to a generic target, signed with its secret', async () => {
    await expect.poll(() => generic.received.length, { timeout: 20_000 }).toBe(3);
    const bodies = generic.received.map((hit) => {
      expect(hit.headers['x-netra-signature']).toBe(hmac(hit.body, secrets.generic));
      return JSON.parse(hit.body) as {
        type: string;
        alert: { id: string; kind: string; threshold_pct: number };
      };
    });
    expect(bodies.map((body) => `${body.alert.kind}:${body.alert.threshold_pct}`).sort()).toEqual([
      'threshold_crossed:50',
      'threshold_crossed:80',
      'threshold_forecast:100',
    ]);
    expect(new Set(bodies.map((body) => body.alert.id))).toEqual(new Set(fired.map((alert) => alert.id)));
    expect(bodies.every((body) => body.type === 'netra.alert')).toBe(true);
  });

  it('delivers each alert to a Slack target as {text, blocks}, signed with its secret', async () => {
    await expect.poll(() => slack.received.length, { timeout: 20_000 }).toBe(3);
    for (const hit of slack.received) {
      expect(hit.headers['x-netra-signature']).toBe(hmac(hit.body, secrets.slack));
      const body = JSON.parse(hit.body) as {
        text: string;
        blocks: { type: string; text: { text: string } }[];
      };
      expect(body.text).toMatch(/^Budget "Monthly AI" \(the whole organization, \$230\.00\/month\)/);
      expect(body.blocks[0]?.type).toBe('section');
      expect(body.blocks[0]?.text.text).toContain(body.text);
    }
    expect(slack.received.map((hit) => hit.body).join('\n')).toContain('is forecast to pass 100% in 2026-03');
  });

  it('retries a receiver that answered 500 until it accepts', async () => {
    await expect
      .poll(() => flaky.received.filter((hit) => hit.status === 200).length, { timeout: 20_000 })
      .toBe(3);
    expect(flaky.received.filter((hit) => hit.status === 500)).toHaveLength(3);
    expect(new Set(flaky.received.map((hit) => hit.headers['x-netra-alert-id']))).toEqual(
      new Set(fired.map((alert) => alert.id)),
    );
  });
});

describe('alert list', () => {
  it('lists every fired alert exactly once, page by page', async () => {
    const { admin, key } = await adminOf('listing');
    await ingestDays(test, key, steadyMonth());
    await budgets().createBudget(
      admin,
      createBudgetBodySchema.parse({ amount_usd: 100, thresholds: [10, 20, 30, 40, 50] }),
    );
    const fired = await alerts().evaluate(admin.orgId, MID_MONTH);
    expect(fired).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await budgets().listAlerts(admin.orgId, { cursor, limit: 2 });
      seen.push(...page.items.map((alert) => alert.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen.sort()).toEqual(fired.map((alert) => alert.id).sort());
  });
});

describe('webhook delivery faults', () => {
  it('tries a receiver that keeps failing as many times as allowed, then gives up', async () => {
    const { admin, key } = await adminOf('always-failing');
    await ingestDays(test, key, steadyMonth());
    await budgets().createBudget(
      admin,
      createBudgetBodySchema.parse({ amount_usd: 1_000, thresholds: [10] }),
    );
    const down = await receiver(() => 503);
    await budgets().createWebhook(admin, createWebhookBodySchema.parse({ url: down.url }));
    expect(await alerts().evaluate(admin.orgId, MID_MONTH)).toHaveLength(1);
    // ALERTS_WEBHOOK_ATTEMPTS is 5 in this test.
    await expect.poll(() => down.received.length, { timeout: 20_000 }).toBe(5);
    expect(new Set(down.received.map((hit) => hit.body)).size).toBe(1);
  });

  it('sends nothing for a target deleted before its delivery, and refuses a job naming no alert', async () => {
    const { admin, key } = await adminOf('deleted-target');
    await ingestDays(test, key, steadyMonth());
    await budgets().createBudget(
      admin,
      createBudgetBodySchema.parse({ amount_usd: 1_000, thresholds: [10] }),
    );
    const [fired] = await alerts().evaluate(admin.orgId, MID_MONTH);
    const gone = await receiver();
    const target = await budgets().createWebhook(admin, createWebhookBodySchema.parse({ url: gone.url }));
    await budgets().deleteWebhook(admin.orgId, target.id);
    await alerts().runDeliverJob({ alert_id: fired?.id, target_id: target.id });
    expect(gone.received).toEqual([]);
    await expect(alerts().runDeliverJob({ alert_id: fired?.id })).rejects.toThrow(
      /without alert_id and target_id/,
    );
  });
});

/** Four clean weeks around $10–12 a day and 2% errors, with a 5× spend day and a 40% error day planted. */
function plantedWeeks(): SeededDay[] {
  return daysFrom('2026-02-10', 39).map((day, index) => {
    const date = day.toISOString().slice(0, 10);
    const partial = date === '2026-03-20';
    return {
      day,
      events: partial ? 25 : 50,
      costPerEvent: (date === '2026-03-10' ? 5 : 1) * (0.2 + (index % 3) * 0.02),
      errors: date === '2026-03-15' ? 20 : 1,
      ...(partial ? { hours: 12 } : {}),
    };
  });
}

describe('anomalies', () => {
  it('alerts the planted spend spike and error-rate spike, and no clean day', async () => {
    const { admin, key } = await adminOf('anomalies');
    await ingestDays(test, key, plantedWeeks());
    await budgets().createBudget(admin, createBudgetBodySchema.parse({ amount_usd: 100_000 }));
    const fired = await alerts().evaluate(admin.orgId, MID_MONTH);
    expect(summaryOf(fired)).toEqual(['error_rate_anomaly:0:2026-03-15', 'spend_anomaly:0:2026-03-10']);
    const spike = fired.find((alert) => alert.kind === 'spend_anomaly');
    expect(spike?.details).toMatchObject({ observed: 55, median: 11 });
    expect(await alerts().evaluate(admin.orgId, MID_MONTH)).toEqual([]);
  });

  it('screens a budget’s own scope: the spike of another feature is not this budget’s', async () => {
    const { admin, key } = await adminOf('scoped');
    await ingestDays(test, key, plantedWeeks());
    const scoped = { amount_usd: 100_000, scope: { kind: 'feature', value: 'other-feature' } };
    await budgets().createBudget(admin, createBudgetBodySchema.parse(scoped));
    expect(await alerts().evaluate(admin.orgId, MID_MONTH)).toEqual([]);
  });
});

describe('evaluation after ingestion', () => {
  it('evaluates an organization shortly after its usage is stored, without being asked', async () => {
    const { admin, key } = await adminOf('triggered');
    await budgets().createBudget(admin, createBudgetBodySchema.parse({ amount_usd: 0.5, thresholds: [100] }));
    const today = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()),
    );
    await ingestDays(test, key, [{ day: today, events: 1, costPerEvent: 1, errors: 0, hours: 0.001 }]);
    await expect
      .poll(async () => summaryOf((await budgets().listAlerts(admin.orgId, { limit: 10 })).items), {
        timeout: 20_000,
      })
      .toEqual([`threshold_crossed:100:${today.toISOString().slice(0, 7)}`]);
  });
});
