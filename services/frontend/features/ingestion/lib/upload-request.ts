/**
 * Sends a file to the member upload route with XMLHttpRequest, because fetch reports no upload
 * progress. It authenticates as lib/api does: the current access token as a bearer, and on a 401
 * one refresh and one retry (the auth session's single-flight refresh), so an expired token costs
 * one more send and never a failed upload.
 * @module
 */

/** What the upload reports while it runs. */
export interface UploadListener {
  /** Bytes of the file sent so far (total is the file's size). */
  onSent(sent: number, total: number): void;
  /** The answer's text so far, each time more of it arrives. */
  onAnswer(text: string): void;
}

export interface UploadRequest {
  url: string;
  file: Blob;
  /** The current access token, or null when signed out. */
  getAccessToken(): string | null;
  /** A fresh token after a 401, or null when the session is over. */
  refresh(): Promise<string | null>;
  listener: UploadListener;
  signal?: AbortSignal;
  /** Injectable for tests. */
  createXhr?: () => XMLHttpRequest;
}

/** The final HTTP answer: status and the whole body. */
export interface UploadResponse {
  status: number;
  text: string;
}

/** A failure with no HTTP answer (network down, CORS refusal, aborted). */
export class UploadTransportError extends Error {
  constructor(
    message: string,
    readonly aborted: boolean,
  ) {
    super(message);
    this.name = 'UploadTransportError';
  }
}

const GZIP_TYPES = ['application/gzip', 'application/x-gzip'];

/** A gzip file is sent as it is with `Content-Encoding: gzip`; the backend decompresses it while reading. */
export function isGzipFile(file: Blob): boolean {
  const name = 'name' in file && typeof file.name === 'string' ? file.name : '';
  return GZIP_TYPES.includes(file.type) || /\.gz$/i.test(name);
}

function contentHeaders(file: Blob): Record<string, string> {
  if (isGzipFile(file)) {
    return { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' };
  }
  // The route reads any body as a stream and detects the format from its content.
  return { 'Content-Type': file.type === '' ? 'application/octet-stream' : file.type };
}

function sendOnce(request: UploadRequest, token: string | null): Promise<UploadResponse> {
  const xhr = (request.createXhr ?? (() => new XMLHttpRequest()))();
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted === true) {
      reject(new UploadTransportError('The upload was cancelled', true));
      return;
    }
    xhr.open('POST', request.url);
    if (token !== null) {
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    }
    for (const [name, value] of Object.entries(contentHeaders(request.file))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      request.listener.onSent(event.loaded, event.lengthComputable ? event.total : request.file.size);
    };
    xhr.onprogress = () => {
      request.listener.onAnswer(xhr.responseText);
    };
    xhr.onload = () => {
      resolve({ status: xhr.status, text: xhr.responseText });
    };
    xhr.onerror = () => {
      reject(new UploadTransportError('Could not reach the backend; it may be starting or offline', false));
    };
    xhr.onabort = () => {
      reject(new UploadTransportError('The upload was cancelled', true));
    };
    const onAbort = () => {
      xhr.abort();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(request.file);
  });
}

/** Uploads the file; a 401 to a bearer call is retried once with a refreshed token. */
export async function uploadFile(request: UploadRequest): Promise<UploadResponse> {
  const token = request.getAccessToken();
  const response = await sendOnce(request, token);
  if (response.status !== 401 || token === null) {
    return response;
  }
  const fresh = await request.refresh();
  if (fresh === null) {
    return response;
  }
  request.listener.onSent(0, request.file.size);
  return sendOnce(request, fresh);
}
