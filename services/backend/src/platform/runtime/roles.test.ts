import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import { commandLineOverrides } from './roles.js';

function rolesOf(values: Record<string, string>): readonly string[] {
  return loadBackendConfig(IsolatedEnvironment.isolated({ ENVIRONMENT: 'test', ...values })).values
    .BACKEND_ROLES;
}

describe('backend roles', () => {
  it('runs both roles unless told otherwise', () => {
    expect(rolesOf({})).toEqual(['api', 'worker']);
    expect(rolesOf({ ENVIRONMENT: 'development' })).toEqual(['api', 'worker']);
  });

  it('takes the roles from BACKEND_ROLES, once each', () => {
    expect(rolesOf({ BACKEND_ROLES: 'worker' })).toEqual(['worker']);
    expect(rolesOf({ BACKEND_ROLES: ' api , api ' })).toEqual(['api']);
  });

  it('lets --roles override BACKEND_ROLES', () => {
    expect(commandLineOverrides(['--roles', 'api'])).toEqual({ BACKEND_ROLES: 'api' });
    expect(commandLineOverrides(['--roles=worker'])).toEqual({ BACKEND_ROLES: 'worker' });
    expect(commandLineOverrides([])).toEqual({});
    expect(rolesOf({ BACKEND_ROLES: 'api', ...commandLineOverrides(['--roles', 'worker']) })).toEqual([
      'worker',
    ]);
  });

  it('refuses unknown roles, an empty list and unknown flags', () => {
    expect(() => rolesOf({ BACKEND_ROLES: 'api,cron' })).toThrow(/BACKEND_ROLES/);
    expect(() => rolesOf({ BACKEND_ROLES: ',' })).toThrow(/BACKEND_ROLES.*at least one of api, worker/s);
    expect(() => commandLineOverrides(['--role', 'api'])).toThrow(/--role/);
    expect(() => commandLineOverrides(['--roles'])).toThrow(/--roles/);
  });
});
