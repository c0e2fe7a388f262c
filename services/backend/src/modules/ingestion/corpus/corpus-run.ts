/**
 * Runs `netra analyze` in-process on a corpus file, exactly as the command line does (same argument
 * parsing, import pipeline, embedded ClickHouse and engine), and reads back what a user would see:
 * the exit code, stderr, and the §4.2 report printed with `--json`.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { analysisReportSchema, type AnalysisReport } from '@netra/optimizer';
import { IsolatedEnvironment } from '@netra/shared/server';
import { runAnalyze } from '#cli/analyze.js';

/** What one run showed the user. */
export interface CorpusRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The absolute path of a corpus file, e.g. `openai/costs-api-page.openapi-example.json`. */
export function corpusPath(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** `netra analyze <files…> --json <args…>` on corpus files, in this process. */
export async function analyzeCorpus(files: readonly string[], ...args: string[]): Promise<CorpusRun> {
  let stdout = '';
  let stderr = '';
  const output = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const env = IsolatedEnvironment.fromProcess({ dotenv: false }).withOverrides({ NO_COLOR: '1' });
  const code = await runAnalyze([...files.map(corpusPath), '--json', ...args], env, output);
  return { code, stdout, stderr };
}

/** The report a successful run printed. */
export function reportOf(run: CorpusRun): AnalysisReport {
  return analysisReportSchema.parse(JSON.parse(run.stdout));
}

/** How many events the import summary says were stored (`imported N events from …`). */
export function storedEvents(run: CorpusRun): number {
  const match = /imported ([\d,]+) events?\b/.exec(run.stderr);
  if (match?.[1] === undefined) {
    throw new Error(`no import summary on stderr:\n${run.stderr}`);
  }
  return Number(match[1].replaceAll(',', ''));
}
