/**
 * Finds benchmarks: `packages/<pkg>/bench/<name>.bench.ts` and `services/<svc>/bench/<name>.bench.ts`.
 * Discovery is by path only; benches run in their own process, so no package imports a service.
 * @module
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SUFFIX = '.bench.ts';

export interface Bench {
  /** `<name>` from `<name>.bench.ts`. */
  name: string;
  /** `packages/<pkg>` or `services/<svc>`. */
  owner: string;
  /** Absolute path of the bench file. */
  file: string;
}

function benchesIn(root: string, owner: string): Bench[] {
  const dir = join(root, owner, 'bench');
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => ({ name: file.slice(0, -SUFFIX.length), owner, file: join(dir, file) }));
}

/** Every bench under `root`, sorted by owner then name. */
export function discoverBenches(root: string): Bench[] {
  return ['packages', 'services']
    .flatMap((parent) => {
      const base = join(root, parent);
      return existsSync(base) ? readdirSync(base).map((child) => `${parent}/${child}`) : [];
    })
    .flatMap((owner) => benchesIn(root, owner))
    .sort((a, b) => a.owner.localeCompare(b.owner) || a.name.localeCompare(b.name));
}

/** The short owner name used to qualify ambiguous benches: `test-framework/runner`. */
export function qualifiedName(bench: Bench): string {
  return `${bench.owner.split('/')[1] ?? bench.owner}/${bench.name}`;
}

/**
 * The benches a name selects: `<name>` matches every owner's bench of that name; `<owner>/<name>`
 * picks one. More than one match means the caller must qualify the name.
 */
export function selectBenches(benches: readonly Bench[], wanted: string): Bench[] {
  return benches.filter((bench) => bench.name === wanted || qualifiedName(bench) === wanted);
}
