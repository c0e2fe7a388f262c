import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromText } from '#compliance/source.js';
import type { WorkspaceUnit } from '#compliance/workspace.js';
import { importsOf } from './imports.js';
import { processEnvFindings } from './process-env.js';
import { driverOf, serviceLayoutFindings } from './service-layout.js';
import { functionSizeFindings } from './size.js';

const root = join('/', 'repo');
const unit: WorkspaceUnit = {
  kind: 'package',
  name: 'util',
  dir: join(root, 'packages/util'),
  packageName: '@netra/util',
  layered: false,
  subpathImports: [],
};

function source(text: string, file = 'packages/util/src/x.ts') {
  return sourceFromText(root, join(root, file), text, unit);
}

describe('process-env rule', () => {
  it.each([
    ['process.env.API_KEY', 'process.env'],
    ["process.env['API_KEY']", 'process.env'],
    ["process['env'].API_KEY", "process['env']"],
    ['globalThis.process.env.X', 'process.env'],
    ['(process).env', 'process.env'],
  ])('catches %s', (expression, kind) => {
    const findings = processEnvFindings(source(`export const v = ${expression};\n`));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message.startsWith(kind)).toBe(true);
  });

  it('allows only the bundler-inlined NEXT_RUNTIME, only in the frontend instrumentation file', () => {
    const file = 'services/frontend/instrumentation.ts';
    const check = "if (process.env.NEXT_RUNTIME === 'nodejs') {}\n";
    expect(processEnvFindings(source(check, file))).toEqual([]);
    expect(processEnvFindings(source('export const v = process.env.SECRET;\n', file))).toHaveLength(1);
    expect(processEnvFindings(source("export const v = process.env['NEXT_RUNTIME'];\n", file))).toHaveLength(
      1,
    );
    expect(processEnvFindings(source(check, 'services/frontend/lib/x.ts'))).toHaveLength(1);
  });

  it('catches destructuring and importing env', () => {
    expect(processEnvFindings(source('const { env } = process;\n'))).toHaveLength(1);
    expect(processEnvFindings(source('const { env: e, argv } = process;\n'))).toHaveLength(1);
    expect(processEnvFindings(source("import { env } from 'node:process';\n"))).toHaveLength(1);
  });

  it('ignores other process members, other objects and mentions in strings', () => {
    const text =
      "const a = process.argv; const b = config.env; const c = 'process.env'; const { argv } = process;\n";
    expect(processEnvFindings(source(text))).toEqual([]);
  });

  it('allows the shared environment module', () => {
    const info = sourceFromText(
      root,
      join(root, 'packages/shared/src/env/process-source.ts'),
      'export const all = process.env;\n',
      { ...unit, name: 'shared', dir: join(root, 'packages/shared'), packageName: '@netra/shared' },
    );
    expect(processEnvFindings(info)).toEqual([]);
  });
});

describe('import extraction', () => {
  it('sees static, re-export, dynamic, type-only, require and import-type forms', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export * from 'c';",
      "const d = await import('d');",
      "const e = require('e');",
      "type F = import('f').F;",
      "import g = require('g');",
    ].join('\n');
    expect(importsOf(source(text).sourceFile).map((ref) => ref.specifier)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ]);
  });
});

describe('function-size rule', () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, index) => `  call(${index});`).join('\n');

  it('counts a function of 26 lines and names it', () => {
    const findings = functionSizeFindings(source(`export const run = () => {\n${body(24)}\n};\n`));
    expect(findings.map((finding) => finding.message)).toEqual(['run: 26 lines']);
    expect(functionSizeFindings(source(`function ok() {\n${body(23)}\n}\n`))).toEqual([]);
  });

  it('measures methods and callbacks but not describe blocks', () => {
    const text = [
      "describe('suite', () => {",
      "  it('long test', () => {",
      body(30),
      '  });',
      '});',
      'class K {',
      '  method() {',
      body(30),
      '  }',
      '}',
    ].join('\n');
    expect(
      functionSizeFindings(source(text, 'packages/util/src/x.test.ts')).map((finding) => finding.message),
    ).toEqual(['<callback of it>: 32 lines', 'method: 32 lines']);
  });
});

