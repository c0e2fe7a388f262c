import { compareReadmeConfig } from '@netra/test-framework/docs';
import { describe, expect, it } from 'vitest';
import { launcherConfigSpec } from './launcher-config.js';

describe('launcher configuration', () => {
  it('is documented in the README exactly as the schema defines it', () => {
    const { documented, expected } = compareReadmeConfig(launcherConfigSpec, 'dev-launcher');
    expect(documented, 'README section <!-- config:dev-launcher --> is missing').toBeDefined();
    expect(documented).toBe(expected);
  });
});
