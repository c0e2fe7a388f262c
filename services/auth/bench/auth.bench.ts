/**
 * Auth bench: access-token verifications per second with a warm JWKS cache (alone, with the
 * hot-store revocation check, with HTTP introspection) against raw `jose.jwtVerify`, and password
 * login latency over real HTTP against the argon2id cost alone. The real auth app runs on a free
 * local port with embedded stores in a temporary data directory. Figures only; nothing is asserted.
 *
 * Usage: npm run bench -- auth [--verifications N] [--logins N] [--hashes N]
 * (N verifications per variant and round; defaults 2000, 200 logins, 30 argon2id hashes)
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  authSessionSchema,
} from '@netra/shared';
import {
  createAccessTokenVerifier,
  hotStoreRevocations,
  introspectionRevocations,
  localJwks,
  remoteJwks,
  TokenVerificationError,
  type AccessTokenVerifier,
} from '@netra/shared/auth';
import { createLogger, IsolatedEnvironment } from '@netra/shared/server';
import { importJWK, jwtVerify } from 'jose';
import { hashPassword, verifyPassword } from '#modules/accounts/passwords.js';
import { buildAuthApp, openAuth } from '#composition.js';
import { loadAuthConfig } from '#config.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import type { AuthStores } from '#platform/stores/index.js';

const JWKS_PATH = '/.well-known/jwks.json';
const INTROSPECT_PATH = '/auth/introspect/jti';
const PASSWORD = 'correct horse battery staple';
/** Verification variants are measured in interleaved rounds; the median round is reported. */
const ROUNDS = 5;

interface BenchOptions {
  verifications: number;
  logins: number;
  hashes: number;
}

interface NamedVerifier {
  label: string;
  verify: (token: string) => Promise<unknown>;
}

/** The running auth service and what the bench needs from it. */
interface RunningAuth {
  url: string;
  keys: KeyRing;
  stores: AuthStores;
  /** Requests per path since start, to show the JWKS cache stays warm during timed loops. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      verifications: { type: 'string', default: '2000' },
      logins: { type: 'string', default: '200' },
      hashes: { type: 'string', default: '30' },
    },
  });
  const count = (value: string) => Math.max(1, Number.parseInt(value, 10) || 1);
  return {
    verifications: count(values.verifications),
    logins: count(values.logins),
    hashes: count(values.hashes),
  };
}

/** Test environment with embedded stores; rate limits raised so hundreds of logins are not refused. */
function benchEnvironment(dataDir: string): IsolatedEnvironment {
  return IsolatedEnvironment.isolated({
    ENVIRONMENT: 'test',
    NODE_ENV: 'test',
    NETRA_DATA_DIR: dataDir,
    REDIS_NAMESPACE: 'bench',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_ACCOUNT: '1000000',
  });
}

async function startAuth(dataDir: string): Promise<RunningAuth> {
  const config = loadAuthConfig(benchEnvironment(dataDir));
  const auth = await openAuth(config);
  const { keys, stores } = auth;
  const logger = createLogger({ service: 'auth', level: 'silent' });
  const app = buildAuthApp({ config, logger, stores: auth });
  const hits = new Map<string, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    hits.set(request.url, (hits.get(request.url) ?? 0) + 1);
    done();
  });
  const close = async () => {
    await app.close();
    await auth.close();
  };
  const url = await app.listen({ host: '127.0.0.1', port: 0 }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { url, keys, stores, hits, close };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

async function accessTokenFrom(response: Response): Promise<string> {
  return authSessionSchema.parse(await response.json()).access_token;
}

/** Registers one account, then logs in `count` times in a row; returns each login's latency and token. */
async function timeLogins(auth: RunningAuth, count: number): Promise<{ ms: number[]; tokens: string[] }> {
  const email = `bench-${Date.now().toString(36)}@example.test`;
  await postJson(`${auth.url}/auth/register`, { email, password: PASSWORD, name: 'Bench' });
  const ms: number[] = [];
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    const response = await postJson(`${auth.url}/auth/login`, { email, password: PASSWORD });
    const token = await accessTokenFrom(response);
    ms.push(performance.now() - start);
    tokens.push(token);
  }
  return { ms, tokens };
}

async function timeEach(count: number, fn: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return ms;
}

/** Verifications per second over `count` sequential calls, cycling through `tokens`, after warming up. */
async function throughput(
  verify: (token: string) => Promise<unknown>,
  tokens: readonly string[],
  count: number,
): Promise<number> {
  const at = (index: number) => tokens[index % tokens.length] ?? '';
  // The first call fills the JWKS cache; the rest let the JIT settle before timing.
  for (let index = 0; index < Math.min(500, Math.ceil(count / 10)); index += 1) {
    await verify(at(index));
  }
  const start = performance.now();
  for (let index = 0; index < count; index += 1) {
    await verify(at(index));
  }
  return count / ((performance.now() - start) / 1000);
}

