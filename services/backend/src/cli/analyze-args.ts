/**
 * The arguments of `netra analyze`, parsed and validated before anything is opened: an unknown flag,
 * a bad value or a missing file is a usage error naming the argument at fault (exit code 2).
 * @module
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fileImportQuerySchema, IMPORT_FILE_FORMATS } from '#modules/ingestion/file-import.schema.js';

export const ANALYZE_USAGE = `usage: netra analyze <file> [<file>…] [options]

Imports usage files into a temporary local ClickHouse and prints where the LLM spend can be cut.
Cost exports among the files (OpenAI Costs API or cost CSV, Anthropic cost report) are imported as
billed cost and reconciled against the usage: the report gains a reconciliation section.

exit codes: 0 report printed, 1 import or analysis failed, 2 usage error,
            3 no usage was imported (nothing to analyze; the reasons are printed instead)

options:
  --format <name>     ${IMPORT_FILE_FORMATS.join('|')} (default auto; cost exports are always recognised)
  --map col=field,…   source column → canonical field, for csv and canonical files
  --model <model>     model for rows that name none
  --provider <name>   provider for rows that name none
  --timestamp-base <iso>
                      origin for relative numeric timestamps (ms since the trace start)
  --json              print the analysis report as JSON instead of text
  --out <file>        also write the report: .md, .html or .json
  -h, --help          show this help
`;

/** A command-line mistake: printed with the usage text, exit code 2. */
export class AnalyzeArgsError extends Error {
  override readonly name = 'AnalyzeArgsError';
}

/** What `--out` writes, chosen by its extension. */
export type OutputKind = 'markdown' | 'html' | 'json';

const OUTPUT_KINDS: Record<string, OutputKind> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
};

const outSchema = z
  .string()
  .min(1)
  .transform((path, context) => {
    const kind = OUTPUT_KINDS[extname(path).toLowerCase()];
    if (kind === undefined) {
      context.addIssue({ code: 'custom', message: `"${path}" must end in .md, .html or .json` });
      return z.NEVER;
    }
    return { path, kind };
  });

const analyzeArgsSchema = z.object({
  files: z.array(z.string().min(1)).min(1),
  format: fileImportQuerySchema.shape.format,
  map: fileImportQuerySchema.shape.map,
  model: fileImportQuerySchema.shape.model,
  provider: fileImportQuerySchema.shape.provider,
  'timestamp-base': fileImportQuerySchema.shape.timestamp_base,
  json: z.boolean().default(false),
  out: outSchema.optional(),
  timings: z.boolean().default(false),
});

/** Validated arguments of `netra analyze`. */
export type AnalyzeArgs = z.output<typeof analyzeArgsSchema>;

/** `--help` asks for the usage text and nothing else. */
export type ParsedAnalyzeArgs = { help: true } | ({ help: false } & AnalyzeArgs);

/** The option name the flag was written as, for messages (`map` → `--map`, the file → `<file>`). */
function argumentName(key: PropertyKey | undefined): string {
  return key === 'files' || key === undefined ? '<file>' : `--${String(key)}`;
}

function flags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        map: { type: 'string' },
        model: { type: 'string' },
        provider: { type: 'string' },
        'timestamp-base': { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        // Hidden: prints where the time went (the analyze benchmark reads it).
        timings: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new AnalyzeArgsError(error instanceof Error ? error.message : String(error));
  }
}

function validated(values: Record<string, unknown>): AnalyzeArgs {
  const parsed = analyzeArgsSchema.safeParse(values);
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const name = argumentName(issue?.path[0]);
  const given = issue?.path[0] === undefined ? undefined : values[String(issue.path[0])];
  const shown = typeof given === 'string' ? ` "${given}"` : '';
  throw new AnalyzeArgsError(`invalid ${name}${shown}: ${issue?.message ?? 'not valid'}`);
}

function checkFile(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new AnalyzeArgsError(`<file> "${file}" does not exist`);
  }
  if (!isFile) {
    throw new AnalyzeArgsError(`<file> "${file}" is not a file`);
  }
}

/**
 * Parses `netra analyze` arguments (without the command name).
 * @throws AnalyzeArgsError naming the argument at fault.
 */
export function parseAnalyzeArgs(argv: readonly string[]): ParsedAnalyzeArgs {
  const { values, positionals } = flags(argv);
  if (values.help === true) {
    return { help: true };
  }
  if (positionals.length === 0) {
    throw new AnalyzeArgsError('missing <file>: name the usage file(s) to analyze');
  }
  const args = validated({ ...values, files: positionals });
  for (const file of args.files) {
    checkFile(file);
  }
  return { help: false, ...args };
}
