/**
 * The terminal rendering of an analysis report (what `netra analyze` prints): the period and data
 * quality, where the money goes, the opportunities ranked by monthly dollars with their key evidence
 * and first action, the combined plan, and what data is missing. Pure: report in, text out.
 * @module
 */
import type { AnalysisReport, BaselineSlice, Opportunity } from '@netra/shared/contracts';
import {
  evidenceLabel,
  evidenceValue,
  formatCount,
  formatPercent,
  formatShare,
  formatUsd,
  keyEvidence,
  KIND_LABELS,
  levelsLabel,
  periodLabel,
  rankOpportunities,
  savingsHeadline,
  savingsHeadlineLine,
  scopeLabel,
} from './format.js';
import { columns, fit, textStyle, wrap, type TextStyle } from './text-layout.js';

/** Options of `renderReportText`. */
export interface TextRenderOptions {
  /** ANSI colors and bold (default false: plain text, safe for files and pipes). */
  color?: boolean;
  /** Terminal width in columns (default 100, at least 60). */
  width?: number;
}

interface Layout {
  style: TextStyle;
  width: number;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const EVIDENCE_LINES = 4;
const SLICE_ROWS = 10;

/** The report as terminal text, ending with a newline. */
export function renderReportText(report: AnalysisReport, options: TextRenderOptions = {}): string {
  const layout: Layout = {
    style: textStyle(options.color ?? false),
    width: Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH)),
  };
  const sections = [
    header(report, layout),
    baseline(report, layout),
    opportunities(report, layout),
    plan(report, layout),
    dataNotes(report, layout),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function header(report: AnalysisReport, { style, width }: Layout): string {
  const quality = report.data_quality;
  const sufficiency =
    quality.sufficiency === 'sufficient' ? style.good(quality.sufficiency) : style.warn(quality.sufficiency);
  const { baseline: base } = report;
  const unpriced = base.unpriced_requests > 0 ? ` (${formatCount(base.unpriced_requests)} unpriced)` : '';
  return [
    style.bold('Netra Apex — LLM spend analysis'),
    `Period    ${periodLabel(report.period)}`,
    `Data      ${sufficiency} · completeness ${formatShare(quality.completeness)}`,
    `Baseline  ${formatUsd(base.monthly_cost_usd)}/month · ${formatUsd(base.total_cost_usd)} in the period`,
    `Requests  ${formatCount(base.requests)}${unpriced}`,
    ...savingsLead(report, style, width),
  ].join('\n');
}

/** The proven figure first, the potential beside it: the line a reader takes away. */
function savingsLead(report: AnalysisReport, style: TextStyle, width: number): string[] {
  if (report.plan.opportunity_ids.length === 0) {
    return [];
  }
  return [`Savings   ${style.good(wrap(savingsHeadlineLine(report.plan), width - 10, '          '))}`];
}

function baseline(report: AnalysisReport, layout: Layout): string {
  if (report.baseline.requests === 0) {
    return '';
  }
  return [
    sliceTable('Spend by model', report.baseline.by_model, layout),
    sliceTable('Spend by feature', report.baseline.by_feature, layout),
  ]
    .filter((table) => table !== '')
    .join('\n\n');
}

function sliceTable(title: string, slices: readonly BaselineSlice[], layout: Layout): string {
  if (slices.length === 0) {
    return '';
  }
  const shown = [...slices].sort((a, b) => b.monthly_cost_usd - a.monthly_cost_usd).slice(0, SLICE_ROWS);
  const rows = [
    ['', 'requests', 'monthly', 'share'],
    ...shown.map((slice) => [
      sliceName(slice),
      formatCount(slice.requests),
      formatUsd(slice.monthly_cost_usd),
      formatShare(slice.share_of_cost),
    ]),
  ];
  const more = slices.length > shown.length ? [`  … ${slices.length - shown.length} more`] : [];
  return [layout.style.bold(title), ...columns(rows, layout.width, '  '), ...more].join('\n');
}

/** A model slice names its provider; a slice whose cost is unknown says so. */
function sliceName(slice: BaselineSlice): string {
  const name =
    slice.provider === undefined || slice.provider === '' ? slice.key : `${slice.provider}/${slice.key}`;
  const label = name === '' ? '(unnamed)' : name;
  return slice.unpriced_requests > 0 ? `${label} (${formatCount(slice.unpriced_requests)} unpriced)` : label;
}

function opportunities(report: AnalysisReport, layout: Layout): string {
  const ranked = rankOpportunities(report);
  if (ranked.length === 0) {
    return report.data_quality.sufficiency === 'insufficient'
      ? ''
      : `${layout.style.bold('Opportunities')}\n  None found: no lever clears its evidence threshold in this usage.`;
  }
  const title = layout.style.bold(`Opportunities (${ranked.length}), ranked by monthly savings`);
  return [
    title,
    ...ranked.map((opportunity, index) => opportunityBlock(opportunity, index + 1, layout)),
  ].join('\n\n');
}

function opportunityBlock(opportunity: Opportunity, rank: number, layout: Layout): string {
  const { style, width } = layout;
  const indent = '     ';
  const kind = KIND_LABELS[opportunity.kind];
  const scope = fit(scopeLabel(opportunity.scope), width - indent.length - kind.length - 3);
  const savings =
    `${style.good(`${formatUsd(opportunity.monthly_savings_usd)}/month`)} ` +
    `(${formatPercent(opportunity.savings_pct_of_baseline)} of baseline)`;
  const flag = opportunity.requires_evaluation ? ` · ${style.warn('needs evaluation')}` : '';
  const lines = [
    `${String(rank).padStart(3)}. ${style.bold(kind)} — ${scope}`,
    `${indent}${wrap(opportunity.title, width - indent.length, indent)}`,
    `${indent}${savings}${flag}`,
    `${indent}${levelsLabel(opportunity)}`,
    ...evidenceLines(opportunity, layout, indent),
    ...opportunity.assumptions.map(
      (item) => `${indent}${style.dim('assumes')} ${wrap(item, width - 13, `${indent}        `)}`,
    ),
    ...firstAction(opportunity, layout, indent),
  ];
  return lines.join('\n');
}

function evidenceLines(opportunity: Opportunity, { style, width }: Layout, indent: string): string[] {
  const entries = keyEvidence(opportunity.evidence, EVIDENCE_LINES);
  if (entries.length === 0) {
    return [];
  }
  const text = entries
    .map(([key, value]) => `${evidenceLabel(key)} ${evidenceValue(key, value)}`)
    .join(' · ');
  return [`${indent}${style.dim('evidence')} ${wrap(text, width - 14, `${indent}         `)}`];
}

function firstAction(opportunity: Opportunity, { style, width }: Layout, indent: string): string[] {
  const action = opportunity.actions[0];
  if (action === undefined) {
    return [];
  }
  const more =
    opportunity.actions.length > 1 ? ` (+${opportunity.actions.length - 1} more in the full report)` : '';
  const text = `${action.title}: ${action.detail}${more}`;
  return [`${indent}${style.dim('do')} ${wrap(text, width - 8, `${indent}   `)}`];
}

function plan(report: AnalysisReport, { style, width }: Layout): string {
  if (report.plan.opportunity_ids.length === 0) {
    return '';
  }
  const { plan: figures } = report;
  const { proven, potential } = savingsHeadline(figures);
  const count = figures.opportunity_ids.length;
  const changes = `${count} change${count === 1 ? '' : 's'} applied together; overlapping savings counted once.`;
  const lines = [`${style.bold('Plan')}  ${style.good(proven)}`];
  if (potential !== undefined) {
    lines.push(
      `      ${wrap(`— ${potential} (${formatPercent(figures.savings_pct)} of baseline)`, width - 6, '      ')}`,
    );
  }
  lines.push(`      ${wrap(changes, width - 6, '      ')}`);
  return lines.join('\n');
}

function dataNotes(report: AnalysisReport, layout: Layout): string {
  const { missing, notes, sufficiency } = report.data_quality;
  const { style, width } = layout;
  const lines: string[] = [];
  if (sufficiency === 'insufficient') {
    lines.push(style.warn('Insufficient data: the usage cannot support an analysis yet.'));
  }
  if (missing.length > 0) {
    lines.push(style.bold('Missing data'));
    lines.push(...missing.map((item) => `  - ${wrap(`${item.field}: ${item.why}`, width - 4, '    ')}`));
  }
  if (notes.length > 0) {
    lines.push(style.bold('Notes'));
    lines.push(...notes.map((note) => `  - ${wrap(note, width - 4, '    ')}`));
  }
  return lines.join('\n');
}
