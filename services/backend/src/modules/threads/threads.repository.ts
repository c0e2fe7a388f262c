import { and, asc, desc, eq, gt, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { CursorPosition } from '#platform/http/cursor.js';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
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

function searchCondition(search: string): SQL | undefined {
  const pattern = likePattern(search);
  return or(
    ilike(threads.title, pattern),
    sql`exists (select 1 from ${messages} where ${messages.threadId} = ${threads.id} and ${messages.content} ilike ${pattern})`,
  );
}

/** Every PostgreSQL query on threads and messages; each one takes the organization id. */
export class ThreadsRepository {
  constructor(private readonly db: AppDatabase) {}

  async create(orgId: string, userId: string, title: string | null): Promise<ThreadRow> {
    const rows = await this.db.insert(threads).values({ id: newId(), orgId, userId, title }).returning();
    return insertedRow(rows, 'thread');
  }

  /** Most recently active first; deleted threads never appear. */
  async list(orgId: string, filter: ThreadListFilter): Promise<ThreadRow[]> {
    const { after } = filter;
    const conditions = [
      eq(threads.orgId, orgId),
      isNull(threads.deletedAt),
      filter.search === undefined ? undefined : searchCondition(filter.search),
      after === undefined
        ? undefined
        : or(lt(threads.updatedAt, after.at), and(eq(threads.updatedAt, after.at), lt(threads.id, after.id))),
    ];
    return this.db
      .select()
      .from(threads)
      .where(and(...conditions))
      .orderBy(desc(threads.updatedAt), desc(threads.id))
      .limit(filter.limit + 1);
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
