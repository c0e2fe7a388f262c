/**
 * What `netra analyze` writes: the import summary and the refused lines on stderr, the report on
 * stdout (text, or JSON with `--json`), the `--out` file in the format its extension names, and,
 * on request, where the time and memory went.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import {
  renderReportHtml,
  renderReportMarkdown,
  renderReportText,
  type AnalysisReport,
} from '@netra/optimizer';
import type { Reconciliation } from '@netra/shared/contracts';
import type { OutputKind } from './analyze-args.js';
import type { ImportOutcome } from './analyze-import.js';
import { renderReconciliationMarkdown, renderReconciliationText } from './analyze-reconciliation.js';

/** Refused lines printed one by one; the rest are only counted. */
export const LISTED_LINE_ERRORS = 10;

/** The streams a run writes to (process.stdout/stderr, or stand-ins in tests). */
export interface CliOutput {
  stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

function importedLine(outcome: ImportOutcome, seconds: number): string {
  const { totals } = outcome;
  const source = `from ${plural(totals.rows, 'row')} (format ${totals.format ?? 'none'}) in ${seconds.toFixed(1)} s`;
  if (outcome.kind === 'billed_cost') {
    const billed = (outcome.billedCostUsd ?? 0).toFixed(2);
    return `imported ${plural(totals.stored, 'billed cost line')} ($${billed}) ${source}, as billed cost for reconciliation`;
  }
  return (
    `imported ${plural(totals.stored, 'event')} ${source}` +
    (totals.duplicates > 0 ? `; ${plural(totals.duplicates, 'duplicate')} dropped` : '') +
    (totals.unpriced > 0 ? `; ${plural(totals.unpriced, 'event')} on models the catalog cannot price` : '')
  );
}

/** The import summary and the first refused lines, with how many more there were; `label` names the file. */
export function importSummary(outcome: ImportOutcome, seconds: number, label = ''): string {
  const { totals, errors } = outcome;
  const lines = [`${label}${importedLine(outcome, seconds)}`];
  for (const [reason, count] of Object.entries(totals.skipped)) {
    lines.push(`skipped ${plural(count, 'row')}: ${reason}`);
  }
  if (totals.rejected > 0) {
    lines.push(`${plural(totals.rejected, 'malformed row')} not imported (the rest of the file was):`);
    lines.push(
      ...errors
        .slice(0, LISTED_LINE_ERRORS)
        .map((error) => `  line ${error.line}: ${error.field}: ${error.reason}`),
    );
    const unlisted = totals.rejected - Math.min(errors.length, LISTED_LINE_ERRORS);
    if (unlisted > 0) {
      lines.push(`  … and ${plural(unlisted, 'more malformed row')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The report as the `--out` file's format wants it. */
export function renderForFile(report: AnalysisReport, kind: OutputKind): string {
  switch (kind) {
    case 'markdown':
      return renderReportMarkdown(report) + reconciliationOf(report, renderReconciliationMarkdown);
    case 'html':
      return withHtmlSection(renderReportHtml(report), reconciliationOf(report, renderReconciliationText));
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** The reconciliation as preformatted text at the end of the HTML report's main section. */
function withHtmlSection(html: string, text: string): string {
  if (text === '') {
    return html;
  }
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return html.replace('</main></body>', `<section><pre>${escaped.trim()}</pre></section>\n</main></body>`);
}

function reconciliationOf(report: AnalysisReport, render: (value: Reconciliation) => string): string {
  return report.reconciliation === undefined ? '' : render(report.reconciliation);
}

/** Prints the report on stdout and writes the `--out` file when one was asked for. */
export async function emitReport(
  report: AnalysisReport,
  options: { json: boolean; color: boolean; out: { path: string; kind: OutputKind } | undefined },
  output: CliOutput,
): Promise<void> {
  if (options.out !== undefined) {
    await writeFile(options.out.path, renderForFile(report, options.out.kind), 'utf8');
  }
  if (options.json) {
    output.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    output.stdout.write(
      renderReportText(report, { color: options.color, width: output.stdout.columns ?? 100 }) +
        reconciliationOf(report, renderReconciliationText),
    );
  }
  if (options.out !== undefined) {
    output.stderr.write(`wrote ${options.out.path}\n`);
  }
}

/** Milliseconds per phase of a run. */
export interface RunTimings {
  setupMs: number;
  importMs: number;
  analysisMs: number;
  stagesMs: Record<string, number>;
  outputMs: number;
  events: number;
}

/** A readable line and a machine-readable `netra-timings {…}` line (the benchmark parses it). */
export function timingsReport(timings: RunTimings): string {
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rate = timings.importMs > 0 ? Math.round((timings.events * 1000) / timings.importMs) : 0;
  const stages = Object.entries(timings.stagesMs)
    .map(([stage, ms]) => `${stage} ${seconds(ms)}`)
    .join(', ');
  const readable =
    `timings: setup ${seconds(timings.setupMs)} · import ${seconds(timings.importMs)} ` +
    `(${rate.toLocaleString('en-US')} events/s) · analysis ${seconds(timings.analysisMs)} (${stages}) · ` +
    `output ${seconds(timings.outputMs)} · peak RSS ${(maxRssBytes / 1e6).toFixed(0)} MB`;
  const machine = JSON.stringify({
    setup_ms: Math.round(timings.setupMs),
    import_ms: Math.round(timings.importMs),
    analysis_ms: Math.round(timings.analysisMs),
    stages_ms: Object.fromEntries(
      Object.entries(timings.stagesMs).map(([stage, ms]) => [stage, Math.round(ms)]),
    ),
    output_ms: Math.round(timings.outputMs),
    events: timings.events,
    max_rss_bytes: maxRssBytes,
  });
  return `${readable}\nnetra-timings ${machine}\n`;
}
