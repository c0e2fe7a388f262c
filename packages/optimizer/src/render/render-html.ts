/**
 * The HTML rendering of an analysis report (`netra analyze --out report.html`): one self-contained
 * page with inline CSS and no scripts, fonts or images fetched from anywhere, so it opens offline
 * and can be mailed as is. Every value from the report is HTML-escaped: feature names, prompts and
 * snippets come from the customer's data.
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
  savingsHeadline,
  scopeLabel,
  SLICE_COLUMNS,
  sliceCells,
} from './format.js';
import { REPORT_CSS } from './report-css.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function row(cells: readonly string[], tag: 'td' | 'th' = 'td'): string {
  return `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`;
}

function table(header: readonly string[], rows: readonly string[][], className = ''): string {
  const head = header.length > 0 ? `<thead>${row(header.map(escapeHtml), 'th')}</thead>` : '';
  const classAttribute = className === '' ? '' : ` class="${className}"`;
  return `<table${classAttribute}>${head}<tbody>${rows.map((cells) => row(cells)).join('')}</tbody></table>`;
}

/** The report as a complete HTML document. */
export function renderReportHtml(report: AnalysisReport): string {
  const body = [
    '<h1>Netra Apex — LLM spend analysis</h1>',
    summary(report),
    baselineSection(report),
    opportunitiesSection(report),
    dataQualitySection(report),
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No fetches: the page may only use what it carries (inline styles, no scripts at all).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Netra Apex analysis — ${escapeHtml(periodLabel(report.period))}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body><main>\n${body}\n</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

function summary(report: AnalysisReport): string {
  const { baseline, data_quality: quality, plan } = report;
  const cards = [
    ['Monthly cost', formatUsd(baseline.monthly_cost_usd)],
    ['Proven savings', `${formatUsd(plan.proven.monthly_savings_usd)}/month`],
    ['Proven, of baseline', formatPercent(plan.proven.savings_pct)],
    ['Potential with evaluation', `${formatUsd(plan.monthly_savings_usd)}/month`],
    ['Requests', formatCount(baseline.requests)],
  ];
  const period = `<p class="meta">${escapeHtml(periodLabel(report.period))} · data ${escapeHtml(quality.sufficiency)}, completeness ${formatShare(quality.completeness)} · cost in the period ${formatUsd(baseline.total_cost_usd)} · ${formatCount(baseline.unpriced_requests)} unpriced requests · generated ${escapeHtml(report.generated_at)}</p>`;
  const tiles = cards.map(
    ([label = '', value = '']) =>
      `<div class="card"><span>${escapeHtml(label)}</span><strong>${escapeHtml(value)}</strong></div>`,
  );
  return `${period}\n${headline(plan)}<div class="cards">${tiles.join('')}</div>`;
}

function headline(plan: AnalysisReport['plan']): string {
  if (plan.opportunity_ids.length === 0) {
    return '';
  }
  const { proven, potential } = savingsHeadline(plan);
  const beside = potential === undefined ? '' : ` — <span class="meta">${escapeHtml(potential)}</span>`;
  return `<p class="headline"><strong>${escapeHtml(proven)}</strong>${beside}</p>\n`;
}

function baselineSection(report: AnalysisReport): string {
  if (report.baseline.requests === 0) {
    return '';
  }
  return [
    '<h2>Baseline</h2>',
    '<h3>By model</h3>',
    sliceTable(report.baseline.by_model),
    '<h3>By feature</h3>',
    sliceTable(report.baseline.by_feature),
  ].join('\n');
}

function sliceTable(slices: readonly BaselineSlice[]): string {
  const rows = slices.map((slice) => sliceCells(slice, escapeHtml));
  return table(SLICE_COLUMNS, rows, 'numbers');
}

function opportunitiesSection(report: AnalysisReport): string {
  const ranked = rankOpportunities(report);
  if (ranked.length === 0) {
    return '<h2>Opportunities</h2>\n<p>No opportunity found in this usage.</p>';
  }
  return [
    '<h2>Opportunities</h2>',
    ...ranked.map((opportunity, index) => opportunityCard(opportunity, index + 1)),
  ].join('\n');
}

function opportunityCard(opportunity: Opportunity, rank: number): string {
  const flag = opportunity.requires_evaluation ? ' <span class="flag">needs evaluation</span>' : '';
  const facts = `<p class="facts"><strong>${formatUsd(opportunity.monthly_savings_usd)}/month</strong> · ${formatPercent(opportunity.savings_pct_of_baseline)} of baseline · confidence ${opportunity.confidence} · risk ${opportunity.risk} · effort ${opportunity.effort}${flag}</p>`;
  return [
    '<section class="opportunity">',
    `<h3>${rank}. ${escapeHtml(opportunity.title)}</h3>`,
    `<p class="meta">${escapeHtml(KIND_LABELS[opportunity.kind])} · ${escapeHtml(scopeLabel(opportunity.scope))} · <code>${escapeHtml(opportunity.id)}</code></p>`,
    facts,
    evidenceTable(opportunity.evidence),
    listSection('Assumptions', opportunity.assumptions),
    actionsSection(opportunity.actions),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function evidenceTable(evidence: Opportunity['evidence']): string {
  const entries = Object.entries(evidence);
  if (entries.length === 0) {
    return '';
  }
  const rows = entries.map(([key, value]) => [
    escapeHtml(evidenceLabel(key)),
    escapeHtml(evidenceValue(key, value)),
  ]);
  return `<h4>Evidence</h4>\n${table([], rows, 'evidence')}`;
}

function listSection(title: string, items: readonly string[]): string {
  if (items.length === 0) {
    return '';
  }
  return `<h4>${escapeHtml(title)}</h4>\n<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function actionsSection(actions: readonly OpportunityAction[]): string {
  if (actions.length === 0) {
    return '';
  }
  const steps = actions.map((action) => {
    const code =
      action.snippet === undefined
        ? ''
        : `<pre><code class="language-${escapeHtml(action.language ?? 'text')}">${escapeHtml(action.snippet)}</code></pre>`;
    return `<li><strong>${escapeHtml(action.title)}</strong>: ${escapeHtml(action.detail)}${code}</li>`;
  });
  return `<h4>Actions</h4>\n<ol>${steps.join('')}</ol>`;
}

function dataQualitySection(report: AnalysisReport): string {
  const { missing, notes, sufficiency } = report.data_quality;
  const parts = ['<h2>Data quality</h2>', `<p>Sufficiency: <strong>${escapeHtml(sufficiency)}</strong>.</p>`];
  if (missing.length > 0) {
    const rows = missing.map((item) => [escapeHtml(item.field), escapeHtml(item.why)]);
    parts.push(`<h4>Missing data</h4>\n${table(['Field', 'Why it matters'], rows)}`);
  }
  parts.push(listSection('Notes', notes));
  return parts.filter((part) => part !== '').join('\n');
}
