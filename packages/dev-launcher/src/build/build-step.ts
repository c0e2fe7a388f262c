import type { ProcessCommand, ServiceDefinition } from '#services/service-definition.js';

/** Something to build before services start, run as a child process. */
export interface BuildStep {
  /** What the output shows, e.g. "tsc -b". */
  readonly label: string;
  readonly command: ProcessCommand;
  /** Why the step must run, or undefined when its output is up to date. */
  staleReason(): string | undefined;
  /** Runs after the command succeeded, e.g. to record what was built. */
  onSuccess?(): void;
}

/** The build steps the selected services need, each once, in the order they are first needed. */
export function buildsFor(
  selected: readonly ServiceDefinition[],
  steps: Readonly<Record<string, BuildStep>>,
): BuildStep[] {
  const names = [...new Set(selected.flatMap((definition) => definition.builds))];
  return names.map((name) => {
    const step = steps[name];
    if (step === undefined) {
      throw new Error(`no build step named "${name}"`);
    }
    return step;
  });
}
