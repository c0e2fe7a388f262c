import { defineConfig } from 'vitest/config';

/**
 * Test levels are told apart by file suffix:
 *   *.test.ts(x)      unit         pure code, no servers
 *   *.int.test.ts     integration  one service against real PostgreSQL, Redis, ClickHouse
 *   *.e2e.test.ts     e2e          all services running, real HTTP/WS clients and a real browser
 * The unified runner (`npm test`, packages/test-framework) selects projects and paths.
 */
const sourceConditions = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  // Global setup files run in vitest's own environment, which externalizes workspace packages to
  // Node's resolver (no `source` condition, so a fresh clone without dist/ fails); inline them instead.
  environments: { __vitest__: { resolve: { conditions: ['source'], noExternal: [/^@netra\//] } } },
};
/**
 * The AI SDK's eventsource-parser also answers the `source` condition, with TypeScript that Node
 * cannot load from node_modules; the SDK is transformed like our own code instead (matched by path).
 */
const inlineAiSdk = {
  server: { deps: { inline: [/\/node_modules\/(ai|@ai-sdk\/[^/]+|eventsource-parser)\//] } },
};
const roots = [
  'packages/*/src',
  'services/*/src',
  'services/frontend/app',
  'services/frontend/lib',
  'services/frontend/features',
];
const exclude = ['**/node_modules/**', '**/dist/**', '**/.next/**', '**/fixtures/**'];

export default defineConfig({
  ...sourceConditions,
  test: {
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'unit',
          ...inlineAiSdk,
          include: roots.flatMap((root) => [`${root}/**/*.test.ts`, `${root}/**/*.test.tsx`]),
          exclude: [...exclude, '**/*.int.test.ts', '**/*.e2e.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'integration',
          ...inlineAiSdk,
          include: roots.map((root) => `${root}/**/*.int.test.ts`),
          exclude,
          globalSetup: ['packages/test-framework/src/setup/integration-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'e2e',
          ...inlineAiSdk,
          include: roots.map((root) => `${root}/**/*.e2e.test.ts`),
          exclude,
          globalSetup: ['packages/test-framework/src/setup/integration-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
