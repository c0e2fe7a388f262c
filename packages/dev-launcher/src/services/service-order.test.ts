import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { UsageError } from '#cli/usage-error.js';
import { loadLauncherConfig } from '#config/launcher-config.js';
import { netraServices } from './netra-services.js';
import type { ServiceDefinition } from './service-definition.js';
import { orderByDependencies, selectServices } from './service-order.js';

const netra = netraServices(loadLauncherConfig(IsolatedEnvironment.isolated()).values, '/repo');
const names = (definitions: readonly ServiceDefinition[]) => definitions.map((definition) => definition.name);

function fake(name: string, dependsOn: string[] = []): ServiceDefinition {
  return {
    name,
    dependsOn,
    preferredPort: 0,
    urlVariable: `${name.toUpperCase()}_URL`,
    stores: {},
    readinessPath: '/health/ready',
    builds: [],
    command: () => ({ command: 'true', args: [], cwd: '/' }),
  };
}

describe('selectServices', () => {
  it('starts all Netra services as auth → backend → frontend', () => {
    expect(names(selectServices(netra, undefined))).toEqual(['auth', 'backend', 'frontend']);
  });

  it('orders a subset by dependencies, whatever order it was named in', () => {
    expect(names(selectServices(netra, ['backend', 'auth']))).toEqual(['auth', 'backend']);
    expect(names(selectServices(netra, ['frontend', 'auth']))).toEqual(['auth', 'frontend']);
  });

  it('starts only what was named, without adding dependencies', () => {
    expect(names(selectServices(netra, ['frontend']))).toEqual(['frontend']);
  });

  it('rejects unknown names, listing the known ones', () => {
    expect(() => selectServices(netra, ['auth', 'billing'])).toThrow(UsageError);
    expect(() => selectServices(netra, ['billing'])).toThrow(
      'unknown service "billing"; known services: auth, backend, frontend',
    );
  });
});

describe('orderByDependencies', () => {
  it('puts dependencies first even when declared later, keeping declaration order otherwise', () => {
    const ordered = orderByDependencies([
      fake('web', ['api']),
      fake('worker'),
      fake('api', ['db']),
      fake('db'),
    ]);
    expect(names(ordered)).toEqual(['db', 'api', 'web', 'worker']);
  });

  it('reports a dependency cycle with its path', () => {
    expect(() => orderByDependencies([fake('a', ['b']), fake('b', ['a'])])).toThrow(
      'dependency cycle: a → b → a',
    );
  });

  it('reports a dependency on a service that does not exist', () => {
    expect(() => orderByDependencies([fake('a', ['ghost'])])).toThrow('a depends on unknown service "ghost"');
  });
});
