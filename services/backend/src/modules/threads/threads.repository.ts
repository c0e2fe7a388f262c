import { and, asc, eq, gt, ilike, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { CursorPosition } from '#platform/http/cursor.js';
import { insertedRow, statementName, type AppDatabase } from '#platform/stores/postgres.js';
import { messages, threads, type MessageRole, type MessageRow, type ThreadRow } from './threads.tables.js';

export interface ThreadListFilter {
  search: string | undefined;
  after: CursorPosition | undefined;
  limit: number;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function searchCondition(pattern: SQLWrapper): SQL | undefined {
  return or(
    ilike(threads.title, pattern),
    sql`exists (select 1 from ${messages} where ${messages.threadId} = ${threads.id} and ${messages.content} ilike ${pattern})`,
  );
}

export interface ListShape {
  search: boolean;
  after: boolean;
}

/**
 * The list query of one shape (with or without a search, with or without a cursor), built once and
 * prepared by name: the list is read on every visit, so drizzle builds it once and PostgreSQL parses
 * it once per connection.
 *
 * It walks `threads_org_recent_idx` in order and stops after `limit` rows, however many threads the
 * organization has: the order says NULLS LAST like the index (plain DESC means NULLS FIRST, which the
 * index cannot give, so PostgreSQL would sort all of the organization's threads for every page; both
 * columns are NOT NULL, so the order is the same), and the cursor is one row comparison, which the
 * index seeks to instead of filtering every row before it.
 */
export function threadListQuery(db: AppDatabase, shape: ListShape) {
  const conditions = [
    eq(threads.orgId, sql.placeholder('orgId')),
    isNull(threads.deletedAt),
    shape.search ? searchCondition(sql.placeholder('pattern')) : undefined,
    shape.after
      ? sql`(${threads.updatedAt}, ${threads.id}) < (${sql.placeholder('afterAt')}, ${sql.placeholder('afterId')})`
      : undefined,
  ];
  return db
    .select()
    .from(threads)
    .where(and(...conditions))
    .orderBy(sql`${threads.updatedAt} desc nulls last`, sql`${threads.id} desc nulls last`)
    .limit(sql.placeholder('limit'))
    .prepare(statementName(db, `threads_list${shape.search ? '_search' : ''}${shape.after ? '_after' : ''}`));
}

type ListQuery = ReturnType<typeof threadListQuery>;

/** Every PostgreSQL query on threads and messages; each one takes the organization id. */
export class ThreadsRepository {
  private readonly listQueries = new Map<string, ListQuery>();

  constructor(private readonly db: AppDatabase) {}

  private listQuery(shape: ListShape): ListQuery {
    const key = `${shape.search}:${shape.after}`;
    const known = this.listQueries.get(key);
    if (known !== undefined) {
      return known;
    }
    const query = threadListQuery(this.db, shape);
    this.listQueries.set(key, query);
    return query;
  }

  async create(orgId: string, userId: string, title: string | null): Promise<ThreadRow> {
    const rows = await this.db.insert(threads).values({ id: newId(), orgId, userId, title }).returning();
    return insertedRow(rows, 'thread');
  }

  /** Most recently active first; deleted threads never appear. */
  async list(orgId: string, filter: ThreadListFilter): Promise<ThreadRow[]> {
    const { search, after } = filter;
    const query = this.listQuery({ search: search !== undefined, after: after !== undefined });
    return query.execute({
      orgId,
      limit: filter.limit + 1,
      ...(search === undefined ? {} : { pattern: likePattern(search) }),
      // The column's own encoding, which a placeholder skips: an ISO timestamp with milliseconds.
      ...(after === undefined ? {} : { afterAt: after.at.toISOString(), afterId: after.id }),
    });
  }

  async find(orgId: string, id: string): Promise<ThreadRow | undefined> {
    const rows = await this.db
      .select()
      .from(threads)
      .where(and(eq(threads.orgId, orgId), eq(threads.id, id), isNull(threads.deletedAt)))
      .limit(1);
    return rows[0];
  }

  async update(
    orgId: string,
    id: string,
    change: { title?: string; deleted?: true },
  ): Promise<ThreadRow | undefined> {
    const rows = await this.db
      .update(threads)
      .set({
        ...(change.title === undefined ? {} : { title: change.title }),
        ...(change.deleted === undefined ? { updatedAt: sql`now()` } : { deletedAt: sql`now()` }),
      })
      .where(and(eq(threads.orgId, orgId), eq(threads.id, id), isNull(threads.deletedAt)))
      .returning();
    return rows[0];
  }

  /** Appends a message, names an untitled thread after it, and marks the thread active, in one transaction. */
  async appendMessage(
    thread: ThreadRow,
    message: { userId: string | null; role: MessageRole; content: string },
    titleIfUntitled: string,
  ): Promise<MessageRow> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(messages)
        .values({ id: newId(), threadId: thread.id, orgId: thread.orgId, ...message })
        .returning();
      await tx
        .update(threads)
        .set({ updatedAt: sql`now()`, title: sql`coalesce(${threads.title}, ${titleIfUntitled})` })
        .where(eq(threads.id, thread.id));
      return insertedRow(rows, 'message');
    });
  }

  /** Oldest first, so a conversation reads top to bottom. */
  async listMessages(
    thread: ThreadRow,
    after: CursorPosition | undefined,
    limit: number,
  ): Promise<MessageRow[]> {
    const conditions = [
      eq(messages.threadId, thread.id),
      eq(messages.orgId, thread.orgId),
      after === undefined
        ? undefined
        : or(
            gt(messages.createdAt, after.at),
            and(eq(messages.createdAt, after.at), gt(messages.id, after.id)),
          ),
    ];
    return this.db
      .select()
      .from(messages)
      .where(and(...conditions))
      .orderBy(asc(messages.createdAt), asc(messages.id))
      .limit(limit + 1);
  }
}
