'use client';
/**
 * Downloads a report export (`GET …/reports/{id}/export?format=md|json`) as a file. The API client
 * parses JSON, and Markdown is not JSON, so this one call reads the raw body itself, with the same
 * bearer token and one refresh on a 401.
 * @module
 */
import { useMutation } from '@tanstack/react-query';
import { apiErrorFromResponse, buildUrl, useApi } from '@/lib/api';
import { useAuth } from '@/lib/auth';
import { fileNameOf, type ExportedReport, type ExportFormat } from '../lib/download';

async function fetchExport(url: string, token: () => string | null, refresh: () => Promise<string | null>) {
  const send = (bearer: string | null) =>
    fetch(url, { headers: bearer === null ? {} : { Authorization: `Bearer ${bearer}` }, cache: 'no-store' });
  const first = await send(token());
  return first.status === 401 ? send(await refresh()) : first;
}

function saveFile(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; the URL is no longer needed.
  setTimeout(() => {
    URL.revokeObjectURL(href);
  }, 0);
}

/** `mutate('md' | 'json')` downloads the file; `error` says why when it could not. */
export function useReportExport(orgId: string, report: ExportedReport) {
  const api = useApi();
  const { session } = useAuth();
  return useMutation({
    mutationFn: async (format: ExportFormat) => {
      const url = buildUrl(api.baseUrl, `/api/v1/orgs/${orgId}/reports/${report.id}/export`, { format });
      const response = await fetchExport(url, session.accessToken, () => session.refresh());
      if (!response.ok) {
        throw apiErrorFromResponse(response.status, await response.json().catch(() => undefined));
      }
      saveFile(
        await response.blob(),
        fileNameOf(response.headers.get('content-disposition'), report, format),
      );
      return format;
    },
  });
}
