import { authSessionSchema } from '@netra/shared';
import { createAccessTokenVerifier, localJwks } from '@netra/shared/auth';
import { tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { devKeyFile, rotateDevKeys } from './signing-keys.js';
import { startAuthTestApp, uniqueEmail } from '#test-support/auth-app.js';

describe('signing key rotation', () => {
  it('keeps tokens signed before the rotation valid, and signs new ones with the new key', async () => {
    const dataDir = tempDataDir('rotation');
    const before = await startAuthTestApp({ NETRA_DATA_DIR: dataDir });
    const registered = await before.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: uniqueEmail('rotation'), password: 'correct horse battery', name: 'R' },
    });
    const oldToken = authSessionSchema.parse(registered.json()).access_token;
    const oldKid = before.keys.current.kid;
    await before.close();

    await rotateDevKeys(devKeyFile(dataDir));
    const after = await startAuthTestApp({ NETRA_DATA_DIR: dataDir });
    try {
      expect(after.keys.previous?.kid).toBe(oldKid);
      expect(after.keys.current.kid).not.toBe(oldKid);
      const jwks = (await after.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
        keys: { kid: string }[];
      }>();
      expect(jwks.keys.map((key) => key.kid)).toEqual([after.keys.current.kid, oldKid]);
      const me = await after.app.inject({
        method: 'GET',
        url: '/auth/me',
        headers: { authorization: `Bearer ${oldToken}` },
      });
      expect(me.statusCode).toBe(200);
      const login = await after.app.inject({
        method: 'POST',
        url: '/auth/refresh',
        cookies: registered.cookies.reduce<Record<string, string>>(
          (all, cookie) => ({ ...all, [cookie.name]: cookie.value }),
          {},
        ),
      });
      const fresh = authSessionSchema.parse(login.json()).access_token;
      const { kid } = JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString()) as {
        kid: string;
      };
      expect(kid).toBe(after.keys.current.kid);
      await expect(
        createAccessTokenVerifier({ keys: localJwks(after.keys.jwks()) })(fresh),
      ).resolves.toBeDefined();
    } finally {
      await after.close();
    }
  });
});
