import { createServer, type AddressInfo, type Server } from 'node:net';
import { IsolatedEnvironment } from '@netra/shared/server';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLauncherConfig } from '#config/launcher-config.js';
import { netraServices } from './netra-services.js';
import { planServices, storeEnvironment, type ServicePlan } from './service-plan.js';

const servers: Server[] = [];

/** Really occupies a port (any free one, or `port`) on `host`, until the test ends. */
async function occupy(host: string, port = 0): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function planWithOccupiedDefaults(env: Record<string, string> = {}) {
  // Listeners on each address family a default port can be held on: loopback, IPv4 and IPv6 wildcards.
  const auth = await occupy('127.0.0.1');
  const backend = await occupy('0.0.0.0');
  const frontend = await occupy('::');
  const ports = { AUTH_PORT: String(auth), BACKEND_PORT: String(backend), FRONTEND_PORT: String(frontend) };
  const config = loadLauncherConfig(IsolatedEnvironment.isolated({ ...ports, ...env })).values;
  const definitions = netraServices(config, '/repo');
  const plans = await planServices({
    definitions,
    selected: definitions,
    host: config.HOST,
    rootDir: '/repo',
    dataDir: '/repo/.netra',
    stores: config,
  });
  return { occupied: [auth, backend, frontend], plans };
}

const planOf = (plans: readonly ServicePlan[], name: string) =>
  plans.find((plan) => plan.definition.name === name)!;

describe('planServices with the default ports occupied', () => {
  it('chooses other, distinct ports for every service', async () => {
    const { occupied, plans } = await planWithOccupiedDefaults();
    const chosen = plans.map((plan) => plan.port);
    expect(plans.every((plan) => plan.moved)).toBe(true);
    expect(chosen.filter((port) => occupied.includes(port))).toEqual([]);
    expect(new Set(chosen).size).toBe(3);
  });

  it('tells every service the real URLs of all services and its own port and host', async () => {
    const { plans } = await planWithOccupiedDefaults();
    const url = (name: string) => `http://127.0.0.1:${planOf(plans, name).port}`;
    for (const plan of plans) {
      expect(plan.url).toBe(url(plan.definition.name));
      expect(plan.env).toMatchObject({
        PORT: String(plan.port),
        HOST: '127.0.0.1',
        AUTH_SERVICE_URL: url('auth'),
        BACKEND_URL: url('backend'),
        FRONTEND_URL: url('frontend'),
        NETRA_DATA_DIR: '/repo/.netra',
      });
    }
  });

  it('puts the chosen port and host on the frontend command line', async () => {
    const { plans } = await planWithOccupiedDefaults();
    const frontend = planOf(plans, 'frontend');
    expect(frontend.command.args.slice(1)).toEqual([
      'start',
      '--port',
      String(frontend.port),
      '--hostname',
      '127.0.0.1',
    ]);
    expect(frontend.command.cwd).toBe('/repo/services/frontend');
  });
});

describe('planServices with free preferred ports', () => {
  it('keeps a free preferred port, and gives unselected services their preferred URL', async () => {
    const free = await occupy('127.0.0.1');
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const config = loadLauncherConfig(IsolatedEnvironment.isolated({ BACKEND_PORT: String(free) })).values;
    const definitions = netraServices(config, '/repo');
    const [backend] = await planServices({
      definitions,
      selected: definitions.filter((definition) => definition.name === 'backend'),
      host: config.HOST,
      rootDir: '/repo',
      dataDir: '/repo/.netra',
      stores: config,
    });
    expect(backend).toMatchObject({ port: free, moved: false });
    expect(backend!.env).toMatchObject({
      AUTH_SERVICE_URL: 'http://127.0.0.1:8081',
      FRONTEND_URL: 'http://127.0.0.1:3000',
    });
  });
});

describe('storeEnvironment', () => {
  const config = (values: Record<string, string>) =>
    loadLauncherConfig(IsolatedEnvironment.isolated(values)).values;
  const [auth, backend, frontend] = netraServices(config({}), '/repo');

  it('leaves every store unset (embedded) when no URL is configured', () => {
    expect(Object.values(storeEnvironment(backend!, config({})))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('gives auth DATABASE_URL as its AUTH_DATABASE_URL when only that is set, and nothing else', () => {
    const stores = config({ DATABASE_URL: 'postgres://app@db:5432/app', REDIS_URL: 'redis://cache:6379' });
    expect(storeEnvironment(auth!, stores)).toEqual({
      AUTH_DATABASE_URL: 'postgres://app@db:5432/app',
      REDIS_URL: 'redis://cache:6379',
      DATABASE_URL: undefined,
      CLICKHOUSE_URL: undefined,
    });
  });

  it("prefers auth's own database, and gives the backend its three stores", () => {
    const stores = config({
      DATABASE_URL: 'postgres://app@db:5432/app',
      AUTH_DATABASE_URL: 'postgres://auth@db:5432/auth',
      CLICKHOUSE_URL: 'http://ch:8123',
    });
    expect(storeEnvironment(auth!, stores).AUTH_DATABASE_URL).toBe('postgres://auth@db:5432/auth');
    expect(storeEnvironment(backend!, stores)).toEqual({
      DATABASE_URL: 'postgres://app@db:5432/app',
      AUTH_DATABASE_URL: undefined,
      REDIS_URL: undefined,
      CLICKHOUSE_URL: 'http://ch:8123',
    });
    expect(Object.values(storeEnvironment(frontend!, stores)).every((value) => value === undefined)).toBe(
      true,
    );
  });
});
