// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';

const ENV_MODULE = 'packages/shared/src/env/process-source.ts';
const FRONTEND_FILES = ['services/frontend/**/*.ts', 'services/frontend/**/*.tsx'];
/** Frontend code that runs in the browser: client components and the browser-safe library. */
const FRONTEND_BROWSER_FILES = [
  'services/frontend/app/_components/**',
  'services/frontend/components/**',
  'services/frontend/features/**',
  'services/frontend/lib/{api,auth,browser,ws}/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.netra/**',
      '**/coverage/**',
      '**/fixtures/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'vitest.config.ts',
            'scripts/*.ts',
            'services/*/drizzle.config.ts',
            'services/frontend/*.mjs',
          ],
          defaultProject: 'tsconfig.tools.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*'], message: 'Use a #subpath import or the package name instead.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through IsolatedEnvironment (@netra/shared/server).',
        },
      ],
    },
  },
  {
    files: [ENV_MODULE],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Frontend (Next.js App Router, React): the rules of hooks and Next's own rules.
    files: FRONTEND_FILES,
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    settings: { next: { rootDir: 'services/frontend/' } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
  {
    // Browser code must never pull in server-only modules (configuration, secrets, Node APIs).
    // Options replace the global no-restricted-imports, so the relative-chain pattern is repeated.
    files: FRONTEND_BROWSER_FILES,
    // Tests run in Node and may stand up real local peers (HTTP, WebSocket) for the browser code.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@netra/shared/server', message: 'Server-only: browser code imports @netra/shared.' },
          ],
          patterns: [
            { group: ['../../*'], message: 'Use a #subpath import or the package name instead.' },
            { group: ['@/lib/server/*', '../server/*'], message: 'Server-only: pass values down as props.' },
            { group: ['node:*'], message: 'Node built-ins do not exist in the browser.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
