import type { z } from 'zod';
import { fromZodError } from './error-handler.js';

/** Validates request input at the boundary; failures become 400 `validation_failed` naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw fromZodError(parsed.error, where);
  }
  return parsed.data;
}
