import { AppError } from '@netra/shared';
import { executeRows } from '@netra/shared/postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import { threadListQuery, type ListShape } from './threads.repository.js';
import { titleFrom } from './threads.service.js';

let test: BackendTestApp;
let author: OrgPrincipal;
let other: OrgPrincipal;

beforeAll(async () => {
  test = await startBackendTestApp();
  const owner = await testPerson(test, 'author');
  const org = await test.backend.services.organizations.create(owner, { name: 'Threads' });
  author = { ...owner, orgId: org.id, role: 'member' };
  const second = await testPerson(test, 'other');
  await test.backend.services.organizations.addMember(org.id, second.userId, 'member');
  other = { ...second, orgId: org.id, role: 'member' };
});

afterAll(async () => {
  await test.close();
});

const threads = () => test.backend.services.threads;

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The plan PostgreSQL picks for the list query of `shape` with these SQL literals as its parameters. */
async function explainList(db: AppDatabase, shape: ListShape, literals: string): Promise<PlanNode[]> {
  const name = `explain_${shape.search ? 's' : ''}${shape.after ? 'a' : ''}`;
  await db.execute(sql.raw(`prepare ${name} as ${threadListQuery(db, shape).getQuery().sql}`));
  const rows = await executeRows<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    db,
    sql.raw(`explain (format json) execute ${name}(${literals})`),
  );
  await db.execute(sql.raw(`deallocate ${name}`));
  const plan = rows[0]?.['QUERY PLAN'][0].Plan;
  return plan === undefined ? [] : planNodes(plan);
}

describe('threads', () => {
  it('pages through every thread exactly once, most recent first, across equal timestamps', async () => {
    const created = [];
    for (let index = 0; index < 7; index += 1) {
      created.push(await threads().create(author, `Paged ${index}`));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await threads().list(author.orgId, { cursor, limit: 3, q: 'Paged' });
      seen.push(...page.items.map((thread) => thread.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created.map((thread) => thread.id)));
    expect(seen[0]).toBe(created.at(-1)?.id);
  });

  it('pages without a search too, skipping deleted threads', async () => {
    const owner = await testPerson(test, 'pager');
    const org = await test.backend.services.organizations.create(owner, { name: 'Pages' });
    const actor: OrgPrincipal = { ...owner, orgId: org.id, role: 'owner' };
    const created = [];
    for (let index = 0; index < 5; index += 1) {
      created.push(await threads().create(actor, `Unsearched ${index}`));
    }
    await threads().remove(actor, created[2]?.id ?? '');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await threads().list(org.id, { cursor, limit: 2 });
      seen.push(...page.items.map((thread) => thread.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const expected = created.filter((_thread, index) => index !== 2).map((thread) => thread.id);
    expect(seen).toEqual(expected.reverse());
  });

  it('titles an untitled thread after its first message and finds it by message text, wildcards literal', async () => {
    const thread = await threads().create(author, undefined);
    await threads().postMessage(
      author,
      thread.id,
      'Why did 100% of our spend go to gpt-4o_mini last week?\nDetails follow',
    );
    await threads().postMessage(other, thread.id, 'A second message does not rename it');
    expect((await threads().get(author.orgId, thread.id)).title).toBe(
      'Why did 100% of our spend go to gpt-4o_mini last week?',
    );
    const byText = await threads().list(author.orgId, { limit: 20, q: 'second message' });
    expect(byText.items.map((row) => row.id)).toEqual([thread.id]);
    expect((await threads().list(author.orgId, { limit: 20, q: '100%' })).items.map((row) => row.id)).toEqual(
      [thread.id],
    );
    expect((await threads().list(author.orgId, { limit: 20, q: '1_0' })).items).toEqual([]);
    const messages = await threads().listMessages(author.orgId, thread.id, { limit: 1 });
    expect(messages.items[0]?.content).toMatch(/^Why did/);
    const rest = await threads().listMessages(author.orgId, thread.id, {
      limit: 5,
      cursor: messages.nextCursor ?? undefined,
    });
    expect(rest.items.map((message) => message.userId)).toEqual([other.userId]);
  });

  it('lets the author or an admin rename and delete; a deleted thread is gone from lists and reads', async () => {
    const thread = await threads().create(author, 'Mine');
    await expect(threads().rename(other, thread.id, 'Not yours')).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    await threads().rename({ ...other, role: 'admin' }, thread.id, 'Renamed by an admin');
    await threads().remove(author, thread.id);
    await expect(threads().get(author.orgId, thread.id)).rejects.toMatchObject({ status: 404 });
    const all = await threads().list(author.orgId, { limit: 100 });
    expect(all.items.map((row) => row.id)).not.toContain(thread.id);
  });

  it('reads a page in index order and seeks to the cursor, however many threads there are', async () => {
    const plans = await test.backend.stores.postgres.db.transaction(async (tx) => {
      // Small test tables are cheapest to read whole; without those scans, an order the index cannot
      // give shows up as a Sort, and a cursor it cannot seek to as a Filter.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const first = await explainList(tx, { search: false, after: false }, `'${author.orgId}', 21`);
      const cursor = `'${author.orgId}', '2026-01-01T00:00:00.000Z', '${author.orgId}', 21`;
      return { first, after: await explainList(tx, { search: false, after: true }, cursor) };
    });
    for (const plan of [plans.first, plans.after]) {
      expect(plan.map((node) => node['Node Type'])).not.toContain('Sort');
      expect(plan.map((node) => node['Index Name'])).toContain('threads_org_recent_idx');
    }
    expect(plans.after.map((node) => node['Index Cond']).join(' ')).toMatch(/updated_at/);
  });

  it('refuses a cursor it did not issue, naming the field', async () => {
    const error = await threads()
      .list(author.orgId, { limit: 5, cursor: 'bm90LWEtY3Vyc29y' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, field: 'query.cursor' });
  });

  it('cuts long first lines at a word', () => {
    expect(titleFrom(`${'word '.repeat(30)}end`)).toMatch(/^word( word)+…$/);
    expect(titleFrom('short')).toBe('short');
  });
});
