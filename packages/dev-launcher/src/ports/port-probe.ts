import { connect, createServer, type AddressInfo } from 'node:net';

type BindResult = 'free' | 'in-use' | 'no-such-address';

const CONNECT_TIMEOUT_MS = 500;
const FREE_PORT_ATTEMPTS = 20;

/**
 * Whether something already listens on `port`. A listener on 0.0.0.0 or :: blocks a later
 * 127.0.0.1 listener on Linux but not everywhere (macOS lets both bind), so this tries to bind
 * the host and both wildcards, then also tries to connect over loopback.
 */
export async function isPortTaken(port: number, host: string): Promise<boolean> {
  for (const bindHost of unique([host, '0.0.0.0', '::'])) {
    if ((await tryBind(port, bindHost)) === 'in-use') {
      return true;
    }
  }
  for (const probeHost of unique([connectHost(host), '127.0.0.1', '::1'])) {
    if (await acceptsConnections(port, probeHost)) {
      return true;
    }
  }
  return false;
}

/** A port the OS reports free on `host` (listen on port 0), not in `reserved` and not taken elsewhere. */
export async function findFreePort(host: string, reserved: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
    const port = await askOsForPort(host);
    if (!reserved.has(port) && !(await isPortTaken(port, host))) {
      return port;
    }
  }
  throw new Error(`no free port found on ${host} after ${FREE_PORT_ATTEMPTS} attempts`);
}

function askOsForPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function tryBind(port: number, host: string): Promise<BindResult> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      // No IPv6 (or no such local address) says nothing about the port; anything else makes it unusable.
      const missing = error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT';
      resolve(missing ? 'no-such-address' : 'in-use');
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => {
        resolve('free');
      });
    });
  });
}

function acceptsConnections(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const finish = (connected: boolean) => {
      socket.destroy();
      resolve(connected);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      finish(false);
    });
    socket.once('connect', () => {
      finish(true);
    });
    socket.once('error', () => {
      finish(false);
    });
  });
}

/** The address to connect to for a listen address: wildcards mean loopback. */
function connectHost(host: string): string {
  if (host === '0.0.0.0') {
    return '127.0.0.1';
  }
  return host === '::' ? '::1' : host;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The host part of a URL for a listen address: wildcards become loopback, IPv6 gets brackets. */
export function urlHost(host: string): string {
  const target = connectHost(host);
  return target.includes(':') ? `[${target}]` : target;
}

/** The base URL of a service listening on `host`:`port`. */
export function serviceUrl(host: string, port: number): string {
  return `http://${urlHost(host)}:${port}`;
}
