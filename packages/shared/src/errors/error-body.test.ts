import { describe, expect, it } from 'vitest';
import { AppError, errors, isAppError } from './app-error.js';
import { errorBodySchema, toErrorResponse } from './error-body.js';

describe('toErrorResponse', () => {
  it('passes exposed client errors through with their stable code', () => {
    const response = toErrorResponse(
      errors.validation('email: invalid email', { details: { field: 'email' } }),
    );
    expect(response).toEqual({
      status: 400,
      body: {
        error: { code: 'validation_failed', message: 'email: invalid email', details: { field: 'email' } },
      },
    });
    expect(errorBodySchema.parse(response.body)).toEqual(response.body);
  });

  it('hides the message of server errors and unknown throwables', () => {
    expect(toErrorResponse(errors.internal('db password is hunter2'))).toEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Internal server error' } },
    });
    expect(toErrorResponse(new Error('stack and secrets'))).toEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Internal server error' } },
    });
  });

  it('can expose a 5xx deliberately (e.g. not ready)', () => {
    const error = new AppError(503, 'not_ready', 'Database starting', { expose: true });
    expect(toErrorResponse(error).body.error.message).toBe('Database starting');
  });

  it('recognizes AppErrors structurally', () => {
    expect(isAppError(errors.notFound('x'))).toBe(true);
    expect(isAppError({ name: 'AppError', status: 404, code: 'not_found' })).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
