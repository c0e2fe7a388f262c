import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, errors, isAppError } from '#errors/app-error.js';
import { toErrorResponse } from '#errors/error-body.js';
import { isDependencyUnreachable } from '#errors/unreachable.js';

/** How long a client is told to wait before retrying while a dependency is unreachable. */
const UNREACHABLE_RETRY_AFTER_S = 5;

/** Fastify's own client errors, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_VALIDATION: 'validation_failed',
};

/** Converts a ZodError into our validation error, naming the first failing field. */
export function fromZodError(error: ZodError, where = 'body'): AppError {
  const issue = error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? where : issue.path.join('.');
  const message = issue === undefined ? `${where} is invalid` : `${field}: ${issue.message}`;
  return errors.validation(message, {
    field,
    details: {
      issues: error.issues.map((item) => ({ field: item.path.join('.') || where, message: item.message })),
    },
  });
}

function normalize(error: unknown): unknown {
  // Our own errors keep their code even when Fastify stamped a statusCode on them (schema errors).
  if (isAppError(error)) {
    return error;
  }
  if (error instanceof ZodError) {
    return fromZodError(error);
  }
  if (isDependencyUnreachable(error)) {
    return errors.dependencyUnavailable(
      'A service this request needs (a database or the cache) cannot be reached right now; try again shortly',
      { expose: true, details: { retry_after_s: UNREACHABLE_RETRY_AFTER_S } },
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code ?? ''] ?? 'bad_request';
    return new AppError(status, code, fastifyError.message ?? 'Bad request');
  }
  return error;
}

/** The service's single error handler: every error leaves as `{error: {code, message}}`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const normalized = normalize(error);
    const { status, body } = toErrorResponse(normalized);
    if (status >= 500) {
      // A 5xx the service chose to answer (shutting down, saturated) is operational news; anything
      // else is a failure to look at.
      const deliberate = isAppError(normalized) && normalized.expose;
      request.log[deliberate ? 'warn' : 'error']({ err: error }, 'request failed');
    }
    const retryAfter = body.error.details?.retry_after_s;
    if (typeof retryAfter === 'number') {
      void reply.header('retry-after', String(retryAfter));
    }
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = toErrorResponse(
      errors.notFound(`Route ${request.method} ${request.url} not found`),
    );
    return reply.status(status).send(body);
  });
}
