/**
 * Run reports and their recommendations over HTTP with real tokens, on a report built around a real
 * engine report of seeded usage: saving (once per run), listing newest first with cursors and a
 * thread filter, reading, exporting each format, another organization's ids answering 404, and the
 * recommendation states (a viewer cannot mark; bad transitions and dates are named by field).
 * @module
 */
import { analyzeUsage, createPriceCatalog } from '@netra/optimizer';
import type { AnalysisReport } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { newTestRun, reportDraftOf } from '#test-support/reports/report-fixtures.js';

const HOSTILE_TITLE = '<script>alert("x")</script> & spend';
const HOSTILE_FEATURE = '<img src=x onerror=alert(1)>';
const DAY_MS = 86_400_000;

let auth: AuthServiceFixture;
let test: BackendTestApp;
let member: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let orgId = '';
let strangerOrgId = '';
let analysis: AnalysisReport;

type Method = 'GET' | 'PATCH';

async function call(user: TestUser, method: Method, path: string, body?: unknown) {
  const response = await test.app.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${user.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  const json = response.headers['content-type']?.toString().startsWith('application/json') ?? false;
  return {
    status: response.statusCode,
    headers: response.headers,
    text: response.body,
    body: json ? response.json<Record<string, unknown>>() : null,
  };
}

async function personalOrg(user: TestUser): Promise<string> {
  const me = await call(user, 'GET', '/api/v1/me');
  const [org] = (me.body?.organizations ?? []) as { id: string }[];
  if (org === undefined) {
    throw new Error('no personal organization');
  }
  return org.id;
}

/** Three days of a support bot on Claude Sonnet 4 (a shared prompt prefix, some billed errors). */
function usage(): Record<string, unknown>[] {
  const start = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
  return Array.from({ length: 60 }, (_, index) => ({
    timestamp: new Date(
      start + Math.floor(index / 20) * DAY_MS + 9 * 3_600_000 + (index % 20) * 60_000,
    ).toISOString(),
    model: 'claude-sonnet-4',
    feature: HOSTILE_FEATURE,
    input_tokens: 3_000,
    output_tokens: 100 + index,
    status: index % 10 === 0 ? 'error' : 'success',
    prefix_hashes: ['a', 'b', 'c', 'd', `u${index}`],
    prefix_block_tokens: 512,
  }));
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  const owner = await auth.register('report-owner');
  member = await auth.register('report-member');
  viewer = await auth.register('report-viewer');
  stranger = await auth.register('report-stranger');
  orgId = await personalOrg(owner);
  strangerOrgId = await personalOrg(stranger);
  await personalOrg(member);
  await personalOrg(viewer);
  await test.backend.services.organizations.addMember(orgId, member.id, 'member');
  await test.backend.services.organizations.addMember(orgId, viewer.id, 'viewer');
  await test.backend.services.ingestion.ingest(orgId, usage(), 'test');
  analysis = await analyzeUsage(test.backend.usageAnalysis, {
    scope: { orgId },
    catalog: createPriceCatalog(),
  });
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

const reportsPath = (org = orgId) => `/api/v1/orgs/${org}/reports`;
const recommendationsPath = (org = orgId) => `/api/v1/orgs/${org}/recommendations`;
const errorOf = (body: Record<string, unknown> | null) =>
  (body?.error ?? {}) as { code?: string; field?: string; message?: string };

async function saveReport(title: string, createdAt: Date, run?: { runId: string; threadId: string }) {
  const ids = run ?? (await newTestRun(test, orgId));
  const saved = await test.backend.services.reports.saveRunReport({
    orgId,
    ...ids,
    createdAt,
    draft: reportDraftOf(analysis, title),
  });
  return { ...saved, ...ids };
}

describe('reports', () => {
  it('stores a run’s report once, with one recommendation per opportunity', async () => {
    expect(analysis.opportunities.length).toBeGreaterThan(0);
    const run = await newTestRun(test, orgId);
    const first = await saveReport('Saved twice', new Date(), run);
    const again = await saveReport('Saved twice', new Date(), run);
    expect(again.id).toBe(first.id);
    expect(first.report).toMatchObject({
      id: first.id,
      org_id: orgId,
      run_id: run.runId,
      thread_id: run.threadId,
    });
    const listed = await call(viewer, 'GET', `${recommendationsPath()}?report_id=${first.id}&limit=100`);
    const items = listed.body?.items as { opportunity_id: string; proven: boolean; status: string }[];
    expect(items.map((item) => item.opportunity_id).sort()).toEqual(
      analysis.opportunities.map((opportunity) => opportunity.id).sort(),
    );
    const firstPage = await call(viewer, 'GET', `${recommendationsPath()}?report_id=${first.id}&limit=1`);
    const cursor = String(firstPage.body?.next_cursor);
    const nextPage = await call(
      viewer,
      'GET',
      `${recommendationsPath()}?report_id=${first.id}&limit=100&cursor=${cursor}`,
    );
    const paged = [
      ...(firstPage.body?.items as { id: string }[]),
      ...(nextPage.body?.items as { id: string }[]),
    ];
    expect(new Set(paged.map((item) => item.id)).size).toBe(items.length);
    const proven = new Set(analysis.plan.proven.opportunity_ids);
    expect(
      items.every((item) => item.proven === proven.has(item.opportunity_id) && item.status === 'proposed'),
    ).toBe(true);
  });

  it('lists newest first a page at a time, filters by thread, and reads one', async () => {
    const older = await saveReport('Older', new Date(Date.now() - 60_000));
    const newer = await saveReport('Newer', new Date(Date.now() + 60_000));
    const firstPage = await call(viewer, 'GET', `${reportsPath()}?limit=1`);
    expect(firstPage.body?.items).toEqual([
      expect.objectContaining({ id: newer.id, title: 'Newer', tier: 'full', summary: newer.report.summary }),
    ]);
    const secondPage = await call(
      viewer,
      'GET',
      `${reportsPath()}?limit=1&cursor=${String(firstPage.body?.next_cursor)}`,
    );
    expect((secondPage.body?.items as { id: string }[])[0]?.id).not.toBe(newer.id);
    const ofThread = await call(viewer, 'GET', `${reportsPath()}?thread_id=${older.threadId}`);
    expect(ofThread.body).toEqual({ items: [expect.objectContaining({ id: older.id })], next_cursor: null });
    const read = await call(viewer, 'GET', `${reportsPath()}/${older.id}`);
    expect(read.body).toEqual(older.report);
    const badCursor = await call(viewer, 'GET', `${reportsPath()}?cursor=nope`);
    expect(errorOf(badCursor.body)).toMatchObject({ code: 'validation_failed', field: 'query.cursor' });
  });

  it('exports Markdown, JSON and a print-ready HTML page that escapes everything', async () => {
    const saved = await saveReport(HOSTILE_TITLE, new Date('2026-11-30T12:00:00Z'));
    const file = (format: string) =>
      call(viewer, 'GET', `${reportsPath()}/${saved.id}/export?format=${format}`);
    const filename = `netra-report-2026-11-30-${saved.id.slice(0, 8)}`;
    const md = await file('md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.headers['content-disposition']).toBe(`attachment; filename="${filename}.md"`);
    expect(md.text).toBe(saved.report.markdown);
    const json = await file('json');
    expect(json.headers['content-disposition']).toBe(`attachment; filename="${filename}.json"`);
    expect(JSON.parse(json.text)).toEqual(saved.report);
    const html = await file('html');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toBe(`attachment; filename="${filename}.html"`);
    expect(html.text.startsWith('<!doctype html>')).toBe(true);
    expect(html.text).toContain('@media print');
    expect(html.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; spend');
    expect(html.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.text).not.toMatch(/<script|<img/i);
    expect(html.text).toContain('<h2>Analysis</h2>');
    expect(html.text).toContain('<h2>Action plan</h2>');
    const unknown = await file('pdf');
    expect(errorOf(unknown.body)).toMatchObject({ code: 'validation_failed', field: 'querystring.format' });
  });

  it('answers 404 for another organization’s report, through its own org or ours', async () => {
    const saved = await saveReport('Private', new Date());
    for (const path of [
      `${reportsPath(strangerOrgId)}/${saved.id}`,
      `${reportsPath(strangerOrgId)}/${saved.id}/export?format=json`,
      `${reportsPath()}/${saved.id}`,
      reportsPath(),
    ]) {
      const response = await call(stranger, 'GET', path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('Private');
    }
    expect((await call(stranger, 'GET', reportsPath(strangerOrgId))).body).toEqual({
      items: [],
      next_cursor: null,
    });
  });
});

describe('recommendations', () => {
  async function freshRecommendationId(): Promise<string> {
    const saved = await saveReport('Recommendations', new Date());
    const page = await call(viewer, 'GET', `${recommendationsPath()}?report_id=${saved.id}`);
    const [first] = page.body?.items as { id: string }[];
    if (first === undefined) {
      throw new Error('no recommendation');
    }
    return first.id;
  }
  const patch = (user: TestUser, id: string, body: unknown, org = orgId) =>
    call(user, 'PATCH', `${recommendationsPath(org)}/${id}`, body);

  it('is marked applied, back to proposed, dismissed with a reason; filters by status', async () => {
    const id = await freshRecommendationId();
    const appliedAt = new Date(Date.now() - DAY_MS).toISOString();
    const applied = await patch(member, id, { status: 'applied', applied_at: appliedAt });
    expect(applied.body).toMatchObject({
      id,
      status: 'applied',
      applied_at: appliedAt,
      dismissed_reason: null,
    });
    expect(applied.body?.realized).toMatchObject({ status: 'not_enough_data', min_days: 3 });
    const proposed = await patch(member, id, { status: 'proposed' });
    expect(proposed.body).toMatchObject({ status: 'proposed', applied_at: null, realized: null });
    const dismissed = await patch(member, id, { status: 'dismissed', reason: 'We cannot change the prompt' });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissed_reason: 'We cannot change the prompt',
    });
    const listed = await call(viewer, 'GET', `${recommendationsPath()}?status=dismissed&limit=100`);
    expect((listed.body?.items as { id: string }[]).map((item) => item.id)).toContain(id);
    expect((await call(viewer, 'GET', `${recommendationsPath()}/${id}`)).body).toMatchObject({
      status: 'dismissed',
    });
  });

  it('refuses bad transitions and dates, naming the field', async () => {
    const id = await freshRecommendationId();
    const future = new Date(Date.now() + DAY_MS).toISOString();
    const cases: [unknown, string][] = [
      [{ status: 'applied', applied_at: future }, 'body.applied_at'],
      [{ status: 'applied' }, 'body.applied_at'],
      [{ status: 'dismissed', reason: '  ' }, 'body.reason'],
      [{ status: 'proposed' }, 'body.status'],
      [{ status: 'done' }, 'body.status'],
    ];
    for (const [body, field] of cases) {
      const response = await patch(member, id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(response.body).field, JSON.stringify(body)).toBe(field);
    }
    await patch(member, id, { status: 'dismissed', reason: 'Not now' });
    const toApplied = await patch(member, id, { status: 'applied', applied_at: new Date().toISOString() });
    expect(errorOf(toApplied.body)).toMatchObject({ field: 'body.status' });
  });

  it('cannot be marked by a viewer, nor seen or marked from another organization', async () => {
    const id = await freshRecommendationId();
    const byViewer = await patch(viewer, id, { status: 'dismissed', reason: 'no' });
    expect(byViewer.status).toBe(403);
    expect((await patch(stranger, id, { status: 'dismissed', reason: 'no' }, strangerOrgId)).status).toBe(
      404,
    );
    expect((await call(stranger, 'GET', `${recommendationsPath(strangerOrgId)}/${id}`)).status).toBe(404);
    expect((await patch(stranger, id, { status: 'dismissed', reason: 'no' })).status).toBe(404);
    expect((await call(viewer, 'GET', `${recommendationsPath()}/${id}`)).body).toMatchObject({
      status: 'proposed',
    });
  });
});
