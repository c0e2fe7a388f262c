import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadFrontendConfig } from './frontend-config';
import { validateConfigAtStart, type StartOutput } from './validate-at-start';

function recordingOutput() {
  const lines = { info: [] as string[], error: [] as string[] };
  const output: StartOutput = {
    info: (line) => lines.info.push(line),
    error: (text) => lines.error.push(text),
  };
  return { lines, output };
}

describe('validateConfigAtStart', () => {
  it('reports a valid configuration with the URLs it will hand to browsers', () => {
    const { lines, output } = recordingOutput();
    const env = IsolatedEnvironment.isolated({ BACKEND_URL: 'http://127.0.0.1:18000' });
    expect(validateConfigAtStart(() => loadFrontendConfig(env), output)).toBe(true);
    expect(lines.error).toEqual([]);
    expect(lines.info.join('\n')).toContain('backend http://127.0.0.1:18000');
  });

  it('prints every problem and reports failure', () => {
    const { lines, output } = recordingOutput();
    const env = IsolatedEnvironment.isolated({ ENVIRONMENT: 'production' });
    expect(validateConfigAtStart(() => loadFrontendConfig(env), output)).toBe(false);
    const printed = lines.error.join('\n');
    expect(printed).toContain('frontend: invalid configuration');
    for (const name of ['BACKEND_URL', 'AUTH_SERVICE_URL', 'FRONTEND_URL']) {
      expect(printed).toContain(`${name} must not point at localhost`);
    }
  });

  it('does not swallow errors other than configuration problems', () => {
    const { output } = recordingOutput();
    const broken = () => {
      throw new Error('disk on fire');
    };
    expect(() => validateConfigAtStart(broken, output)).toThrow('disk on fire');
  });
});
