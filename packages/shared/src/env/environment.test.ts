import { describe, expect, it } from 'vitest';
import { detectEnvironment, isDeployedEnvironment } from './environment.js';

const from = (values: Record<string, string>) => (name: string) => values[name];

describe('detectEnvironment', () => {
  it.each([
    [{ ENVIRONMENT: 'production' }, 'production'],
    [{ ENVIRONMENT: 'Staging ' }, 'staging'],
    [{ ENVIRONMENT: 'development', NODE_ENV: 'test' }, 'development'],
    [{ NODE_ENV: 'test' }, 'test'],
    [{ NODE_ENV: 'production' }, 'development'],
    [{}, 'development'],
    [{ ENVIRONMENT: '', NODE_ENV: 'test' }, 'test'],
  ])('%o → %s', (values, expected) => {
    expect(detectEnvironment(from(values))).toBe(expected);
  });

  it('rejects an unknown ENVIRONMENT', () => {
    expect(() => detectEnvironment(from({ ENVIRONMENT: 'qa' }))).toThrow(/must be one of/);
  });

  it('knows which environments are deployed', () => {
    expect(isDeployedEnvironment('staging')).toBe(true);
    expect(isDeployedEnvironment('production')).toBe(true);
    expect(isDeployedEnvironment('test')).toBe(false);
  });
});
