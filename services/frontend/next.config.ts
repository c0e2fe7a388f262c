import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `@netra/shared` resolves through its `default` export condition to the JavaScript that `tsc -b`
 * builds into `packages/shared/dist` (run `npx tsc -b packages/shared` before `next build`), so it
 * needs no `transpilePackages`. On the server it stays external: Node loads it from node_modules
 * at run time, which keeps one instance per process and keeps pino/dotenv out of the bundles.
 * The browser bundles only its browser-safe root entry.
 */
const nextConfig: NextConfig = {
  serverExternalPackages: ['@netra/shared'],
  poweredByHeader: false,
  // Headers every response carries; the per-page CSP and HSTS come from proxy.ts.
  headers: () =>
    Promise.resolve([
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
    ]),
  // The production build type-checks app code only; tests and e2e helpers are checked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  reactStrictMode: true,
  // The workspace root holds the lockfile and the hoisted node_modules.
  outputFileTracingRoot: repositoryRoot,
  turbopack: { root: repositoryRoot },
};

export default nextConfig;
