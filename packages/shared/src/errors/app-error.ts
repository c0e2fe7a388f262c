/**
 * The one error model every service uses: an HTTP status, a stable machine-readable code,
 * a human message, and whether that message may be shown to the caller.
 */
export interface AppErrorOptions {
  /** Whether the message is safe to send to clients. Defaults to true for 4xx, false for 5xx. */
  expose?: boolean;
  /** Structured, client-safe detail (for example the field that failed validation). */
  details?: Record<string, unknown>;
  /** The request field at fault (`body.name`, `query.limit`, `params.org_id`), for validation errors. */
  field?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.expose = options.expose ?? status < 500;
    this.details = options.details;
    this.field = options.field;
  }
}

/** True when the value is an AppError, also across module copies (duck-typed on the fields). */
export function isAppError(value: unknown): value is AppError {
  if (value instanceof AppError) {
    return true;
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<AppError>;
  return (
    candidate.name === 'AppError' &&
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string'
  );
}

type Factory = (message: string, options?: AppErrorOptions) => AppError;

const make =
  (status: number, code: string): Factory =>
  (message, options) =>
    new AppError(status, code, message, options);

/** Factories for the common cases; services add their own codes with `new AppError(...)`. */
export const errors = {
  badRequest: make(400, 'bad_request'),
  validation: make(400, 'validation_failed'),
  unauthorized: make(401, 'unauthorized'),
  forbidden: make(403, 'forbidden'),
  notFound: make(404, 'not_found'),
  conflict: make(409, 'conflict'),
  payloadTooLarge: make(413, 'payload_too_large'),
  unsupportedMediaType: make(415, 'unsupported_media_type'),
  tooManyRequests: make(429, 'rate_limited'),
  internal: make(500, 'internal_error'),
  notReady: make(503, 'not_ready'),
  dependencyUnavailable: make(503, 'dependency_unavailable'),
} as const;
