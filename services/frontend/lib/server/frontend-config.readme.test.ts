import { compareReadmeConfig } from '@netra/test-framework/docs';
import { describe, expect, it } from 'vitest';
import { frontendConfigSpec } from './frontend-config';

describe('frontend configuration', () => {
  it('is documented in the README exactly as the schema defines it', () => {
    const { documented, expected } = compareReadmeConfig(frontendConfigSpec, 'frontend');
    expect(documented, 'README section <!-- config:frontend --> is missing').toBeDefined();
    expect(documented).toBe(expected);
  });
});
