/**
 * The Secret Manager provider. Secret Manager is a paid cloud API, so the official client is replaced
 * by a stand-in that records each request and answers like the API (payload bytes, gRPC status codes);
 * the resource names are checked against the official client's own path template.
 * @module
 */
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { describe, expect, it } from 'vitest';
import { SecretManagerSource, type SecretManagerClient } from './secret-manager.js';

interface Request {
  name?: string | null;
}

/** Answers from a map of resource name → payload; unknown names fail with gRPC NOT_FOUND. */
function standIn(payloads: Record<string, Uint8Array>, failure?: { code: number; message: string }) {
  const requests: Request[] = [];
  const client = {
    accessSecretVersion: (request: Request) => {
      requests.push(request);
      const data = payloads[request.name ?? ''];
      if (failure !== undefined) {
        return Promise.reject(Object.assign(new Error(failure.message), { code: failure.code }));
      }
      if (data === undefined) {
        return Promise.reject(Object.assign(new Error('5 NOT_FOUND: Secret not found'), { code: 5 }));
      }
      return Promise.resolve([{ name: request.name, payload: { data } }, undefined, undefined]);
    },
  } as unknown as SecretManagerClient;
  return { client, requests };
}

describe('SecretManagerSource', () => {
  const name = 'projects/acme-prod/secrets/auth-signing-keys/versions/latest';

  it('asks for the latest version of the named secret and decodes its payload', async () => {
    const { client, requests } = standIn({ [name]: new TextEncoder().encode('{"current":{}}') });
    const source = new SecretManagerSource(client, 'acme-prod');
    expect(await source.get('auth-signing-keys')).toBe('{"current":{}}');
    expect(requests).toEqual([{ name }]);
  });

  it('builds the same resource name as the official client', () => {
    const official = new SecretManagerServiceClient({ projectId: 'acme-prod', fallback: true });
    const { client } = standIn({});
    expect(new SecretManagerSource(client, 'acme-prod').versionName('auth-signing-keys')).toBe(
      official.secretVersionPath('acme-prod', 'auth-signing-keys', 'latest'),
    );
  });

  it('reports a missing or disabled secret as missing', async () => {
    const missing = standIn({});
    expect(await new SecretManagerSource(missing.client, 'acme-prod').get('nope')).toBeUndefined();
    const disabled = standIn({}, { code: 9, message: '9 FAILED_PRECONDITION: version is disabled' });
    expect(await new SecretManagerSource(disabled.client, 'acme-prod').get('old')).toBeUndefined();
  });

  it('names the project and secret when access is refused', async () => {
    const { client } = standIn({}, { code: 7, message: '7 PERMISSION_DENIED: caller lacks accessor' });
    await expect(new SecretManagerSource(client, 'acme-prod').get('db')).rejects.toThrow(
      'Secret Manager (project acme-prod): reading secret db failed: 7 PERMISSION_DENIED',
    );
  });
});
