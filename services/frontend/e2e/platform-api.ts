/**
 * The REST API as the browser tests check it: the development user's token from the auth service,
 * then the backend's answers parsed with the wire schemas the app uses.
 * @module
 */
import { authSessionSchema } from '@netra/shared';
import { meSchema, pageSchema, reportListItemSchema, runReportSchema } from '@netra/shared/contracts';
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
    const response = await this.request.get(`${this.backend}/api/v1${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!response.ok()) {
      throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
    }
    return schema.parse(await response.json());
  }

  /** The organization's reports, newest first. */
  async reports() {
    return (await this.get(`/orgs/${this.orgId}/reports`, pageSchema(reportListItemSchema))).items;
  }

  async report(id: string) {
    return this.get(`/orgs/${this.orgId}/reports/${id}`, runReportSchema);
  }
}
