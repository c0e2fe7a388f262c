import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort, isPortTaken, serviceUrl, urlHost } from './port-probe.js';

const servers: Server[] = [];

async function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('isPortTaken', () => {
  it.each(['127.0.0.1', '0.0.0.0', '::'])(
    'sees a listener on %s when asked about 127.0.0.1',
    async (host) => {
      const port = await listen(host);
      expect(await isPortTaken(port, '127.0.0.1')).toBe(true);
    },
  );

  it('sees a loopback listener when asked about the wildcard host', async () => {
    const port = await listen('127.0.0.1');
    expect(await isPortTaken(port, '0.0.0.0')).toBe(true);
  });

  it('reports a port nobody listens on as free', async () => {
    const port = await findFreePort('127.0.0.1');
    expect(await isPortTaken(port, '127.0.0.1')).toBe(false);
  });
});

describe('findFreePort', () => {
  it('never returns a reserved port', async () => {
    const first = await findFreePort('127.0.0.1');
    const second = await findFreePort('127.0.0.1', new Set([first]));
    expect(second).not.toBe(first);
  });
});

describe('service URLs', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '127.0.0.1'],
    ['::', '[::1]'],
    ['::1', '[::1]'],
    ['localhost', 'localhost'],
  ])('listening on %s is reached at %s', (host, expected) => {
    expect(urlHost(host)).toBe(expected);
  });

  it('builds http URLs', () => {
    expect(serviceUrl('::', 8000)).toBe('http://[::1]:8000');
  });
});
