import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadFrontendConfig } from './frontend-config';
import { toRuntimeConfig } from './runtime-config';

describe('toRuntimeConfig', () => {
  it('hands the browser the service URLs of this start, and nothing else', () => {
    const env = IsolatedEnvironment.isolated({
      BACKEND_URL: 'http://127.0.0.1:18000',
      AUTH_SERVICE_URL: 'http://127.0.0.1:18081',
      SOME_SECRET: 'hunter2',
    });
    expect(toRuntimeConfig(loadFrontendConfig(env))).toEqual({
      environment: 'development',
      services: [
        { id: 'backend', name: 'Main backend', url: 'http://127.0.0.1:18000' },
        { id: 'auth', name: 'Auth service', url: 'http://127.0.0.1:18081' },
      ],
    });
  });
});
