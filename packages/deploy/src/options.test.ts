/**
 * `npm run deploy` options: the environment from the flag or the project id, and clear refusals.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { environmentOfProject, parseDeployOptions } from './options.js';

describe('parseDeployOptions', () => {
  it('takes the environment from the project id and the flags as given', () => {
    expect(
      parseDeployOptions(['--project', 'acme-netra-prod', '--build-local', '--run-checks', '--dry-run']),
    ).toEqual({
      project: 'acme-netra-prod',
      environment: 'production',
      environmentFrom: 'project',
      buildLocal: true,
      runChecks: true,
      dryRun: true,
      tag: undefined,
      config: undefined,
      secretsDir: undefined,
    });
  });

  it('takes --environment for a project whose name says nothing', () => {
    const options = parseDeployOptions(['--project', 'acme-netra', '--environment', 'staging']);
    expect(options).toMatchObject({ environment: 'staging', environmentFrom: 'flag', dryRun: false });
  });

  it('reads the environment from the usual suffixes', () => {
    expect(
      ['x-staging1', 'acme-stg', 'acme-staging', 'acme-prd', 'acme-production'].map(environmentOfProject),
    ).toEqual([undefined, 'staging', 'staging', 'production', 'production']);
  });

  it('refuses what it cannot act on safely, saying why', () => {
    expect(() => parseDeployOptions([])).toThrow('--project is required');
    expect(() => parseDeployOptions(['--project', 'Acme'])).toThrow(
      '--project must be a Google Cloud project id',
    );
    expect(() => parseDeployOptions(['--project', 'acme-netra'])).toThrow(
      'cannot tell the environment from project acme-netra: pass --environment staging|production',
    );
    expect(() => parseDeployOptions(['--project', 'acme-staging', '--environment', 'production'])).toThrow(
      '--environment production contradicts project acme-staging, whose name says staging',
    );
    expect(() => parseDeployOptions(['--project', 'acme-prod', '--environment', 'dev'])).toThrow(
      '--environment must be staging or production',
    );
    expect(() => parseDeployOptions(['--project', 'acme-prod', '--force'])).toThrow(
      "Unknown option '--force'",
    );
  });
});
