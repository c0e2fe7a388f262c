'use client';
/**
 * Downloads `GET …/usage/export` as a file. The answer is CSV, not JSON, so it is fetched directly
 * (with the session's bearer token) rather than through the JSON client; an error answer still
 * becomes an ApiError naming its field.
 * @module
 */
import { useMutation } from '@tanstack/react-query';
import { apiErrorFromResponse, buildUrl, isApiError, useApi } from '@/lib/api';
import { networkError } from '@/lib/api/api-error';
import { useAuth } from '@/lib/auth';
import { exportFileName, type UsageExportFormat, type ExportRange } from '../lib/export-range';
import { useOrg } from './use-org';

export interface ExportRequest {
  range: ExportRange;
  format: UsageExportFormat;
  query: { from: string; to: string; format: UsageExportFormat };
}

async function fetchExport(url: string, token: string | null): Promise<Blob> {
  const headers: Record<string, string> = { Accept: 'text/csv' };
  if (token !== null) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: 'no-store' });
  } catch (error) {
    throw networkError(url, error);
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    throw apiErrorFromResponse(response.status, body);
  }
  return response.blob();
}

/** Saves a blob under a name through a temporary link (the browser's own download). */
function save(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has the object.
  setTimeout(() => {
    URL.revokeObjectURL(href);
  }, 10_000);
}

export function useUsageExport() {
  const api = useApi();
  const org = useOrg();
  const { session } = useAuth();
  return useMutation({
    mutationFn: async (request: ExportRequest) => {
      const url = buildUrl(api.baseUrl, org?.orgPath('/usage/export') ?? '', request.query);
      let blob: Blob;
      try {
        blob = await fetchExport(url, session.accessToken());
      } catch (error) {
        // An access token that expired meanwhile costs one refresh and one retry, as in the JSON client.
        if (!isApiError(error) || !error.isUnauthorized) {
          throw error;
        }
        blob = await fetchExport(url, await session.refresh());
      }
      const fileName = exportFileName(org?.organization.slug ?? 'org', request.range, request.format);
      save(blob, fileName);
      return { fileName, bytes: blob.size };
    },
  });
}
