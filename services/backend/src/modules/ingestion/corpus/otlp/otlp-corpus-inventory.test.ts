/**
 * The OTLP corpus stays documented and tested: every export file here has a row in README.md
 * (source, commit, licence) and a case in `otlp-corpus.int.test.ts`, and there are at least five
 * instrumentations.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const exports = readdirSync(here('')).filter((name) => name.endsWith('.otlp.json'));

describe('OTLP corpus inventory', () => {
  const readme = readFileSync(here('README.md'), 'utf8');
  const test = readFileSync(here('otlp-corpus.int.test.ts'), 'utf8');

  it('holds exports of at least five instrumentations', () => {
    expect(exports.length).toBeGreaterThanOrEqual(5);
  });

  it.each(exports)('%s has a README row and a test case', (file) => {
    expect(readme).toContain(`| \`${file}\` |`);
    expect(test).toContain(`file: '${file}'`);
  });
});
