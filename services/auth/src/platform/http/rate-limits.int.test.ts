import { errorBodySchema } from '@netra/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;
let ipCounter = 0;

beforeAll(async () => {
  auth = await startAuthTestApp({ RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_ACCOUNT: '2' });
});

afterAll(async () => {
  await auth.close();
});

/** A client IP of its own, so counters of other tests in the run never interfere. */
function freshIp(): string {
  ipCounter += 1;
  return `10.${(Date.now() >> 16) & 255}.${(Date.now() >> 8) & 255}.${ipCounter}`;
}

const login = (ip: string, email: string) =>
  auth.app.inject({
    method: 'POST',
    url: '/auth/login',
    remoteAddress: ip,
    payload: { email, password: 'whatever pw' },
  });

describe('rate limits', () => {
  it('limits login attempts per client IP', async () => {
    const ip = freshIp();
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      answers.push(await login(ip, uniqueEmail('ip-limit')));
    }
    expect(answers.map((response) => response.statusCode)).toEqual([401, 401, 401, 429]);
    const limited = answers[3]!;
    expect(errorBodySchema.parse(limited.json()).error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(freshIp(), uniqueEmail('other-ip'))).statusCode).toBe(401);
  });

  it('limits login attempts per account across IPs', async () => {
    const email = uniqueEmail('account-limit');
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await login(freshIp(), email)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('limits refresh attempts per client IP', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await auth.app.inject({ method: 'POST', url: '/auth/refresh', remoteAddress: ip });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits registrations per client IP', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await auth.app.inject({
        method: 'POST',
        url: '/auth/register',
        remoteAddress: ip,
        payload: { email: uniqueEmail('reg-limit'), password: 'long enough pw', name: 'R' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
