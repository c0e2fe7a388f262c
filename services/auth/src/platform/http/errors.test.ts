import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_CATALOGUE, authError, authErrors, type AuthErrorCode } from './errors.js';

const SOURCE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CATALOGUE_FILE = 'platform/http/errors.ts';

interface Entry {
  status: number;
  message: string;
}

const entries = Object.values(AUTH_ERROR_CATALOGUE).flatMap((group): [string, Entry][] =>
  Object.entries<Entry>(group),
);
const { platform: _platform, ...raisedGroups } = AUTH_ERROR_CATALOGUE;
const raisedCodes = Object.values(raisedGroups).flatMap((group) => Object.keys(group)) as AuthErrorCode[];

/** Production sources of the service: no tests, no test scaffolding. */
function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test-support' ? [] : productionSources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the auth error catalogue', () => {
  it('lists each code once, with an error status and a message', () => {
    const codes = entries.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, entry] of entries) {
      expect(code).toMatch(/^[a-z][a-z_]*$/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.message.length, code).toBeGreaterThan(0);
    }
  });

  it('raises every code it owns with the catalogued status and message', () => {
    const table = Object.fromEntries(entries);
    for (const code of raisedCodes) {
      const error = authError(code);
      expect(error).toBeInstanceOf(AppError);
      expect({ status: error.status, code: error.code, message: error.message }).toEqual({
        code,
        ...table[code],
      });
    }
  });

  it('names every constructor after a catalogued code, with its status', () => {
    const table = new Map(entries);
    const made = [
      authErrors.accessToken('token_expired', 'Access token has expired'),
      authErrors.accountLocked(30),
      authErrors.rateLimited(5),
      authErrors.oauthFailed(new Error('x')),
      authErrors.providerUnavailable(new Error('x')),
      ...Object.entries(authErrors)
        .filter(([, make]) => make.length === 0)
        .map(([, make]) => (make as () => AppError)()),
    ];
    for (const error of made) {
      expect(table.get(error.code)?.status, error.code).toBe(error.status);
    }
    expect(authErrors.rateLimited(5).details).toEqual({ retry_after_s: 5 });
    expect(authErrors.providerUnavailable(new Error('x')).expose).toBe(true);
  });

  it('is the only place the service constructs an error response', () => {
    const sources = productionSources(SOURCE_ROOT).map((path) => ({
      file: relative(SOURCE_ROOT, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(sources.map(({ file }) => file)).toContain('modules/sessions/sessions.service.ts');
    const offenders = sources
      .filter(({ file }) => file !== CATALOGUE_FILE)
      .filter(({ text }) => /new AppError\(|\berrors\.[a-zA-Z]+\(/.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
