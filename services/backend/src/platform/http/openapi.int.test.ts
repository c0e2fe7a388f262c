import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let test: BackendTestApp;

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
}

describe('OpenAPI', () => {
  it('documents every REST route with its request and response schemas, OpenAPI 3.1', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocument>();
    expect(document.openapi).toBe('3.1.0');
    const threads = document.paths['/api/v1/orgs/{org_id}/threads'];
    const listSchema = threads?.get?.responses?.['200']?.content?.['application/json']?.schema as
      { type: string; properties: Record<string, { type?: string }> } | undefined;
    expect(listSchema?.type).toBe('object');
    expect(listSchema?.properties.items?.type).toBe('array');
    expect(listSchema?.properties.next_cursor).toBeDefined();
    expect(threads?.post?.responses?.['403']).toBeDefined();
    for (const path of [
      '/api/v1/me',
      '/api/v1/orgs',
      '/api/v1/orgs/{org_id}/members/{user_id}',
      '/api/v1/invitations/{token}',
      '/api/v1/invitations/{token}/accept',
      '/api/v1/orgs/{org_id}/api-keys/{id}',
      '/api/v1/orgs/{org_id}/threads/{id}/messages',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });

  it('serves a browsable UI at /docs from assets shipped in the package', async () => {
    const page = await test.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z0-9.-]+\//i);
    const script = await test.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body.length).toBeGreaterThan(100_000);
  });
});
