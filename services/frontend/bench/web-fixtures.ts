/**
 * What the web bench needs from a running platform: the app's routes with their dynamic segments
 * filled by real ids (a thread, a finished run's report) of the development organization.
 * @module
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { authSessionSchema } from '@netra/shared';
import { meSchema, runSchema, threadSchema } from '@netra/shared/contracts';
import type { z } from 'zod';

const APP_DIR = join(import.meta.dirname, '..', 'app');
const MESSAGE = 'Help me reduce my AI costs by 30%';

/** Every page of the app as a route pattern, route groups dropped: `/chat/[threadId]`. */
export function appRoutes(appDir = APP_DIR): string[] {
  const pages = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file === 'page.tsx' || file.endsWith(`${sep}page.tsx`),
  );
  return pages
    .map((page) => {
      const segments = relative(appDir, join(appDir, page)).split(sep).slice(0, -1);
      return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join('/')}`;
    })
    .sort();
}

class DevClient {
  constructor(
    private readonly backend: string,
    private readonly token: string,
  ) {}

  async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    const response = await fetch(`${this.backend}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return schema.parse(await response.json());
  }
}

async function devClient(auth: string, backend: string): Promise<DevClient> {
  const response = await fetch(`${auth}/auth/dev/login`, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`dev login: ${response.status} ${await response.text()}`);
  }
  return new DevClient(backend, authSessionSchema.parse(await response.json()).access_token);
}

/** A thread with one finished run in the development organization: the ids the dynamic routes take. */
export async function sampleIds(auth: string, backend: string): Promise<Record<string, string>> {
  const client = await devClient(auth, backend);
  const me = await client.call('GET', '/me', meSchema);
  const orgId = me.organizations[0]?.id ?? '';
  const thread = await client.call('POST', `/orgs/${orgId}/threads`, threadSchema, { title: 'Bench' });
  let run = await client.call('POST', `/orgs/${orgId}/threads/${thread.id}/runs`, runSchema, {
    text: MESSAGE,
  });
  for (let waited = 0; run.report_id === null && waited < 180; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    run = await client.call('GET', `/orgs/${orgId}/runs/${run.id}`, runSchema);
  }
  if (run.report_id === null) {
    throw new Error(`run ${run.id} ended ${run.status} without a report`);
  }
  return { threadId: thread.id, id: run.report_id };
}

/** The route with each `[segment]` replaced by its id. */
export function fillRoute(route: string, ids: Readonly<Record<string, string>>): string {
  return route.replace(/\[([^\]]+)\]/g, (_match, name: string) => ids[name] ?? name);
}
