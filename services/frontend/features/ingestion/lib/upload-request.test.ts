import { describe, expect, it } from 'vitest';
import { isGzipFile, uploadFile, UploadTransportError, type UploadRequest } from './upload-request';

type Reply = { status: number; text: string } | 'network-error' | 'hang';

/** Enough of XMLHttpRequest for the upload: it answers each send with the next scripted reply. */
class FakeXhr {
  static sent: { url: string; headers: Record<string, string> }[] = [];
  static replies: Reply[] = [];
  headers: Record<string, string> = {};
  url = '';
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onprogress: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    FakeXhr.sent.push({ url: this.url, headers: this.headers });
    const reply = FakeXhr.replies.shift() ?? 'hang';
    queueMicrotask(() => {
      this.upload.onprogress?.({
        loaded: body.size,
        total: body.size,
        lengthComputable: true,
      } as ProgressEvent);
      if (reply === 'network-error') {
        this.onerror?.();
      } else if (reply !== 'hang') {
        this.responseText = reply.text;
        this.onprogress?.();
        this.status = reply.status;
        this.onload?.();
      }
    });
  }
  abort() {
    this.onabort?.();
  }
}

function request(overrides: Partial<UploadRequest> = {}) {
  const progress: string[] = [];
  const base: UploadRequest = {
    url: 'http://backend.test/api/v1/orgs/o1/ingest/files?format=auto',
    file: new Blob(['timestamp,model\n'], { type: 'text/csv' }),
    getAccessToken: () => 'old-token',
    refresh: () => Promise.resolve('new-token'),
    listener: {
      onSent: (sent, total) => progress.push(`sent ${sent}/${total}`),
      onAnswer: (text) => progress.push(`answer ${text.length}`),
    },
    createXhr: () => new FakeXhr() as unknown as XMLHttpRequest,
    ...overrides,
  };
  return { base, progress };
}

function reset(replies: Reply[]) {
  FakeXhr.sent = [];
  FakeXhr.replies = replies;
}

describe('uploadFile', () => {
  it('sends the file with the bearer token and reports upload and answer progress', async () => {
    reset([{ status: 200, text: '{"type":"done"}\n' }]);
    const { base, progress } = request();
    await expect(uploadFile(base)).resolves.toEqual({ status: 200, text: '{"type":"done"}\n' });
    expect(FakeXhr.sent[0]?.headers).toEqual({
      Authorization: 'Bearer old-token',
      'Content-Type': 'text/csv',
    });
    expect(progress).toEqual(['sent 16/16', 'answer 16']);
  });

  it('refreshes once after a 401 and sends again with the new token', async () => {
    reset([
      { status: 401, text: '{}' },
      { status: 200, text: 'ok' },
    ]);
    const { base } = request();
    await expect(uploadFile(base)).resolves.toEqual({ status: 200, text: 'ok' });
    expect(FakeXhr.sent.map((sent) => sent.headers.Authorization)).toEqual([
      'Bearer old-token',
      'Bearer new-token',
    ]);
  });

  it('gives the 401 back when the session cannot be refreshed', async () => {
    reset([{ status: 401, text: 'no' }]);
    const { base } = request({ refresh: () => Promise.resolve(null) });
    await expect(uploadFile(base)).resolves.toEqual({ status: 401, text: 'no' });
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('sends octet-stream for a file without a type', async () => {
    reset([{ status: 200, text: '' }]);
    const { base } = request({ file: new Blob(['x']) });
    await uploadFile(base);
    expect(FakeXhr.sent[0]?.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('sends a gzip file as it is, with its content encoding', async () => {
    reset([{ status: 200, text: '' }]);
    const file = new File([new Uint8Array([0x1f, 0x8b])], 'usage.jsonl.gz');
    expect(isGzipFile(file)).toBe(true);
    expect(isGzipFile(new File(['x'], 'usage.csv', { type: 'text/csv' }))).toBe(false);
    await uploadFile(request({ file }).base);
    expect(FakeXhr.sent[0]?.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'Content-Encoding': 'gzip',
    });
  });

  it('fails clearly without an answer, and on cancel', async () => {
    reset(['network-error']);
    await expect(uploadFile(request().base)).rejects.toBeInstanceOf(UploadTransportError);
    reset(['hang']);
    const controller = new AbortController();
    const pending = uploadFile(request({ signal: controller.signal }).base);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ aborted: true });
  });
});
