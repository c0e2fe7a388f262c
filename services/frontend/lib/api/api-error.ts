/**
 * The one error type the web app's HTTP calls throw. The backend and the auth service answer every
 * error as `{error: {code, message, field?}}` (ARCHITECTURE §4.5); anything else (a proxy's HTML
 * page, no answer at all, a body that does not match its schema) is mapped to a code of our own so
 * that screens switch on `code` and never parse text.
 * @module
 */
import { errorBodySchema } from '@netra/shared/contracts';

/** Codes the client itself assigns when the server gave no error body of its own. */
export const CLIENT_ERROR_CODES = {
  /** No HTTP answer: the service is down, still starting, or the network is gone. */
  network: 'network_error',
  /** An HTTP answer whose body is not the error model (e.g. a proxy's 502 page). */
  unexpectedResponse: 'unexpected_response',
  /** A success whose body does not match the contract's schema. */
  invalidResponse: 'invalid_response',
} as const;

/** A failed call: `status` is the HTTP status (0 when there was no answer). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(input: { status: number; code: string; message: string; field?: string | undefined }) {
    super(input.message);
    this.name = 'ApiError';
    this.status = input.status;
    this.code = input.code;
    this.field = input.field;
  }

  /** 401: the access token is missing, expired or revoked. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** No answer or a 5xx: worth trying again later; a 4xx is not. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** Narrows an unknown thrown value. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Maps a non-2xx answer (its status and its parsed JSON body, or undefined) to an ApiError. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError({ status, code, message, field });
  }
  return new ApiError({
    status,
    code: CLIENT_ERROR_CODES.unexpectedResponse,
    message: `The server answered HTTP ${status} without an error description`,
  });
}

/** The error for a call that got no HTTP answer at all. */
export function networkError(url: string, cause: unknown): ApiError {
  const error = new ApiError({
    status: 0,
    code: CLIENT_ERROR_CODES.network,
    message: `Could not reach ${new URL(url).origin}; it may be starting or offline`,
  });
  error.cause = cause;
  return error;
}
