import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineConfig, describeConfig, loadConfig } from './config-spec.js';
import { localhostProblems, vars } from './variables.js';
import { IsolatedEnvironment } from '#env/isolated-environment.js';

const spec = defineConfig({
  service: 'demo',
  variables: {
    PORT: { schema: vars.port(), default: '8000', description: 'Port to listen on' },
    PUBLIC_URL: { schema: vars.url(), default: 'http://localhost:8000', description: 'Public URL' },
    API_SECRET: { schema: z.string().min(8), description: 'Signing secret', secret: true },
    FEATURES: { schema: vars.list(), default: '', description: 'Enabled features' },
    VERBOSE: { schema: vars.boolean(), default: 'false', description: 'Verbose output' },
  },
  checks: (values, { environment }) =>
    environment === 'production' ? localhostProblems(values, ['PUBLIC_URL']) : [],
});

describe('loadConfig', () => {
  it('parses typed values and records where each came from', () => {
    const env = IsolatedEnvironment.isolated({ API_SECRET: 'abcdefgh', FEATURES: 'a, b,,c', VERBOSE: 'yes' });
    const config = loadConfig(spec, env);
    expect(config.values).toEqual({
      PORT: 8000,
      PUBLIC_URL: 'http://localhost:8000',
      API_SECRET: 'abcdefgh',
      FEATURES: ['a', 'b', 'c'],
      VERBOSE: true,
    });
    expect(config.origins.PORT).toEqual({ source: 'default' });
    expect(config.origins.API_SECRET).toEqual({ source: 'override' });
    expect(config.environment).toBe('development');
    expect(Object.isFrozen(config.values)).toBe(true);
  });

  it('treats an empty value as unset so the default applies', () => {
    const config = loadConfig(spec, IsolatedEnvironment.isolated({ PORT: '', API_SECRET: 'abcdefgh' }));
    expect(config.values.PORT).toBe(8000);
    expect(config.origins.PORT).toEqual({ source: 'default' });
  });

  it('reports every problem at once, naming each variable, without echoing secrets', () => {
    const env = IsolatedEnvironment.isolated({
      PORT: 'eighty',
      PUBLIC_URL: 'not a url',
      API_SECRET: 'short',
    });
    let error: unknown;
    try {
      loadConfig(spec, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT="eighty" is invalid/);
    expect(problems.join('\n')).toMatch(/PUBLIC_URL="not a url" is invalid/);
    expect(problems.join('\n')).toMatch(/API_SECRET="\*\*\*\*" is invalid/);
    expect((error as Error).message).not.toContain('short');
  });

  it('names a missing required variable with its description', () => {
    expect(() => loadConfig(spec, IsolatedEnvironment.isolated({}))).toThrow(
      /API_SECRET is required: Signing secret/,
    );
  });

  it('runs cross-variable checks for the detected environment', () => {
    const env = IsolatedEnvironment.isolated({ API_SECRET: 'abcdefgh', ENVIRONMENT: 'production' });
    expect(() => loadConfig(spec, env)).toThrow(/PUBLIC_URL must not point at localhost/);
  });

  it('reports an unknown ENVIRONMENT instead of guessing', () => {
    const env = IsolatedEnvironment.isolated({ API_SECRET: 'abcdefgh', ENVIRONMENT: 'prod' });
    expect(() => loadConfig(spec, env)).toThrow(/ENVIRONMENT must be one of/);
  });

  it('dumps values with origins and masks secrets', () => {
    const config = loadConfig(spec, IsolatedEnvironment.isolated({ API_SECRET: 'abcdefgh' }));
    expect(config.dump().API_SECRET).toEqual({ value: '****', source: 'override' });
    expect(config.dump().PORT).toEqual({ value: '8000', source: 'default' });
  });

  it('describes variables for documentation', () => {
    expect(describeConfig(spec).map((row) => row.name)).toEqual([
      'PORT',
      'PUBLIC_URL',
      'API_SECRET',
      'FEATURES',
      'VERBOSE',
    ]);
    expect(describeConfig(spec)[2]).toMatchObject({ secret: true, default: '', literalDefault: false });
    expect(describeConfig(spec)[0]).toMatchObject({ default: '8000', literalDefault: true });
  });
});
