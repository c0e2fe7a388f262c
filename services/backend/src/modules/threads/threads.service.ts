import { AppError } from '@netra/shared';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { decodeCursor, toPage } from '#platform/http/cursor.js';
import { hasRole } from '#platform/http/roles.js';
import type { ThreadsRepository } from './threads.repository.js';
import type { MessageRow, ThreadRow } from './threads.tables.js';

const TITLE_CHARS = 80;

const threadNotFound = () => new AppError(404, 'not_found', 'Thread not found');

/** A title from the first message: its first line, cut at a word near 80 characters. */
export function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= TITLE_CHARS) {
    return line;
  }
  const cut = line.slice(0, TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Conversations of an organization: every member sees them; the author or an admin renames or deletes. */
export class ThreadsService {
  constructor(private readonly threads: ThreadsRepository) {}

  async list(orgId: string, query: { cursor?: string | undefined; limit: number; q?: string | undefined }) {
    const search = query.q === undefined || query.q === '' ? undefined : query.q;
    const rows = await this.threads.list(orgId, {
      search,
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    return toPage(rows, query.limit, (row) => ({ at: row.updatedAt, id: row.id }));
  }

  create(actor: OrgPrincipal, title: string | undefined): Promise<ThreadRow> {
    return this.threads.create(actor.orgId, actor.userId, title ?? null);
  }

  async get(orgId: string, id: string): Promise<ThreadRow> {
    const thread = await this.threads.find(orgId, id);
    if (thread === undefined) {
      throw threadNotFound();
    }
    return thread;
  }

  async rename(actor: OrgPrincipal, id: string, title: string): Promise<ThreadRow> {
    await this.requireAuthorOrAdmin(actor, id);
    return this.updated(await this.threads.update(actor.orgId, id, { title }));
  }

  /** Soft delete: the thread disappears from every list and read; its rows stay for the record. */
  async remove(actor: OrgPrincipal, id: string): Promise<void> {
    await this.requireAuthorOrAdmin(actor, id);
    this.updated(await this.threads.update(actor.orgId, id, { deleted: true }));
  }

  async listMessages(orgId: string, id: string, query: { cursor?: string | undefined; limit: number }) {
    const thread = await this.get(orgId, id);
    const rows = await this.threads.listMessages(thread, decodeCursor(query.cursor), query.limit);
    return toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  /** A person's message; an untitled thread is named after its first message. */
  async postMessage(actor: OrgPrincipal, id: string, content: string): Promise<MessageRow> {
    const thread = await this.get(actor.orgId, id);
    return this.threads.appendMessage(
      thread,
      { userId: actor.userId, role: 'user', content },
      titleFrom(content),
    );
  }

  /** The agents' answer on a thread (a finished run's report). */
  async postAnswer(orgId: string, id: string, content: string): Promise<MessageRow> {
    const thread = await this.get(orgId, id);
    return this.threads.appendMessage(
      thread,
      { userId: null, role: 'assistant', content },
      titleFrom(content),
    );
  }

  private async requireAuthorOrAdmin(actor: OrgPrincipal, id: string): Promise<void> {
    const thread = await this.get(actor.orgId, id);
    if (thread.userId !== actor.userId && !hasRole(actor.role, 'admin')) {
      throw new AppError(403, 'forbidden', 'Only the thread’s author or an admin may change it', {
        details: { required_role: 'admin', role: actor.role },
      });
    }
  }

  private updated(thread: ThreadRow | undefined): ThreadRow {
    if (thread === undefined) {
      throw threadNotFound();
    }
    return thread;
  }
}
