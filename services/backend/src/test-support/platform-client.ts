/**
 * A client of a running backend process for e2e tests: REST calls with a person's token, seeding an
 * organization's usage through its ingestion key, and following an agent run to its end.
 * @module
 */
import type { UsageEventInput } from '@netra/shared';
import {
  ENDED_RUN_STATUSES,
  createdApiKeySchema,
  meSchema,
  runEventsPageSchema,
  runReportSchema,
  runSchema,
  threadSchema,
  type Run,
  type RunEvent,
  type RunReport,
} from '@netra/shared/contracts';
import type { TestUser } from './auth-service.js';

const INGEST_CHUNK = 5_000;

export class PlatformClient {
  constructor(
    private baseUrl: string,
    private readonly user: TestUser,
  ) {}

  /** Points the client at another backend process (the same stores behind it). */
  moveTo(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.user.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  async ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.call(method, path, body);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  /** The person's own organization (created on their first request). */
  async personalOrg(): Promise<string> {
    const me = meSchema.parse(await this.ok('GET', '/me'));
    const org = me.organizations[0];
    if (org === undefined) {
      throw new Error('the person has no organization');
    }
    return org.id;
  }

  /** Sends the events through a new ingestion key of the organization; resolves once all are stored. */
  async ingest(orgId: string, events: readonly UsageEventInput[]): Promise<void> {
    const created = createdApiKeySchema.parse(
      await this.ok('POST', `/orgs/${orgId}/api-keys`, { name: 'seed' }),
    );
    for (let start = 0; start < events.length; start += INGEST_CHUNK) {
      const response = await fetch(`${this.baseUrl}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(events.slice(start, start + INGEST_CHUNK)),
      });
      if (!response.ok) {
        throw new Error(`ingest: ${response.status} ${await response.text()}`);
      }
    }
  }

  async newThread(orgId: string): Promise<string> {
    return threadSchema.parse(await this.ok('POST', `/orgs/${orgId}/threads`, {})).id;
  }

  async startRun(orgId: string, threadId: string, text: string): Promise<Run> {
    return runSchema.parse(await this.ok('POST', `/orgs/${orgId}/threads/${threadId}/runs`, { text }));
  }

  async run(orgId: string, runId: string): Promise<Run> {
    return runSchema.parse(await this.ok('GET', `/orgs/${orgId}/runs/${runId}`));
  }

  /** Every stored event of the run after `afterSeq`, following the pages. */
  async events(orgId: string, runId: string, afterSeq = -1): Promise<RunEvent[]> {
    const events: RunEvent[] = [];
    let after = afterSeq;
    for (;;) {
      const page = runEventsPageSchema.parse(
        await this.ok('GET', `/orgs/${orgId}/runs/${runId}/events?after_seq=${after}&limit=1000`),
      );
      events.push(...page.events);
      if (page.events.length === 0) {
        return events;
      }
      after = page.next_after_seq;
    }
  }

  /** Polls until the run has ended. */
  async ended(orgId: string, runId: string, timeoutMs = 120_000): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.run(orgId, runId).catch(() => undefined);
      if (run !== undefined && ENDED_RUN_STATUSES.includes(run.status)) {
        return run;
      }
      if (Date.now() > deadline) {
        throw new Error(`run ${runId} did not end within ${timeoutMs} ms (${run?.status ?? 'unreachable'})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async report(orgId: string, reportId: string): Promise<RunReport> {
    return runReportSchema.parse(await this.ok('GET', `/orgs/${orgId}/reports/${reportId}`));
  }
}
