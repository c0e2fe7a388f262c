/**
 * The REST API as the browser tests check it: the development user's token from the auth service,
 * then the backend's answers parsed with the wire schemas the app uses.
 * @module
 */
import { authSessionSchema } from '@netra/shared';
import {
  meSchema,
  pageSchema,
  recommendationSchema,
  reportListItemSchema,
  runReportSchema,
  runSchema,
  threadSchema,
} from '@netra/shared/contracts';
import type { APIRequestContext } from '@playwright/test';
import type { z } from 'zod';
import type { Stack } from './stack-file.js';

export class PlatformApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly backend: string,
    private readonly token: string,
    readonly orgId: string,
  ) {}

  /** Signs in as the development user (what the app does on its own) and finds its organization. */
  static async asDevelopmentUser(request: APIRequestContext, stack: Stack): Promise<PlatformApi> {
    const session = authSessionSchema.parse(
      await (await request.post(`${stack.auth}/auth/dev/login`)).json(),
    );
    const api = new PlatformApi(request, stack.backend, session.access_token, '');
    const me = await api.get('/me', meSchema);
    return new PlatformApi(request, stack.backend, session.access_token, me.organizations[0]?.id ?? '');
  }

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.call('GET', path, schema);
  }

  async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const response = await this.request.fetch(`${this.backend}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}` },
      ...(body === undefined ? {} : { data: body }),
    });
    if (!response.ok()) {
      throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    }
    return schema.parse(await response.json());
  }

  /** The id of a finished report: the newest one, or a new run's when there is none yet. */
  async someReport(): Promise<string> {
    const [newest] = await this.reports();
    if (newest !== undefined) {
      return newest.id;
    }
    const thread = await this.call('POST', `/orgs/${this.orgId}/threads`, threadSchema, {});
    const path = `/orgs/${this.orgId}/threads/${thread.id}/runs`;
    let run = await this.call('POST', path, runSchema, { text: 'Help me reduce my AI costs by 30%' });
    for (let polls = 0; run.report_id === null && polls < 240; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = await this.get(`/orgs/${this.orgId}/runs/${run.id}`, runSchema);
    }
    return run.report_id ?? '';
  }

  async recommendations(reportId: string) {
    const path = `/orgs/${this.orgId}/recommendations?report_id=${reportId}&limit=100`;
    return (await this.get(path, pageSchema(recommendationSchema))).items;
  }

  /** The organization's reports, newest first. */
  async reports() {
    return (await this.get(`/orgs/${this.orgId}/reports`, pageSchema(reportListItemSchema))).items;
  }

  async report(id: string) {
    return this.get(`/orgs/${this.orgId}/reports/${id}`, runReportSchema);
  }
}
