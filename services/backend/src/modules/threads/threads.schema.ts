import { z } from 'zod';
import type { Message, Thread } from '@netra/shared/contracts';
import type { MessageRow, ThreadRow } from './threads.tables.js';

export {
  createMessageBodySchema,
  createThreadBodySchema,
  messageSchema,
  pageQuerySchema,
  pageSchema,
  threadListQuerySchema,
  threadSchema,
  updateThreadBodySchema,
} from '@netra/shared/contracts';

export const threadParamsSchema = z.object({ org_id: z.string(), id: z.uuid() });

export function presentThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    title: row.title,
    created_by: row.userId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentMessage(row: MessageRow): Message {
  return {
    id: row.id,
    thread_id: row.threadId,
    role: row.role,
    content: row.content,
    user_id: row.userId,
    created_at: row.createdAt.toISOString(),
  };
}
