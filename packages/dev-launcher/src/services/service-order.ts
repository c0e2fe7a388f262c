import { UsageError } from '#cli/usage-error.js';
import type { ServiceDefinition } from './service-definition.js';

type VisitState = Map<string, 'visiting' | 'done'>;

/**
 * Definitions sorted so every service comes after the services it depends on; ties keep
 * declaration order. Throws on unknown dependencies and on cycles.
 */
export function orderByDependencies(definitions: readonly ServiceDefinition[]): ServiceDefinition[] {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  const state: VisitState = new Map();
  const ordered: ServiceDefinition[] = [];
  for (const definition of definitions) {
    visit(definition, [], { byName, state, ordered });
  }
  return ordered;
}

interface Visit {
  byName: ReadonlyMap<string, ServiceDefinition>;
  state: VisitState;
  ordered: ServiceDefinition[];
}

/** Depth-first: a service is appended once all its dependencies are. */
function visit(definition: ServiceDefinition, path: readonly string[], context: Visit): void {
  const seen = context.state.get(definition.name);
  if (seen === 'done') {
    return;
  }
  if (seen === 'visiting') {
    throw new Error(`dependency cycle: ${[...path, definition.name].join(' → ')}`);
  }
  context.state.set(definition.name, 'visiting');
  for (const dependency of definition.dependsOn) {
    const target = context.byName.get(dependency);
    if (target === undefined) {
      throw new Error(`${definition.name} depends on unknown service "${dependency}"`);
    }
    visit(target, [...path, definition.name], context);
  }
  context.state.set(definition.name, 'done');
  context.ordered.push(definition);
}

/**
 * The services to start, in start order: all of them when `names` is undefined, else the named
 * subset (dependencies are not added, but still order the subset). Unknown names are a UsageError.
 */
export function selectServices(
  definitions: readonly ServiceDefinition[],
  names: readonly string[] | undefined,
): ServiceDefinition[] {
  const ordered = orderByDependencies(definitions);
  if (names === undefined) {
    return ordered;
  }
  const known = new Set(definitions.map((definition) => definition.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `"${name}"`).join(', ');
    throw new UsageError(`unknown service ${list}; known services: ${[...known].join(', ')}`);
  }
  const wanted = new Set(names);
  return ordered.filter((definition) => wanted.has(definition.name));
}
