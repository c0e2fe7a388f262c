/**
 * A small typed HTTP client for the backend's REST API (ARCHITECTURE §4.5) and the auth service:
 * JSON in and out, the bearer access token, errors as ApiError, and success bodies parsed with the
 * contracts' zod schemas, so a screen only ever sees data that matches its type.
 * @module
 */
import type { z } from 'zod';
import { apiErrorFromResponse, ApiError, CLIENT_ERROR_CODES, networkError } from './api-error';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call: the schema parses the success body (omit it for answers without a body, e.g. 204). */
export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: HttpMethod;
  /** Serialized as JSON. */
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  schema?: S;
  signal?: AbortSignal;
  /** Send cookies (the auth service's refresh cookie); bearer calls do not need them. */
  credentials?: RequestCredentials;
  /** Send no bearer token even when one is known (auth endpoints that take none). */
  anonymous?: boolean;
}

export type ResponseOf<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

/** Where the client sends calls and how it authenticates them. */
export interface ApiClientOptions {
  baseUrl: string;
  /** The current access token, or null when signed out. */
  getAccessToken?: () => string | null;
  /**
   * Called once when a bearer call answers 401; resolves to a fresh token to retry with, or null.
   * The auth session refreshes here (single-flight), so an expired token costs one retry.
   */
  onUnauthorized?: () => Promise<string | null>;
  fetch?: typeof fetch;
}

/** The client: `request` plus the base URL it was made for. */
export interface ApiClient {
  readonly baseUrl: string;
  request<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: RequestOptions<S>,
  ): Promise<ResponseOf<S>>;
}

/** `base` + `path` + query, keeping any path prefix of the base URL. */
export function buildUrl(baseUrl: string, path: string, query: RequestOptions<undefined>['query'] = {}) {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(key, String(value));
    }
  }
  return url.href;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseBody<S extends z.ZodType | undefined>(schema: S, body: unknown, url: string): ResponseOf<S> {
  if (schema === undefined) {
    return undefined as ResponseOf<S>;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: 200,
      code: CLIENT_ERROR_CODES.invalidResponse,
      message: `The answer of ${new URL(url).pathname} does not match the expected shape`,
    });
  }
  return parsed.data as ResponseOf<S>;
}

function requestInit(options: RequestOptions<z.ZodType | undefined>, token: string | null): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token !== null) {
    headers.Authorization = `Bearer ${token}`;
  }
  return {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    credentials: options.credentials ?? 'omit',
    cache: 'no-store',
    signal: options.signal ?? null,
  };
}

async function send(
  fetchImpl: typeof fetch,
  url: string,
  call: RequestOptions<z.ZodType | undefined>,
  token: string | null,
): Promise<Response> {
  try {
    return await fetchImpl(url, requestInit(call, token));
  } catch (error) {
    if (call.signal?.aborted === true) {
      throw error;
    }
    throw networkError(url, error);
  }
}

/** Sends a call; on a 401 to a bearer call, asks for a fresh token once and sends it again. */
async function sendWithRefresh(
  options: ApiClientOptions,
  url: string,
  call: RequestOptions<z.ZodType | undefined>,
) {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const token = call.anonymous === true ? null : (options.getAccessToken?.() ?? null);
  const response = await send(fetchImpl, url, call, token);
  if (response.status !== 401 || token === null || options.onUnauthorized === undefined) {
    return response;
  }
  const fresh = await options.onUnauthorized();
  return fresh === null ? response : send(fetchImpl, url, call, fresh);
}

/** Creates a client for one service. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  async function request<S extends z.ZodType | undefined = undefined>(
    path: string,
    call: RequestOptions<S> = {},
  ): Promise<ResponseOf<S>> {
    const url = buildUrl(options.baseUrl, path, call.query);
    const response = await sendWithRefresh(options, url, call);
    const body = await readJson(response);
    if (!response.ok) {
      throw apiErrorFromResponse(response.status, body);
    }
    return parseBody(call.schema as S, body, url);
  }

  return { baseUrl: options.baseUrl, request };
}
