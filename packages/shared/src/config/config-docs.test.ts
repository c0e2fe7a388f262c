import { describe, expect, it } from 'vitest';
import { readmeConfigSection, renderConfigTable } from './config-docs.js';

describe('config docs', () => {
  it('renders one row per variable with defaults and secrets marked', () => {
    const table = renderConfigTable([
      { name: 'PORT', default: '8000', literalDefault: true, description: 'Port', secret: false },
      { name: 'KEY', default: '', literalDefault: false, description: 'Signing | key', secret: true },
      { name: 'DATA', default: 'embedded in `x`', literalDefault: false, description: 'Data', secret: false },
    ]);
    expect(table.split('\n')).toEqual([
      '| variable | default | description |',
      '| --- | --- | --- |',
      '| `PORT` | `8000` | Port |',
      '| `KEY` | — | Signing \\| key (secret) |',
      '| `DATA` | embedded in `x` | Data |',
    ]);
  });

  it('finds a marked README section', () => {
    const readme = 'intro\n<!-- config:auth -->\n| a |\n<!-- /config:auth -->\nend';
    expect(readmeConfigSection(readme, 'auth')).toBe('| a |');
    expect(readmeConfigSection(readme, 'backend')).toBeUndefined();
  });
});
