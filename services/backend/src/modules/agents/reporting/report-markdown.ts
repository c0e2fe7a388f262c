/**
 * The run report as Markdown: the executive summary, then data findings, optimizations (the goal's
 * ranking, what was left out and why, then the engine's own rendering of its analysis), the action
 * plan, the data request (partial and guidance reports) and the caveats.
 * @module
 */
import { formatPercent, formatUsd, renderReportMarkdown } from '@netra/optimizer';
import type {
  ActionPlan,
  AnalysisReport,
  DataFindings,
  ReportSummary,
  ReportTier,
} from '@netra/shared/contracts';
import type { OptimizationResult, ReportDraft } from '#modules/agents/workflow-state.js';
import { bullets, fenced, inline, nestedDocument, table } from './markdown-text.js';
import { dataRequestSection } from './data-request-markdown.js';
import { ENGINEERING_DAY_RATE_USD } from './report-summary.js';
import { EFFORT_DAYS } from '#modules/agents/actions/rollout-playbook.js';

export type MarkdownInput = Omit<ReportDraft, 'markdown'>;

const formatCount = (count: number) => new Intl.NumberFormat('en-US').format(count);

const TIER_LABELS: Record<ReportTier, string> = {
  full: 'Full report',
  partial: 'Partial report: figures with caveats',
  guidance: 'Guidance: what data to send',
};

const monthly = (usd: number, pct: number) => `${formatUsd(usd)}/month (${formatPercent(pct)} of baseline)`;

const BASELINE_SOURCES: Record<ReportSummary['baseline_source'], string> = {
  data: 'measured from usage',
  stated: 'as you stated it',
  none: 'unknown',
};

function summaryRows(summary: ReportSummary): string[][] {
  const potential = monthly(summary.potential_monthly_savings_usd, summary.potential_savings_pct);
  return [
    [
      'Baseline',
      `${formatUsd(summary.baseline_monthly_usd)}/month, ${BASELINE_SOURCES[summary.baseline_source]}`,
    ],
    ['Proven savings', monthly(summary.proven_monthly_savings_usd, summary.proven_savings_pct)],
    ['Potential savings', `${potential}, with evaluation`],
    ['ROI', summary.roi === null ? 'n/a' : `${summary.roi.toFixed(2)}× a year`],
    ['Payback', summary.payback_days === null ? 'n/a' : `${Math.ceil(summary.payback_days)} days`],
  ];
}

function roiNote(): string {
  const effort = Object.entries(EFFORT_DAYS)
    .map(([level, days]) => `${level} ${days} d`)
    .join(', ');
  return (
    `ROI and payback set the one-off engineering work of the action plan (${effort} per step, ` +
    `at ${formatUsd(ENGINEERING_DAY_RATE_USD)} a day) against the proven savings only.`
  );
}

function summarySection({ tier, summary }: MarkdownInput): string {
  const lead = [`*${TIER_LABELS[tier]}.*`, `**${inline(summary.headline)}**`];
  return ['## Executive summary', ...lead, table(['', ''], summaryRows(summary)), roiNote()].join('\n\n');
}

function profileRows({ profile }: DataFindings): string[][] {
  return [
    ['Requests', formatCount(profile.requests)],
    ['Cost', formatUsd(profile.cost_usd)],
    ['Days', String(profile.days)],
    ['Models', String(profile.models)],
    ['Features', String(profile.features)],
    ['Error rate', formatPercent(profile.error_rate * 100)],
    ['p95 latency', profile.p95_latency_ms === null ? 'n/a' : `${Math.round(profile.p95_latency_ms)} ms`],
  ];
}

function anomalyLine(anomaly: DataFindings['anomalies'][number]): string {
  return `**${anomaly.kind.replaceAll('_', ' ')}** — ${inline(anomaly.message)} (score ${anomaly.score})`;
}

