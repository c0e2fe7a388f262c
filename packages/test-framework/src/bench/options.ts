import { z } from 'zod';

/**
 * A bench's `--name value` and `--name=value` options, parsed with its schema; undefined (after
 * printing why, and the usage line) when they are not understood.
 */
export function parseBenchOptions<S extends z.ZodType>(
  schema: S,
  argv: readonly string[],
  usage: string,
): z.output<S> | undefined {
  const raw: Record<string, string | undefined> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const [name = '', inline] = (argv[index] ?? '').replace(/^--/, '').split('=', 2);
    if (inline === undefined) {
      index += 1;
    }
    raw[name] = inline ?? argv[index];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`error: ${z.prettifyError(parsed.error)}\n${usage}\n`);
    return undefined;
  }
  return parsed.data;
}
