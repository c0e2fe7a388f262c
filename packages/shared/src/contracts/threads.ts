import { z } from 'zod';
import { pageQuerySchema } from './pagination.js';
import { plainText } from './text.js';

const isoDate = z.iso.datetime({ offset: true });

export const threadSchema = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  created_by: z.string(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Thread = z.infer<typeof threadSchema>;

export const threadListQuerySchema = pageQuerySchema.extend({
  /** Words to find in thread titles and message text (case-insensitive). */
  q: plainText({ max: 200 }).optional(),
});
export const createThreadBodySchema = z.object({ title: plainText({ min: 1, max: 200 }).optional() });
export const updateThreadBodySchema = z.object({ title: plainText({ min: 1, max: 200 }) });

export const messageRoleSchema = z.enum(['user', 'assistant', 'system']);
export const messageSchema = z.object({
  id: z.uuid(),
  thread_id: z.uuid(),
  role: messageRoleSchema,
  content: z.string(),
  user_id: z.string().nullable(),
  created_at: isoDate,
});
export type Message = z.infer<typeof messageSchema>;
export const createMessageBodySchema = z.object({ content: plainText({ min: 1, max: 32_000 }) });