function findingsSection(findings: DataFindings | null): string {
  if (findings === null) {
    return '';
  }
  const anomalies =
    findings.anomalies.length === 0
      ? 'No spend spike, error surge or latency regression.'
      : bullets(findings.anomalies.map(anomalyLine));
  const method = `*Method:* ${inline(findings.method)}`;
  return [
    '## Data findings',
    table(['', ''], profileRows(findings)),
    '### Anomalies',
    anomalies,
    method,
  ].join('\n\n');
}

function rankedTable(analysis: AnalysisReport, rankedIds: readonly string[]): string {
  const byId = new Map(analysis.opportunities.map((item) => [item.id, item]));
  const proven = new Set(analysis.plan.proven.opportunity_ids);
  const rows = rankedIds.flatMap((id, index) => {
    const item = byId.get(id);
    const figure = proven.has(id) ? 'proven' : 'potential';
    return item === undefined
      ? []
      : [[String(index + 1), inline(item.title), formatUsd(item.monthly_savings_usd), figure]];
  });
  return rows.length === 0
    ? 'Nothing to rank for this goal.'
    : table(['#', 'Change', 'Monthly savings', 'Figure'], rows);
}

function rankingPart(analysis: AnalysisReport, optimization: OptimizationResult | undefined): string[] {
  if (optimization === undefined) {
    return [];
  }
  const titles = new Map(analysis.opportunities.map((item) => [item.id, item.title]));
  const excluded = optimization.excluded.map(
    ({ id, reason }) => `${inline(titles.get(id) ?? id)}: ${inline(reason)}`,
  );
  return [
    `*${inline(optimization.goal_note)}*`,
    rankedTable(analysis, optimization.ranked_ids),
    ...(excluded.length === 0 ? [] : ['Left out for your goal:', bullets(excluded)]),
  ];
}

function optimizationsSection(
  analysis: AnalysisReport,
  optimization: OptimizationResult | undefined,
): string {
  return [
    '## Optimizations',
    ...rankingPart(analysis, optimization),
    nestedDocument(renderReportMarkdown(analysis)),
  ].join('\n\n');
}

function phasesLine(step: ActionPlan['steps'][number]): string {
  return step.phases
    .map((phase) => `${inline(phase.name)} ${phase.traffic_pct}% (${phase.duration_days} d)`)
    .join(' → ');
}

function stepSection(step: ActionPlan['steps'][number]): string {
  const parts = [
    `### ${step.order}. ${inline(step.title)}`,
    `Owner: ${inline(step.owner_role)} · effort: ${step.effort}`,
    ...(step.phases.length === 0 ? [] : [`Rollout: ${phasesLine(step)}`]),
    ...(step.validation.length === 0 ? [] : ['Watch:', bullets(step.validation.map(inline))]),
    ...(step.rollback_triggers.length === 0
      ? []
      : ['Roll back when:', bullets(step.rollback_triggers.map(inline))]),
    ...step.artifacts.flatMap((artifact) => [
      `${inline(artifact.label)}:`,
      fenced(artifact.content, artifact.language),
    ]),
  ];
  return parts.join('\n\n');
}

function actionPlanSection(plan: ActionPlan | null): string {
  if (plan === null) {
    return '';
  }
  const steps = plan.steps.length === 0 ? ['No change to roll out.'] : plan.steps.map(stepSection);
  return ['## Action plan', ...steps].join('\n\n');
}

function caveatsSection(caveats: readonly string[]): string {
  return caveats.length === 0 ? '' : ['## Caveats', bullets(caveats.map(inline))].join('\n\n');
}

/** The report as one Markdown document. */
export function renderRunReportMarkdown(
  draft: MarkdownInput,
  optimization: OptimizationResult | undefined,
): string {
  const parts = [
    `# ${inline(draft.title)}`,
    summarySection(draft),
    findingsSection(draft.findings),
    draft.tier === 'guidance' ? '' : optimizationsSection(draft.analysis, optimization),
    actionPlanSection(draft.action_plan),
    draft.tier === 'full' ? '' : dataRequestSection(draft.data_request),
    caveatsSection(draft.caveats),
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
