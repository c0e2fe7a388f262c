import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from '@netra/shared';

/** A request a stub received; `origin` is set only for cross-origin browser requests. */
export interface StubRequest {
  path: string;
  origin: string | undefined;
}

/** A small HTTP server standing in for the backend or auth service in frontend-level tests. */
export interface StubService {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

function corsHeaders(request: IncomingMessage): Record<string, string> {
  // The real services allow FRONTEND_URL; the stub allows whichever page asks, like a service
  // configured for that frontend would.
  const origin = request.headers.origin;
  return origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'origin' };
}

function answer(readiness: Readiness, request: IncomingMessage, response: ServerResponse): void {
  const headers = corsHeaders(request);
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { ...headers, 'access-control-allow-methods': 'GET' }).end();
  } else if (request.method === 'GET' && request.url === '/health/ready') {
    const status = readiness.status === 'ready' ? 200 : 503;
    response
      .writeHead(status, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify(readiness));
  } else {
    response.writeHead(404, headers).end();
  }
}

/** Starts a stub answering `GET /health/ready` with `readiness` on 127.0.0.1 (`port` 0 picks one). */
export function startStubService(readiness: Readiness, port = 0): Promise<StubService> {
  const requests: StubRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', origin: request.headers.origin });
    answer(readiness, request, response);
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${bound}`, requests, close });
    });
  });
}
