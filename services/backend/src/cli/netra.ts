/**
 * `netra <command> [args…]`: the command-line entry point (`services/backend/bin/netra.js` runs it).
 * Each command is one module with a `run(argv, env, output) → exit code` function; a new command is
 * one more entry in COMMANDS. Exit codes: the command's own, 2 for an unknown or missing command.
 * @module
 */
import { IsolatedEnvironment } from '@netra/shared/server';
import { describeFailure } from '@netra/shared/http';
import type { CliOutput } from './analyze-output.js';

type Command = (argv: readonly string[], env: IsolatedEnvironment, output: CliOutput) => Promise<number>;

interface CommandEntry {
  summary: string;
  /** Loaded on use, so `netra --help` does not load the engine or chdb. */
  load(): Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  analyze: {
    summary: 'analyze a usage file offline and print where the LLM spend can be cut',
    load: async () => (await import('./analyze.js')).runAnalyze,
  },
};

function usage(): string {
  const commands = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(12)} ${entry.summary}`);
  return `usage: netra <command> [args…]\n\ncommands:\n${commands.join('\n')}\n\nRun netra <command> --help for a command's options.\n`;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[], output: CliOutput = process): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? output.stderr : output.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    output.stderr.write(`netra: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  return command(rest, IsolatedEnvironment.fromProcess({ dotenv: false }), output);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`netra: ${describeFailure(error)}\n`);
  process.exitCode = 1;
}