/** Raw jose with the public key already imported: the floor any verifier adds to. */
async function rawJoseVerifier(keys: KeyRing): Promise<(token: string) => Promise<unknown>> {
  const publicKey = await importJWK(keys.current.publicJwk, ACCESS_TOKEN_ALGORITHM);
  return (token) =>
    jwtVerify(token, publicKey, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
}

/** The verifier variants measured, keyed so the sanity check can pick the revocation-checking ones. */
function verifiers(
  auth: RunningAuth,
): Record<'local' | 'remote' | 'hotStore' | 'introspection', NamedVerifier> {
  const keys = () => remoteJwks(`${auth.url}${JWKS_PATH}`);
  const named = (label: string, verify: AccessTokenVerifier) => ({ label, verify });
  return {
    local: named(
      'verifier, localJwks (the issuer itself)',
      createAccessTokenVerifier({ keys: localJwks(auth.keys.jwks()) }),
    ),
    remote: named('verifier, remoteJwks', createAccessTokenVerifier({ keys: keys() })),
    hotStore: named(
      'verifier, remoteJwks + hot-store revocation',
      createAccessTokenVerifier({ keys: keys(), isRevoked: hotStoreRevocations(auth.stores.redis) }),
    ),
    introspection: named(
      'verifier, remoteJwks + HTTP introspection',
      createAccessTokenVerifier({ keys: keys(), isRevoked: introspectionRevocations(auth.url) }),
    ),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function latencyRow(label: string, samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const cells = [50, 95, 99].map((p) => percentile(sorted, p)).concat(mean);
  return `  ${label.padEnd(44)}${cells.map((ms) => `${ms.toFixed(1)} ms`.padStart(11)).join('')}\n`;
}

function rateRow(label: string, perSecond: number, reference: number): string {
  const rate = Math.round(perSecond).toLocaleString('en-US').padStart(11);
  const each = `${(1_000_000 / perSecond).toFixed(1)} µs`.padStart(12);
  return `  ${label.padEnd(44)}${rate}${each}${`${(perSecond / reference).toFixed(2)}×`.padStart(10)}\n`;
}

/** Median verifications/s per variant over interleaved rounds, so drift (JIT, GC, CPU clock) hits every variant alike. */
async function measureVariants(
  variants: readonly NamedVerifier[],
  tokens: readonly string[],
  count: number,
): Promise<number[]> {
  const rates = variants.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    // Each round starts with a different variant, so none always runs right after the HTTP-heavy one.
    for (let step = 0; step < variants.length; step += 1) {
      const index = (round + step) % variants.length;
      const variant = variants[index];
      if (variant !== undefined) {
        rates[index]?.push(await throughput(variant.verify, tokens, count));
      }
    }
  }
  return rates.map((samples) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN);
}

async function verificationSection(auth: RunningAuth, tokens: string[], count: number): Promise<string> {
  const raw = { label: 'raw jose.jwtVerify, local public key', verify: await rawJoseVerifier(auth.keys) };
  const variants = [raw, ...Object.values(verifiers(auth))];
  const hitsOf = (path: string) => auth.hits.get(path) ?? 0;
  const [jwksBefore, introspectBefore] = [hitsOf(JWKS_PATH), hitsOf(INTROSPECT_PATH)];
  const rates = await measureVariants(variants, tokens, count);
  let out = `\naccess-token verification, warm JWKS cache: median of ${ROUNDS} rounds of ${count} sequential calls\n`;
  out += `  ${'variant'.padEnd(44)}${'verif/s'.padStart(11)}${'each'.padStart(12)}${'vs raw'.padStart(10)}\n`;
  variants.forEach(({ label }, index) => {
    out += rateRow(label, rates[index] ?? Number.NaN, rates[0] ?? Number.NaN);
  });
  const jwksFetches = hitsOf(JWKS_PATH) - jwksBefore;
  const introspections = hitsOf(INTROSPECT_PATH) - introspectBefore;
  out += `  JWKS fetches: ${jwksFetches} for 3 remote verifiers; introspection requests: ${introspections}\n`;
  return out;
}

async function loginSection(
  auth: RunningAuth,
  options: BenchOptions,
): Promise<{ text: string; tokens: string[] }> {
  const logins = await timeLogins(auth, options.logins);
  const hashes = await timeEach(options.hashes, () => hashPassword(PASSWORD));
  const stored = await hashPassword(PASSWORD);
  const verifies = await timeEach(options.hashes, () => verifyPassword(stored, PASSWORD));
  const heads = ['p50', 'p95', 'p99', 'mean'].map((head) => head.padStart(11)).join('');
  let text = `\npassword login latency\n  ${'measure'.padEnd(44)}${heads}\n`;
  text += latencyRow(`POST /auth/login over HTTP (${options.logins} sequential)`, logins.ms);
  text += latencyRow(`argon2id hash alone (${options.hashes})`, hashes);
  text += latencyRow(`argon2id verify alone (${options.hashes})`, verifies);
  return { text, tokens: logins.tokens };
}

/** Logs one token out and confirms both revocation paths refuse it, so the figures measure a working check. */
async function revocationSanity(auth: RunningAuth, token: string): Promise<string> {
  await postJson(`${auth.url}/auth/logout`, {}, { authorization: `Bearer ${token}` });
  const { hotStore, introspection } = verifiers(auth);
  const codes = await Promise.all(
    [hotStore, introspection].map(({ verify }) =>
      verify(token).then(
        () => 'accepted',
        (error: unknown) => (error instanceof TokenVerificationError ? error.code : String(error)),
      ),
    ),
  );
  if (codes.some((code) => code !== 'token_revoked')) {
    throw new Error(`a logged-out token was not refused as revoked: ${codes.join(', ')}`);
  }
  return '\nsanity: a logged-out token is refused (token_revoked) by the hot-store and introspection checks\n';
}

async function main(argv: string[]): Promise<void> {
  const options = readOptions(argv);
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-auth-bench-'));
  const auth = await startAuth(dataDir).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(`auth service on ${auth.url}, embedded stores; node ${process.version}, ${cpu}\n`);
    const login = await loginSection(auth, options);
    process.stdout.write(await verificationSection(auth, login.tokens, options.verifications));
    process.stdout.write(login.text);
    process.stdout.write(await revocationSanity(auth, login.tokens[0] ?? ''));
  } finally {
    await auth.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
