/**
 * A run report as one print-ready HTML page: the engine's own analysis page (its sections and
 * stylesheet, reused as the engine renders them) inside the run's summary, caveats, data request,
 * findings and action plan, plus print rules (light colours, page margins, no section split across
 * pages). Self-contained: inline styles, no scripts, nothing fetched. Every value is escaped — titles,
 * feature names and snippets come from the customer's data and messages.
 * @module
 */
import { escapeHtml, formatPercent, formatUsd, renderReportHtml } from '@netra/optimizer';
import type {
  ActionPlan,
  AnalysisReport,
  DataFindings,
  DataRequest,
  RunReport,
} from '@netra/shared/contracts';

const PRINT_CSS = `
.tier { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; font-size: 0.85em; }
.step { border: 1px solid var(--line); border-radius: 8px; padding: 4px 20px 12px; margin: 16px 0; }
@page { margin: 16mm 14mm; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --line: #bbb; --accent: #0b6e4f; --warn: #8a4b00; --card: #f2f2f2; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; }
  .card, .opportunity, .step, tr, pre { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow: visible; }
}
`;

/** The engine's analysis page, split into its stylesheet and its sections (its title dropped). */
function analysisParts(analysis: AnalysisReport): { css: string; body: string } {
  const page = renderReportHtml(analysis);
  const between = (start: string, end: string) => {
    const from = page.indexOf(start);
    const to = page.indexOf(end, from);
    return from < 0 || to < 0 ? '' : page.slice(from + start.length, to);
  };
  const body = between('<main>', '</main>').replace(/<h1>[\s\S]*?<\/h1>/, '');
  return { css: between('<style>', '</style>'), body: body.trim() };
}

function list(items: readonly string[], tag: 'ul' | 'ol' = 'ul'): string {
  return items.length === 0 ? '' : `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
  return `<table>${head}<tbody>${body.join('')}</tbody></table>`;
}

function code(content: string, language = 'text'): string {
  return `<pre><code class="language-${escapeHtml(language)}">${escapeHtml(content)}</code></pre>`;
}

function summarySection(report: RunReport): string {
  const { summary } = report;
  const cards: [string, string][] = [
    ['Monthly baseline', formatUsd(summary.baseline_monthly_usd)],
    ['Proven savings', `${formatUsd(summary.proven_monthly_savings_usd)}/month`],
    ['Proven, of baseline', formatPercent(summary.proven_savings_pct)],
    ['Potential with evaluation', `${formatUsd(summary.potential_monthly_savings_usd)}/month`],
  ];
  if (summary.roi !== null) {
    cards.push(['Yearly return per $ of effort', summary.roi.toFixed(1)]);
  }
  if (summary.payback_days !== null) {
    cards.push(['Payback', `${Math.ceil(summary.payback_days)} days`]);
  }
  const tiles = cards.map(
    ([label, value]) =>
      `<div class="card"><span>${escapeHtml(label)}</span><strong>${escapeHtml(value)}</strong></div>`,
  );
  return `<p class="headline"><strong>${escapeHtml(summary.headline)}</strong></p>\n<div class="cards">${tiles.join('')}</div>`;
}

function caveatsSection(caveats: readonly string[]): string {
  return caveats.length === 0 ? '' : `<h2>Caveats</h2>\n${list(caveats.map(escapeHtml))}`;
}

function dataRequestSection(request: DataRequest | null): string {
  if (request === null) {
    return '';
  }
  const fields = request.fields.map((field) => [
    `<code>${escapeHtml(field.field)}</code>`,
    field.required ? 'required' : 'optional',
    escapeHtml(field.why),
  ]);
  const sources = request.sources.map(
    (source) =>
      `<h3>${escapeHtml(source.title)}</h3>\n${list(source.steps.map(escapeHtml), 'ol')}` +
      (source.snippet === undefined ? '' : code(source.snippet, source.language)),
  );
  return [
    '<h2>Data to send</h2>',
    `<p>${escapeHtml(request.summary)}</p>`,
    `<p class="meta">${request.period.days} days: ${escapeHtml(request.period.why)}</p>`,
    table(['Field', 'Needed', 'Why'], fields),
    ...sources,
    '<h3>CSV template</h3>',
    code(request.csv_template, 'csv'),
  ].join('\n');
}

function findingsSection(findings: DataFindings | null): string {
  if (findings === null) {
    return '';
  }
  const { profile } = findings;
  const facts = [
    `${profile.requests} requests`,
    `${formatUsd(profile.cost_usd)} over ${profile.days} days`,
    `${profile.models} models, ${profile.features} features`,
    `error rate ${formatPercent(profile.error_rate * 100)}`,
  ];
  const anomalies = findings.anomalies.map((anomaly) => [
    escapeHtml(anomaly.day),
    escapeHtml(anomaly.kind),
    escapeHtml(anomaly.message),
  ]);
  return [
    '<h2>Findings</h2>',
    `<p>${escapeHtml(facts.join(' · '))}</p>`,
    anomalies.length === 0 ? '<p>No anomaly found.</p>' : table(['Day', 'Kind', 'What'], anomalies),
    `<p class="meta">${escapeHtml(findings.method)}</p>`,
  ].join('\n');
}

function stepCard(step: ActionPlan['steps'][number]): string {
  const phases = step.phases.map(
    (phase) => `${escapeHtml(phase.name)}: ${phase.traffic_pct}% of traffic for ${phase.duration_days} days`,
  );
  const artifacts = step.artifacts.map(
    (artifact) => `<h4>${escapeHtml(artifact.label)}</h4>\n${code(artifact.content, artifact.language)}`,
  );
  return [
    '<section class="step">',
    `<h3>${step.order}. ${escapeHtml(step.title)}</h3>`,
    `<p class="meta">${escapeHtml(step.owner_role)} · effort ${escapeHtml(step.effort)}</p>`,
    phases.length === 0 ? '' : `<h4>Rollout</h4>\n${list(phases)}`,
    step.validation.length === 0 ? '' : `<h4>Validation</h4>\n${list(step.validation.map(escapeHtml))}`,
    step.rollback_triggers.length === 0
      ? ''
      : `<h4>Roll back when</h4>\n${list(step.rollback_triggers.map(escapeHtml))}`,
    ...artifacts,
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function actionPlanSection(plan: ActionPlan | null): string {
  if (plan === null || plan.steps.length === 0) {
    return '';
  }
  return ['<h2>Action plan</h2>', ...plan.steps.map(stepCard)].join('\n');
}

/** The run report's sections, in reading order. */
function sections(report: RunReport, analysisBody: string): string {
  const meta = `<p class="meta"><span class="tier">${escapeHtml(report.tier)}</span> · ${escapeHtml(report.created_at)} · run <code>${escapeHtml(report.run_id)}</code></p>`;
  return [
    `<h1>${escapeHtml(report.title)}</h1>`,
    meta,
    summarySection(report),
    caveatsSection(report.caveats),
    dataRequestSection(report.data_request),
    findingsSection(report.findings),
    actionPlanSection(report.action_plan),
    `<h2>Analysis</h2>\n${analysisBody}`,
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** The run report as a complete, print-ready HTML document. */
export function renderRunReportHtml(report: RunReport): string {
  const analysis = analysisParts(report.analysis);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No fetches: the page may only use what it carries (inline styles, no scripts at all).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${analysis.css}${PRINT_CSS}</style>`,
    '</head>',
    `<body><main>\n${sections(report, analysis.body)}\n</main></body>`,
    '</html>',
    '',
  ].join('\n');
}
