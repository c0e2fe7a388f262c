'use client';
/**
 * One file upload at a time: the bytes sent (a real progress bar), the import's running totals
 * while the answer streams, then the totals and every refused line. A finished upload refreshes
 * the dashboard's figures.
 * @module
 */
import { useQueryClient } from '@tanstack/react-query';
import type { UsageFileFormat } from '@netra/shared/contracts';
import { useCallback, useRef, useState } from 'react';
import { dashboardQueryKey } from '@/features/dashboard/lib/query-keys';
import { apiErrorFromResponse, buildUrl, useApi } from '@/lib/api';
import { useAuth, useCurrentOrganization } from '@/lib/auth';
import { readUploadAnswer, type UploadAnswer } from '../lib/upload-answer';
import { uploadFile, UploadTransportError } from '../lib/upload-request';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; sent: number; total: number; answer: UploadAnswer | null }
  | { phase: 'finished'; fileName: string; answer: UploadAnswer }
  | { phase: 'failed'; fileName: string; message: string; code: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The upload's outcome from the final HTTP answer. */
function finalState(fileName: string, status: number, text: string): UploadState {
  if (status < 200 || status >= 300) {
    const error = apiErrorFromResponse(status, parseJson(text));
    return { phase: 'failed', fileName, message: error.message, code: error.code };
  }
  return { phase: 'finished', fileName, answer: readUploadAnswer(text, true) };
}

export function useFileUpload() {
  const api = useApi();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const orgId = useCurrentOrganization().organization?.id;
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (file: File, format: UsageFileFormat) => {
      if (orgId === undefined) {
        return;
      }
      controller.current = new AbortController();
      const fileName = file.name;
      setState({ phase: 'uploading', fileName, sent: 0, total: file.size, answer: null });
      const update = (patch: Partial<Extract<UploadState, { phase: 'uploading' }>>) => {
        setState((current) => (current.phase === 'uploading' ? { ...current, ...patch } : current));
      };
      try {
        const response = await uploadFile({
          url: buildUrl(api.baseUrl, `/api/v1/orgs/${encodeURIComponent(orgId)}/ingest/files`, { format }),
          file,
          getAccessToken: session.accessToken,
          refresh: () => session.refresh(),
          signal: controller.current.signal,
          listener: {
            onSent: (sent, total) => {
              update({ sent, total });
            },
            onAnswer: (text) => {
              update({ answer: readUploadAnswer(text, false) });
            },
          },
        });
        setState(finalState(fileName, response.status, response.text));
      } catch (error) {
        const aborted = error instanceof UploadTransportError && error.aborted;
        const message = error instanceof Error ? error.message : 'The upload failed';
        setState({ phase: 'failed', fileName, message, code: aborted ? 'cancelled' : 'network_error' });
      } finally {
        controller.current = null;
        // Rows stored before a failure count too, so the dashboard is refreshed either way.
        void queryClient.invalidateQueries({ queryKey: dashboardQueryKey(orgId) });
      }
    },
    [api.baseUrl, orgId, queryClient, session],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
  }, []);

  const reset = useCallback(() => {
    setState({ phase: 'idle' });
  }, []);

  return { state, start, cancel, reset };
}
