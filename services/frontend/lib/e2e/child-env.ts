import { IsolatedEnvironment } from '@netra/shared/server';

/**
 * The environment for a child process: this process's variables (no `.env` files) with `values`
 * on top. NODE_ENV is pinned to production because vitest sets it to `test`, which Next rejects
 * for `next build` and `next start`.
 */
export function childEnvironment(values: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = IsolatedEnvironment.fromProcess({ dotenv: false }).toRecord();
  return { ...inherited, NEXT_TELEMETRY_DISABLED: '1', ...values, NODE_ENV: 'production' };
}
