import { z } from 'zod';
import type { HotStore } from '@netra/shared/redis';

/** A started login must come back within this long (the time a person may spend at the provider). */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/** What the auth service remembers between sending the browser to a provider and its return. */
export const pendingLoginSchema = z.object({
  provider: z.string(),
  codeVerifier: z.string(),
  nonce: z.string().optional(),
  /** Already checked against the allowlist when the login started. */
  redirectTo: z.string(),
});
/** A pending login as stored. */
export type PendingLogin = z.infer<typeof pendingLoginSchema>;

const pendingKey = (state: string) => `oauth:${state}`;

/** Every query of provider logins: pending logins in the hot tier, keyed by their OAuth `state`. */
export class OAuthRepository {
  constructor(private readonly redis: HotStore) {}

  /** Stores a pending login under its state, for the callback to take. */
  async savePendingLogin(state: string, login: PendingLogin): Promise<void> {
    await this.redis.set(pendingKey(state), JSON.stringify(login), PENDING_LOGIN_TTL_MS);
  }

  /**
   * Takes (and so ends) the pending login of a state: a state can complete exactly one login.
   * Undefined when unknown, expired, used or unreadable.
   */
  async takePendingLogin(state: string): Promise<PendingLogin | undefined> {
    const stored = await this.redis.take(pendingKey(state));
    if (stored === null) {
      return undefined;
    }
    try {
      const parsed = pendingLoginSchema.safeParse(JSON.parse(stored));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
