import { revokedTokenKey } from '@netra/shared/auth';
import { countInFixedWindow, type HotStore, type WindowCount } from '@netra/shared/redis';

/**
 * The only module of the auth service that uses the hot tier (Redis or in-process): the access-token
 * revocation list, rate-limit counters and pending OAuth logins. Keys are namespaced `<ns>:auth:`.
 */
export class AuthHotRepository {
  constructor(private readonly hot: HotStore) {}

  /** Lists a token id as revoked until the token would have expired anyway. */
  async revokeAccessToken(jti: string, expiresAt: Date): Promise<void> {
    const ttlMs = Math.max(1_000, expiresAt.getTime() - Date.now());
    await this.hot.set(revokedTokenKey(jti), '1', ttlMs);
  }

  async isAccessTokenRevoked(jti: string): Promise<boolean> {
    return (await this.hot.get(revokedTokenKey(jti))) !== null;
  }

  /** One more attempt in the current window; returns the count and the window's remaining time. */
  countAttempt(bucket: string, windowMs: number): Promise<WindowCount> {
    return countInFixedWindow(this.hot, bucket, windowMs);
  }

  /** Remembers a started OAuth login under its state. */
  async savePendingLogin(state: string, value: string, ttlMs: number): Promise<void> {
    await this.hot.set(`oauth:${state}`, value, ttlMs);
  }

  /** Consumes a pending OAuth login: a state can complete exactly one login. */
  async takePendingLogin(state: string): Promise<string | null> {
    return this.hot.take(`oauth:${state}`);
  }
}
