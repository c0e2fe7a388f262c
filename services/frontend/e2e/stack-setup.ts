/**
 * Global setup of the browser suite: a real OpenID provider, then the whole platform exactly as
 * `npm start` runs it (dev launcher, embedded stores, demo data on first start), with auth on a
 * port chosen first so the provider can name its one redirect URI. Returns the teardown.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startOidcTestProvider } from '@netra/test-framework/oidc';
import { launchPlatform } from '@netra/test-framework/platform';
import { freePort } from '@netra/test-framework/ports';
import { STACK_FILE, type Stack } from './stack-file.js';

export const OIDC_PROVIDER_NAME = 'Local OpenID';

export default async function startStack(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-browser-'));
  // Free ports chosen up front: auth's goes into the provider's redirect URI, and the others keep
  // the suite off the default ports a developer's own `npm start` may hold.
  const [authPort, backendPort, frontendPort] = [await freePort(), await freePort(), await freePort()];
  const oidc = await startOidcTestProvider(`http://127.0.0.1:${authPort}/auth/callback/oidc`);
  oidc.setAccount({ sub: 'ada', email: 'ada@oidc.test', email_verified: true, name: 'Ada Lovelace' });
  const platform = await launchPlatform({
    dataDir,
    overrides: {
      AUTH_PORT: String(authPort),
      BACKEND_PORT: String(backendPort),
      FRONTEND_PORT: String(frontendPort),
      OIDC_ISSUER_URL: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_PROVIDER_NAME: OIDC_PROVIDER_NAME,
    },
  });
  const stack: Stack = {
    frontend: platform.url('frontend'),
    backend: platform.url('backend'),
    auth: platform.url('auth'),
    dataDir,
    oidc: { issuer: oidc.issuer, providerName: OIDC_PROVIDER_NAME },
  };
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(stack, null, 2));
  return async () => {
    await platform.stop();
    await oidc.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
