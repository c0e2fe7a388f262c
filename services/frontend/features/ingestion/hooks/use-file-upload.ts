'use client';
/**
 * One file upload at a time: the bytes sent (a real progress bar), the import's running totals
 * while the answer streams, then the totals and every refused line. A finished upload refreshes
 * the dashboard's figures.
 * @module
 */
import { useQueryClient } from '@tanstack/react-query';
import type { UsageFileFormat } from '@netra/shared/contracts';
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { dashboardQueryKey } from '@/features/dashboard/lib/query-keys';
import { apiErrorFromResponse, buildUrl, useApi } from '@/lib/api';
import { useAuth, useCurrentOrganization, type AuthActions } from '@/lib/auth';
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

function failedState(fileName: string, error: unknown): UploadState {
  const aborted = error instanceof UploadTransportError && error.aborted;
  const message = error instanceof Error ? error.message : 'The upload failed';
  return { phase: 'failed', fileName, message, code: aborted ? 'cancelled' : 'network_error' };
}

interface UploadRun {
  url: string;
  file: File;
  session: Pick<AuthActions['session'], 'accessToken' | 'refresh'>;
  signal: AbortSignal;
  setState: Dispatch<SetStateAction<UploadState>>;
}

/** Sends the file and mirrors its progress and outcome into the state. */
async function runUpload({ url, file, session, signal, setState }: UploadRun): Promise<void> {
  const fileName = file.name;
  setState({ phase: 'uploading', fileName, sent: 0, total: file.size, answer: null });
  const update = (patch: Partial<Extract<UploadState, { phase: 'uploading' }>>) => {
    setState((current) => (current.phase === 'uploading' ? { ...current, ...patch } : current));
  };
  const listener = {
    onSent: (sent: number, total: number) => {
      update({ sent, total });
    },
    onAnswer: (text: string) => {
      update({ answer: readUploadAnswer(text, false) });
    },
  };
  try {
    const refresh = () => session.refresh();
    const response = await uploadFile({
      url,
      file,
      getAccessToken: session.accessToken,
      refresh,
      signal,
      listener,
    });
    setState(finalState(fileName, response.status, response.text));
  } catch (error) {
    setState(failedState(fileName, error));
  }
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
      const path = `/api/v1/orgs/${encodeURIComponent(orgId)}/ingest/files`;
      controller.current = new AbortController();
      const signal = controller.current.signal;
      await runUpload({ url: buildUrl(api.baseUrl, path, { format }), file, session, signal, setState });
      controller.current = null;
      // Rows stored before a failure count too, so the dashboard is refreshed either way.
      await queryClient.invalidateQueries({ queryKey: dashboardQueryKey(orgId) });
    },
    [api.baseUrl, orgId, queryClient, session],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
  }, []);

  return { state, start, cancel };
}
