import { newId } from '@netra/shared';
import type { Principal } from '#platform/http/current-user.js';
import type { BackendTestApp } from './backend-app.js';

/** Someone the backend has seen (as the guard records a first request), for tests that call services directly. */
export async function testPerson(test: BackendTestApp, label: string): Promise<Principal> {
  const userId = `${label}-${newId()}`;
  const principal = { userId, email: `${userId}@Example.test`, name: label, tokenId: 'test' };
  await test.backend.services.users.recordVisit(principal);
  return principal;
}
