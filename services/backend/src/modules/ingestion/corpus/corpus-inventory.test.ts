/**
 * The corpus stays documented and tested: every file of the non-OTLP families is described in
 * README.md (source, licence, figures) and imported by a test of its family.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FAMILIES = ['openai', 'anthropic', 'litellm', 'langfuse'] as const;

function text(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8');
}

function filesOf(family: string): string[] {
  return readdirSync(fileURLToPath(new URL(`./${family}/`, import.meta.url)));
}

/** README entries name a file in full or as a `<framework>-<date>` table row of a file pattern. */
function describedIn(readme: string, file: string): boolean {
  const stem = file.replace(/^trace-(download|view)\./, '').replace(/\.json$/, '');
  return readme.includes(`\`${file}\``) || readme.includes(`| \`${stem}\``);
}

describe('corpus inventory', () => {
  const readme = text('README.md');
  const tests = [
    ...FAMILIES.map((family) => text(`${family}.int.test.ts`)),
    text('reconciliation.int.test.ts'),
  ];

  it.each(FAMILIES)('every %s file has a README entry and a test', (family) => {
    const files = filesOf(family);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(describedIn(readme, file), `${family}/${file} in README.md`).toBe(true);
      expect(
        tests.some((source) => source.includes(`'${family}/${file}'`)),
        `${family}/${file} imported by a test`,
      ).toBe(true);
    }
  });

  it('holds at least 20 files outside otlp/', () => {
    expect(FAMILIES.flatMap(filesOf).length).toBeGreaterThanOrEqual(20);
  });
});
