import { readinessSchema, type Readiness } from '@netra/shared';

/** Why a readiness check produced no readiness report. */
export type ReadinessFailure = 'unreachable' | 'bad_response';

/** A readiness check that got no usable answer; `reason` tells the UI which state to show. */
export class ReadinessFetchError extends Error {
  readonly reason: ReadinessFailure;

  constructor(reason: ReadinessFailure, message: string) {
    super(message);
    this.name = 'ReadinessFetchError';
    this.reason = reason;
  }
}

/** Cancellation, and the fetch to use (tests pass a fake; the default is the global fetch). */
export interface FetchReadinessOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** The readiness URL of a service; keeps any path prefix the base URL has (e.g. behind a proxy). */
export function readinessUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/health/ready`;
}

/**
 * Fetches and validates a service's `GET /health/ready`. A 503 still carries a readiness report
 * (the service is up but a store is not), so both 200 and 503 are answers.
 * @throws ReadinessFetchError when the service cannot be reached or answers with something else.
 */
export async function fetchReadiness(
  baseUrl: string,
  options: FetchReadinessOptions = {},
): Promise<Readiness> {
  const url = readinessUrl(baseUrl);
  const response = await request(url, options);
  if (response.status !== 200 && response.status !== 503) {
    throw new ReadinessFetchError('bad_response', `${url} answered HTTP ${response.status}`);
  }
  const parsed = readinessSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ReadinessFetchError('bad_response', `${url} did not answer with a readiness report`);
  }
  return parsed.data;
}

async function request(url: string, options: FetchReadinessOptions): Promise<Response> {
  const fetchImpl = options.fetch ?? fetch;
  try {
    return await fetchImpl(url, { cache: 'no-store', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted === true) {
      throw error;
    }
    // Browsers report refused connections and CORS rejections alike as a TypeError without detail.
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReadinessFetchError('unreachable', `no answer from ${url} (${detail})`);
  }
}
