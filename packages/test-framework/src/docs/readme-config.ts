/**
 * Checks that the repository README documents a configuration spec exactly as the schema defines it.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeConfig,
  readmeConfigSection,
  renderConfigTable,
  type ConfigSpec,
  type VariableShape,
} from '@netra/shared/server';
import { findRepoRoot } from '#runner/root.js';

export interface ReadmeConfigComparison {
  /** The table the schema produces; paste it between the markers when they differ. */
  expected: string;
  /** What the README holds between `<!-- config:NAME -->` markers, or undefined when they are missing. */
  documented: string | undefined;
}

/** The README's configuration section `name` next to the table rendered from `spec`. */
export function compareReadmeConfig<T extends VariableShape>(
  spec: ConfigSpec<T>,
  name: string,
  from: string = process.cwd(),
): ReadmeConfigComparison {
  const readme = readFileSync(join(findRepoRoot(from), 'README.md'), 'utf8');
  return { expected: renderConfigTable(describeConfig(spec)), documented: readmeConfigSection(readme, name) };
}
