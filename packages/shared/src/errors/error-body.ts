import { z } from 'zod';
import { isAppError } from './app-error.js';

/** Wire shape of every error response: `{ error: { code, message, details? } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** Maps any thrown value to a status and a body that never leaks unexposed messages or stacks. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (!isAppError(error)) {
    return { status: 500, body: { error: { code: 'internal_error', message: INTERNAL_ERROR_MESSAGE } } };
  }
  const message = error.expose ? error.message : INTERNAL_ERROR_MESSAGE;
  const body: ErrorBody = { error: { code: error.code, message } };
  if (error.expose && error.field !== undefined) {
    body.error.field = error.field;
  }
  if (error.expose && error.details !== undefined) {
    body.error.details = error.details;
  }
  return { status: error.status, body };
}
