/**
 * The organization's ingestion endpoints on this deployment, and how a client authenticates there:
 * every ingestion route takes an ingestion API key as `Authorization: Bearer nk_…` (see
 * `ingestion/ingestion-auth.ts`); the key names the organization.
 * @module
 */
import type { DataRequest } from '@netra/shared/contracts';

export type IngestionUrls = DataRequest['ingestion'];

/** The placeholder a snippet shows where the organization's ingestion API key goes. */
export const API_KEY_VARIABLE = 'NETRA_API_KEY';

/** The ingestion URLs under the backend's public base URL (a trailing slash or path is respected). */
export function ingestionUrls(publicApiUrl: string): IngestionUrls {
  const base = publicApiUrl.trim().replace(/\/+$/, '');
  return {
    events_url: `${base}/api/v1/ingest/events`,
    files_url: `${base}/api/v1/ingest/files`,
    otlp_traces_url: `${base}/v1/traces`,
  };
}

/** A curl upload of a file to the files endpoint; `query` picks a format or a column map. */
export function uploadCommand(urls: IngestionUrls, file: string, query = ''): string {
  const url = query === '' ? urls.files_url : `${urls.files_url}?${query}`;
  return `curl -X POST "${url}" -H "Authorization: Bearer $${API_KEY_VARIABLE}" -H "Content-Type: application/octet-stream" --data-binary @${file}`;
}
