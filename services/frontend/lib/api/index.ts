/** The web app's HTTP client: typed calls, ApiError, the query client and the `useApi` hook. */
export { ApiError, CLIENT_ERROR_CODES, isApiError, apiErrorFromResponse } from './api-error';
export { buildUrl, createApiClient, type ApiClient, type RequestOptions } from './api-client';
export { createQueryClient, shouldRetryQuery } from './query-client';
export { ApiContext, useApi } from './api-context';
