/**
 * Rule "compliance" (--run-checks): the real compliance check over a temporary repository — clean,
 * then with one service importing another.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceRule } from './compliance-rule.js';

const roots: string[] = [];

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'netra-deploy-compliance-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const services = {
  'services/auth/package.json': '{"name":"@netra/auth","type":"module"}',
  'services/auth/src/tokens.ts': 'export const issuer = "netra-auth-service";\n',
  'services/backend/package.json': '{"name":"@netra/backend","type":"module"}',
};

afterEach(() => {
  for (const root of roots.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
});

describe('compliance rule', () => {
  it('is skipped without --run-checks', async () => {
    expect((await complianceRule({ root: repo(services), runChecks: false })).status).toBe('skipped');
  });

  it('passes a repository whose services talk over HTTP only', async () => {
    const root = repo({
      ...services,
      'services/backend/src/auth-client.ts': 'export const jwks = "/.well-known/jwks.json";\n',
    });
    const rule = await complianceRule({ root, runChecks: true });
    expect(rule).toMatchObject({ status: 'passed', problems: [], notes: ['2 files scanned, 0 warnings'] });
  });

  it('fails for a cross-service import, naming the file, line and both services', async () => {
    const root = repo({
      ...services,
      'services/backend/src/auth-client.ts':
        '\nimport { issuer } from "@netra/auth/src/tokens.js";\nexport { issuer };\n',
    });
    const rule = await complianceRule({ root, runChecks: true });
    expect(rule.problems).toEqual([
      'service-boundaries: services/backend/src/auth-client.ts:2 service backend imports service auth ("@netra/auth/src/tokens.js"); talk over HTTP/WS instead',
    ]);
  });
});
