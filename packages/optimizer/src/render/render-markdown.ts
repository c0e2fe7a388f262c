/**
 * The full Markdown rendering of an analysis report (`netra analyze --out report.md`): summary,
 * baseline tables, and every opportunity with its evidence table, assumptions and all actions with
 * their snippets in fenced code blocks. Every user-supplied string placed in a table is escaped, so
 * a feature named `a|b` cannot break the table.
 * @module
 */
import type { AnalysisReport, BaselineSlice, Opportunity, OpportunityAction } from '@netra/shared/contracts';
import {
  evidenceLabel,
  evidenceValue,
  formatCount,
  formatPercent,
  formatShare,
  formatUsd,
  KIND_LABELS,
  periodLabel,
  rankOpportunities,
  savingsHeadlineLine,
  scopeLabel,
  SLICE_COLUMNS,
  sliceCells,
} from './format.js';

/** Text safe inside a Markdown table cell: pipes escaped, line breaks flattened. */
export function markdownCell(text: string): string {
  return inlineText(text).replaceAll('|', '\\|');
}

/** Text safe in running Markdown: characters that would start markup or HTML are escaped. */
export function inlineText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>#])/g, '\\$1');
}

/** A fenced code block whose fence is longer than any backtick run inside the snippet. */
export function fencedBlock(code: string, language: string | undefined): string {
  const longestRun = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const tag = (language ?? '').replace(/[^\w+.-]/g, '');
  return `${fence}${tag}\n${code.replace(/\n$/, '')}\n${fence}`;
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const align = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** The report as a Markdown document. */
export function renderReportMarkdown(report: AnalysisReport): string {
  const parts = [
    '# Netra Apex — LLM spend analysis',
    summary(report),
    baselineSection(report),
    opportunitiesSection(report),
    dataQualitySection(report),
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function summary(report: AnalysisReport): string {
  const { baseline, data_quality: quality, plan } = report;
  const rows = [
    ['Period', inlineText(periodLabel(report.period))],
    ['Requests', formatCount(baseline.requests)],
    ['Cost in the period', formatUsd(baseline.total_cost_usd)],
    ['Monthly cost', formatUsd(baseline.monthly_cost_usd)],
    ['Unpriced requests', formatCount(baseline.unpriced_requests)],
    ['Data', `${quality.sufficiency}, completeness ${formatShare(quality.completeness)}`],
    ['Proven savings', monthlyShare(plan.proven)],
    ['Potential savings', `${monthlyShare(plan)}, with evaluation`],
    ['Generated', inlineText(report.generated_at)],
  ];
  const lead = plan.opportunity_ids.length === 0 ? [] : [`**${savingsHeadlineLine(plan)}**`];
  return [...lead, table(['', ''], rows)].join('\n\n');
}

function monthlyShare(figure: AnalysisReport['plan']['proven']): string {
  return `${formatUsd(figure.monthly_savings_usd)}/month (${formatPercent(figure.savings_pct)} of baseline)`;
}

function baselineSection(report: AnalysisReport): string {
  if (report.baseline.requests === 0) {
    return '';
  }
  return [
    '## Baseline',
    '### By model',
    sliceTable(report.baseline.by_model),
    '### By feature',
    sliceTable(report.baseline.by_feature),
  ].join('\n\n');
}

function sliceTable(slices: readonly BaselineSlice[]): string {
  if (slices.length === 0) {
    return '_No data._';
  }
  const rows = slices.map((slice) => sliceCells(slice, markdownCell));
  return table(SLICE_COLUMNS, rows);
}

function opportunitiesSection(report: AnalysisReport): string {
  const ranked = rankOpportunities(report);
  if (ranked.length === 0) {
    return '## Opportunities\n\nNo opportunity found in this usage.';
  }
  const overview = table(
    ['#', 'Opportunity', 'Scope', 'Monthly savings', '% of baseline'],
    ranked.map((opportunity, index) => [
      String(index + 1),
      KIND_LABELS[opportunity.kind],
      markdownCell(scopeLabel(opportunity.scope)),
      formatUsd(opportunity.monthly_savings_usd),
      formatPercent(opportunity.savings_pct_of_baseline),
    ]),
  );
  const details = ranked.map((opportunity, index) => opportunitySection(opportunity, index + 1));
  return ['## Opportunities', overview, ...details].join('\n\n');
}

function opportunitySection(opportunity: Opportunity, rank: number): string {
  const facts = [
    ['Kind', KIND_LABELS[opportunity.kind]],
    ['Scope', markdownCell(scopeLabel(opportunity.scope))],
    ['Monthly savings', formatUsd(opportunity.monthly_savings_usd)],
    ['Share of baseline', formatPercent(opportunity.savings_pct_of_baseline)],
    ['Confidence / risk / effort', `${opportunity.confidence} / ${opportunity.risk} / ${opportunity.effort}`],
    ['Needs evaluation', opportunity.requires_evaluation ? 'yes, before rollout' : 'no'],
    ['Id', markdownCell(opportunity.id)],
  ];
  return [
    `### ${rank}. ${inlineText(opportunity.title)}`,
    table(['', ''], facts),
    evidenceTable(opportunity.evidence),
    listSection('Assumptions', opportunity.assumptions),
    actionsSection(opportunity.actions),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function evidenceTable(evidence: Opportunity['evidence']): string {
  const entries = Object.entries(evidence);
  if (entries.length === 0) {
    return '';
  }
  const rows = entries.map(([key, value]) => [
    markdownCell(evidenceLabel(key)),
    markdownCell(evidenceValue(key, value)),
  ]);
  return `**Evidence**\n\n${table(['Measure', 'Value'], rows)}`;
}

function listSection(title: string, items: readonly string[]): string {
  if (items.length === 0) {
    return '';
  }
  return `**${title}**\n\n${items.map((item) => `- ${inlineText(item)}`).join('\n')}`;
}

function actionsSection(actions: readonly OpportunityAction[]): string {
  if (actions.length === 0) {
    return '';
  }
  const steps = actions.map((action, index) => {
    const head = `${index + 1}. **${inlineText(action.title)}**: ${inlineText(action.detail)}`;
    if (action.snippet === undefined) {
      return head;
    }
    // Indented under the list item so the code block belongs to its step.
    const block = fencedBlock(action.snippet, action.language)
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n');
    return `${head}\n\n${block}`;
  });
  return `**Actions**\n\n${steps.join('\n\n')}`;
}

function dataQualitySection(report: AnalysisReport): string {
  const { missing, notes, sufficiency } = report.data_quality;
  const lines = ['## Data quality', `Sufficiency: **${sufficiency}**.`];
  if (missing.length > 0) {
    const rows = missing.map((item) => [markdownCell(item.field), markdownCell(item.why)]);
    lines.push(`**Missing data**\n\n${table(['Field', 'Why it matters'], rows)}`);
  }
  lines.push(listSection('Notes', notes));
  return lines.filter((line) => line !== '').join('\n\n');
}
