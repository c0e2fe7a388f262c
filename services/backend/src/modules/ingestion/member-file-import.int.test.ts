/**
 * `POST /api/v1/orgs/{org_id}/ingest/files`, the web app's upload with a signed-in member's access
 * token, against `POST /api/v1/ingest/files` with an ingestion key: the same file answers the same
 * NDJSON (progress lines, totals, per-line errors) and the same refusals, and lands in the path's
 * organization only. Real tokens from the running auth service; real PostgreSQL, Redis, ClickHouse.
 * @module
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalOrgOf } from '#test-support/as-user.js';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { FILE_IMPORT_LIMITS } from './file-import.schema.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
const people = {} as Record<'owner' | 'member' | 'viewer' | 'outsider', TestUser>;
/** The owner's organization, where the member and the viewer are added. */
let orgId = '';
/** The outsider's own organization: the member is not in it. */
let otherOrgId = '';

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url });
  const personal = {} as Record<keyof typeof people, string>;
  for (const label of ['owner', 'member', 'viewer', 'outsider'] as const) {
    people[label] = await auth.register(`upload-${label}`);
    // The first request records the person (and their personal organization), as the web app's would.
    personal[label] = await personalOrgOf(test, people[label]);
  }
  orgId = personal.owner;
  otherOrgId = personal.outsider;
  for (const role of ['member', 'viewer'] as const) {
    await test.backend.services.organizations.addMember(orgId, people[role].id, role);
  }
}, 120_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

interface Upload {
  body: string | Buffer;
  query?: string;
  headers?: Record<string, string>;
}

function postFile(url: string, authorization: string | undefined, upload: Upload) {
  return test.app.inject({
    method: 'POST',
    url: `${url}${upload.query ?? ''}`,
    headers: {
      'content-type': 'application/octet-stream',
      ...(authorization === undefined ? {} : { authorization }),
      ...upload.headers,
    },
    payload: upload.body,
  });
}

/** The upload through the member route, as `user`, into organization `org`. */
const asUser = (user: TestUser | undefined, org: string, upload: Upload) =>
  postFile(
    `/api/v1/orgs/${org}/ingest/files`,
    user === undefined ? undefined : `Bearer ${user.token}`,
    upload,
  );

/** The same upload through the key route. */
const asKey = (key: string, upload: Upload) => postFile('/api/v1/ingest/files', `Bearer ${key}`, upload);

/** A figure for the reader of the test output (never asserted). */
const figure = (text: string) => process.stdout.write(`[member upload] ${text}\n`);

type Update = Record<string, unknown> & { type: string; errors?: { line: number; field: string }[] };

function updatesOf(response: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('application/x-ndjson');
  return response.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Update);
}

const ROWS = 12_000;
/** Past one batch (10,000 rows), so the answer has a progress line before `done`. */
const BAD_CSV_ROWS = new Map<number, string>([
  [5, '2025-06-06T10:00:05Z,,100,10'],
  [7_777, '2025-06-06T10:00:07Z,gpt-4o,-3,10'],
  [11_999, 'not a time,gpt-4o,1,1'],
]);

function csvFile(): string {
  const lines = ['timestamp,model,input_tokens,output_tokens'];
  for (let row = 1; row <= ROWS; row += 1) {
    lines.push(BAD_CSV_ROWS.get(row) ?? `2025-06-06T10:00:00Z,gpt-4o-mini,${row},${row % 50}`);
  }
  return `${lines.join('\n')}\n`;
}

function jsonlFile(): string {
  const lines: string[] = [];
  for (let row = 1; row <= ROWS; row += 1) {
    const event = { timestamp: '2025-06-06T11:00:00Z', model: 'gpt-4o', input_tokens: row, output_tokens: 7 };
    lines.push(JSON.stringify(event));
  }
  lines[99] = '{"timestamp": "2025-06-06T11:00:00Z", "model": "gpt-4o",';
  lines[10_499] = JSON.stringify({ timestamp: '2025-06-06T11:00:00Z', input_tokens: 5 });
  return `${lines.join('\n')}\n`;
}

