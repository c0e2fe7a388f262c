/**
 * A signed-in person's REST calls against a backend test app (Fastify `inject`): the answer's status
 * and JSON body, and the person's personal organization.
 * @module
 */
import type { AuthServiceFixture, TestUser } from './auth-service.js';
import type { BackendTestApp } from './backend-app.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface UserAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

export async function callAs(
  test: BackendTestApp,
  user: TestUser,
  method: Method,
  path: string,
  body?: unknown,
): Promise<UserAnswer> {
  const response = await test.app.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${user.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return {
    status: response.statusCode,
    body: response.body === '' ? null : response.json<Record<string, unknown>>(),
  };
}

/** The organization every person gets on their first call. */
export async function personalOrgOf(test: BackendTestApp, user: TestUser): Promise<string> {
  const me = await callAs(test, user, 'GET', '/api/v1/me');
  const [org] = (me.body?.organizations ?? []) as { id: string }[];
  if (org === undefined) {
    throw new Error(`${user.email} has no personal organization`);
  }
  return org.id;
}

/** An owner, a viewer added to the owner's organization, and a stranger with an organization of their own. */
export interface OrgPeople {
  owner: TestUser;
  viewer: TestUser;
  stranger: TestUser;
  orgId: string;
  strangerOrgId: string;
}

export async function ownerViewerStranger(
  test: BackendTestApp,
  auth: AuthServiceFixture,
  label: string,
): Promise<OrgPeople> {
  const [owner, viewer, stranger] = [
    await auth.register(`${label}-owner`),
    await auth.register(`${label}-viewer`),
    await auth.register(`${label}-stranger`),
  ];
  const orgId = await personalOrgOf(test, owner);
  const strangerOrgId = await personalOrgOf(test, stranger);
  await personalOrgOf(test, viewer);
  await test.backend.services.organizations.addMember(orgId, viewer.id, 'viewer');
  return { owner, viewer, stranger, orgId, strangerOrgId };
}
