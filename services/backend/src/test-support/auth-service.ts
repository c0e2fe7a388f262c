/**
 * The real auth service for backend tests: started as its own process on the test run's stores, the
 * way the launcher starts it, to register people and hand out real tokens (EdDSA, JWKS, revocation).
 * @module
 */
import { authSessionSchema } from '@netra/shared';
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
}

export interface AuthServiceFixture {
  url: string;
  /** A new account (signed up through the auth service) with a fresh access token. */
  register(label: string): Promise<TestUser>;
  /** Logs the token out: the auth service lists it as revoked. */
  logout(token: string): Promise<void>;
  /** A real token of this auth service that has expired (beyond the verifier's clock tolerance). */
  expiredToken(): Promise<string>;
  /** A new account whose access token expires `ttlSeconds` after it is issued. */
  registerShortLived(label: string, ttlSeconds: number): Promise<TestUser>;
  stop(): Promise<void>;
}

const CLOCK_TOLERANCE_S = 5;
let counter = 0;

function authEnvironment(dataDir: string, overrides: Record<string, string> = {}) {
  return serviceTestEnvironment({
    dataDir,
    overrides: {
      RATE_LIMIT_PER_IP: '100000',
      RATE_LIMIT_PER_ACCOUNT: '100000',
      LOG_LEVEL: 'warn',
      ...overrides,
    },
  });
}

async function registerOn(auth: RunningService, label: string): Promise<TestUser> {
  counter += 1;
  const email = `${label}-${Date.now().toString(36)}-${counter}@example.test`;
  const name = `Test ${label}`;
  const response = await fetch(`${auth.url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', name }),
  });
  if (!response.ok) {
    throw new Error(`register ${email}: ${response.status} ${await response.text()}`);
  }
  const session = authSessionSchema.parse(await response.json());
  return { id: session.user.id, email, name, token: session.access_token };
}

/** An account signed up on an instance issuing `ttlSeconds` tokens, sharing the same keys and stores. */
async function registerWithTtl(
  dataDir: string,
  label: string,
  ttlSeconds: number,
  shared: Record<string, string>,
): Promise<TestUser> {
  const shortLived = await startServiceProcess({
    service: 'auth',
    environment: authEnvironment(dataDir, { ...shared, ACCESS_TOKEN_TTL_S: String(ttlSeconds) }),
  });
  try {
    return await registerOn(shortLived, label);
  } finally {
    await shortLived.stop();
  }
}

/** A token issued with a one-second lifetime, and when it is past the verifier's clock tolerance. */
async function issueShortLivedToken(
  dataDir: string,
  shared: Record<string, string>,
): Promise<{ token: string; usableAfter: number }> {
  const user = await registerWithTtl(dataDir, 'expired', 1, shared);
  return { token: user.token, usableAfter: Date.now() + (1 + CLOCK_TOLERANCE_S + 1) * 1000 };
}

/**
 * Starts the auth service. A backend test that gives its backend a Redis namespace of its own
 * (`REDIS_NAMESPACE`) passes the same one here: the backend reads the auth service's revocations
 * under `<namespace>:auth:`, so the two must agree for a logout to reach the backend.
 */
export async function startAuthService(
  options: { redisNamespace?: string } = {},
): Promise<AuthServiceFixture> {
  const dataDir = tempDataDir('auth');
  const shared: Record<string, string> =
    options.redisNamespace === undefined ? {} : { REDIS_NAMESPACE: options.redisNamespace };
  const expired = await issueShortLivedToken(dataDir, shared);
  const auth = await startServiceProcess({ service: 'auth', environment: authEnvironment(dataDir, shared) });
  return {
    url: auth.url,
    register: (label) => registerOn(auth, label),
    logout: async (token) => {
      const response = await fetch(`${auth.url}/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 204) {
        throw new Error(`logout: ${response.status} ${await response.text()}`);
      }
    },
    expiredToken: async () => {
      const wait = expired.usableAfter - Date.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return expired.token;
    },
    registerShortLived: (label, ttlSeconds) => registerWithTtl(dataDir, label, ttlSeconds, shared),
    stop: () => auth.stop(),
  };
}