describe('a member uploads with their access token', () => {
  it('answers a CSV and a JSONL file with some bad rows exactly as the key route does, into that organization only', async () => {
    const keyOrg = await newTestOrganization(test, 'member-upload-twin');
    for (const [name, upload] of [
      ['csv', { body: csvFile(), headers: { 'content-type': 'text/csv' } }],
      ['canonical', { body: jsonlFile(), query: '?format=auto' }],
    ] as const) {
      const byMember = updatesOf(await asUser(people.member, orgId, upload));
      const byKey = updatesOf(await asKey(keyOrg.key, upload));
      expect(byMember, name).toEqual(byKey);
      expect(byMember.map((update) => update.type)).toEqual(['progress', 'done']);
      const done = byMember.at(-1)!;
      expect(done).toMatchObject({
        type: 'done',
        format: name,
        rows: ROWS,
        rejected: name === 'csv' ? 3 : 2,
      });
      figure(`${name}: ${JSON.stringify({ ...done, errors: done.errors?.length })}`);
    }
    const stored = ROWS * 2 - 5;
    expect(await test.backend.usage.countEvents(orgId)).toBe(stored);
    expect(await test.backend.usage.countEvents(keyOrg.orgId)).toBe(stored);
    expect(await test.backend.usage.countEvents(otherOrgId)).toBe(0);
  }, 120_000);

  it('names the refused lines of each file', async () => {
    const { orgId: fresh } = await newTestOrganization(test, 'member-upload-lines');
    await test.backend.services.organizations.addMember(fresh, people.member.id, 'member');
    const csv = updatesOf(await asUser(people.member, fresh, { body: csvFile(), query: '?format=csv' }));
    // The header is line 1, so CSV row n is on line n + 1.
    expect(csv.at(-1)?.errors?.map(({ line, field }) => `${line}:${field}`)).toEqual([
      '6:model',
      '7778:input_tokens',
      '12000:timestamp',
    ]);
    const jsonl = updatesOf(await asUser(people.member, fresh, { body: jsonlFile() }));
    expect(jsonl.at(-1)?.errors?.map(({ line, field }) => `${line}:${field}`)).toEqual([
      '100:line',
      '10500:model',
    ]);
  }, 120_000);

  it('accepts a gzip upload as the key route does', async () => {
    const keyOrg = await newTestOrganization(test, 'member-upload-gzip');
    const upload = { body: gzipSync(jsonlFile()), headers: { 'content-encoding': 'gzip' } };
    const { orgId: fresh } = await newTestOrganization(test, 'member-upload-gzip-member');
    await test.backend.services.organizations.addMember(fresh, people.member.id, 'admin');
    expect(updatesOf(await asUser(people.member, fresh, upload))).toEqual(
      updatesOf(await asKey(keyOrg.key, upload)),
    );
    expect(await test.backend.usage.countEvents(fresh)).toBe(ROWS - 2);
  }, 120_000);
});

/**
 * A gzip body of one good JSON line and then blank lines (1 KiB of spaces each, text and well under the
 * line limit) past the upload's byte limit, streamed so no buffer is ever that big.
 */
async function gzipPastTheLimit(): Promise<Buffer> {
  const mebibyte = Buffer.alloc(1024 * 1024, ' ');
  for (let end = 1023; end < mebibyte.length; end += 1024) {
    mebibyte[end] = 0x0a;
  }
  function* file() {
    yield Buffer.from('{"timestamp":"2025-06-06T12:00:00Z","model":"gpt-4o","input_tokens":1}\n');
    for (let sent = 0; sent <= FILE_IMPORT_LIMITS.bytes; sent += mebibyte.length) {
      yield mebibyte;
    }
  }
  const compressed: Buffer[] = [];
  await pipeline(Readable.from(file()), createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      compressed.push(chunk);
    }
  });
  return Buffer.concat(compressed);
}

describe('refusals', () => {
  const upload = { body: jsonlFile().slice(0, 2_000) };

  it('answers 403 forbidden to a viewer, 404 for an organization the member is not in, 401 without a token', async () => {
    const viewer = await asUser(people.viewer, orgId, upload);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toMatchObject({
      error: { code: 'forbidden', details: { required_role: 'member' } },
    });
    const elsewhere = await asUser(people.member, otherOrgId, upload);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'not_found' } });
    const anonymous = await asUser(undefined, orgId, upload);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'token_missing' } });
    expect(await test.backend.usage.countEvents(otherOrgId)).toBe(0);
  });

  it('answers 400 validation_failed to a query the key route refuses too', async () => {
    const keyOrg = await newTestOrganization(test, 'member-upload-query');
    const bad = { ...upload, query: '?format=xlsx' };
    const [byMember, byKey] = [await asUser(people.member, orgId, bad), await asKey(keyOrg.key, bad)];
    expect([byMember.statusCode, byKey.statusCode]).toEqual([400, 400]);
    expect(byMember.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(byKey.json()).toMatchObject({ error: { code: 'validation_failed' } });
    // Only the field's name differs: `querystring.format` from the user routes' schema check, `format` from
    // the key route's own parse (which also lists the issues in details).
    figure(`bad query: member ${byMember.body} / key ${byKey.body}`);
  });

  it('refuses a body past the upload limit with the key route’s error, storing nothing', async () => {
    const started = performance.now();
    const bomb = await gzipPastTheLimit();
    figure(
      `gzip of ${FILE_IMPORT_LIMITS.bytes} + bytes: ${bomb.length} bytes, built in ${Math.round(performance.now() - started)} ms`,
    );
    const headers = { 'content-encoding': 'gzip' };
    const keyOrg = await newTestOrganization(test, 'member-upload-oversize');
    const { orgId: fresh } = await newTestOrganization(test, 'member-upload-oversize-member');
    await test.backend.services.organizations.addMember(fresh, people.member.id, 'member');
    const byKey = await asKey(keyOrg.key, { body: bomb, headers });
    const byMember = await asUser(people.member, fresh, { body: bomb, headers });
    expect(byKey.statusCode, byKey.body).toBe(413);
    expect([byMember.statusCode, byMember.json()]).toEqual([byKey.statusCode, byKey.json()]);
    figure(`oversize answer: ${byMember.body}`);
    expect(await test.backend.usage.countEvents(fresh)).toBe(0);
  }, 180_000);

  it('is declared for members and above, and is in the OpenAPI document with its query parameters', async () => {
    expect(test.app.guardedRoutes).toContainEqual({
      method: 'POST',
      url: '/api/v1/orgs/:org_id/ingest/files',
      access: { org: 'member' },
    });
    const document = (await test.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    }>();
    const names = document.paths['/api/v1/orgs/{org_id}/ingest/files']?.post?.parameters?.map(
      (parameter) => `${parameter.in}:${parameter.name}`,
    );
    expect(names).toEqual(expect.arrayContaining(['path:org_id', 'query:format', 'query:map']));
  });
});