describe('service layout rules', () => {
  const backend: WorkspaceUnit = {
    kind: 'service',
    name: 'backend',
    dir: join(root, 'services/backend'),
    packageName: '@netra/backend',
    layered: true,
    subpathImports: [['#*', './src/*']],
  };

  function findings(text: string, file: string, owner: WorkspaceUnit = backend) {
    const info = sourceFromText(root, join(root, file), text, owner);
    return serviceLayoutFindings(info).map((finding) => `${finding.rule}:${finding.line}`);
  }

  it('knows drivers from query builders', () => {
    expect(['pg', 'postgres', '@electric-sql/pglite', 'ioredis', 'redis', 'bullmq'].map(driverOf)).toEqual([
      'pg',
      'postgres',
      '@electric-sql/pglite',
      'ioredis',
      'redis',
      'bullmq',
    ]);
    expect(driverOf('@clickhouse/client')).toBe('@clickhouse/client');
    expect(driverOf('chdb/connection')).toBe('chdb');
    expect(driverOf('drizzle-orm/pglite/migrator')).toBe('drizzle-orm/pglite');
    expect(['drizzle-orm', 'drizzle-orm/pg-core', 'pg-connection-string', 'zod'].map(driverOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('lets only platform/stores import a driver, type-only imports included', () => {
    const text = "import type { Pool } from 'pg';\nimport { eq } from 'drizzle-orm';\n";
    expect(findings(text, 'services/backend/src/platform/stores/postgres.ts')).toEqual([]);
    expect(findings(text, 'services/backend/src/modules/usage/usage.repository.ts')).toEqual([
      'database-drivers:1',
    ]);
    expect(findings(text, 'services/backend/src/main.ts')).toEqual(['database-drivers:1']);
  });

  it('lets platform/queue import BullMQ and nothing else', () => {
    const text = "import { Queue } from 'bullmq';\nimport { Redis } from 'ioredis';\n";
    expect(findings(text, 'services/backend/src/platform/queue/jobs.ts')).toEqual(['database-drivers:2']);
    expect(findings(text, 'services/backend/src/modules/runs/runs.service.ts')).toEqual([
      'database-drivers:1',
      'database-drivers:2',
    ]);
  });

  it('exempts tests and test scaffolding', () => {
    const text = "import pg from 'pg';\n";
    expect(findings(text, 'services/backend/src/modules/usage/usage.int.test.ts')).toEqual([]);
    expect(findings(text, 'services/backend/src/test-support/seed.ts')).toEqual([]);
  });

  it("refuses another module's repository, allows its service and the module's own repository", () => {
    const text = [
      "import { UsageRepository } from '#modules/usage/usage.repository.js';",
      "import { UsageService } from '#modules/usage/usage.service.js';",
      "import { KeysRepository } from '../api-keys/api-keys.repository.js';",
      "import { IngestRepository } from '#modules/ingestion/ingest.repository.js';",
    ].join('\n');
    expect(findings(text, 'services/backend/src/modules/ingestion/ingest.service.ts')).toEqual([
      'module-repositories:1',
      'module-repositories:3',
    ]);
    const own = "import { UsageRepository } from '#modules/usage/usage.repository.js';\n";
    expect(findings(own, 'services/backend/src/modules/usage/analysis/profile.ts')).toEqual([]);
    expect(findings(own, 'services/backend/src/composition.ts')).toEqual([]);
  });

  it('refuses the platform importing a module, by subpath or relative path', () => {
    const text = [
      "import { OrgPolicies } from '#modules/organizations/org-policy.js';",
      "import type { UsageRow } from '../../modules/usage/usage-row.js';",
      "import { closeAll } from '#platform/stores/index.js';",
    ].join('\n');
    expect(findings(text, 'services/backend/src/platform/http/guard.ts')).toEqual([
      'platform-modules:1',
      'platform-modules:2',
    ]);
  });

  it('judges only services with the layout', () => {
    const text = "import pg from 'pg';\nimport { X } from '#modules/a/a.repository.js';\n";
    const flat = { ...backend, name: 'auth', dir: join(root, 'services/auth'), layered: false };
    expect(findings(text, 'services/auth/src/modules/b/b.service.ts', flat)).toEqual([]);
    expect(findings(text, 'packages/util/src/modules/b/b.service.ts', unit)).toEqual([]);
  });
});
