/**
 * Data Helper: exactly what data to send and how, for this organization. The fields (required ones,
 * then what the engine found missing, then the rest of §4.1 the analysis uses), the period, each
 * source's export steps pointed at the upload our ingestion reads, an OpenTelemetry snippet, the CSV
 * template and the organization's own ingestion URLs. Sources of the providers and tools the user
 * named come first, then OpenTelemetry and the CSV template, then the other sources.
 * @module
 */
import type { DataRequest } from '@netra/shared/contracts';
import type { Agent } from '#modules/agents/agent.js';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';
import { csvTemplate } from './csv-template.js';
import { ingestionUrls } from './ingestion-urls.js';
import { missingFieldNames, requestedFields } from './requested-fields.js';
import { SOURCE_GUIDES, type SourceId } from './source-guides.js';

/** At least two weekly cycles; 30 days make the monthly projection a measurement, not a scaling. */
export const MIN_PERIOD_DAYS = 14;
export const PREFERRED_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 90;
const DAY_MS = 86_400_000;

const PROVIDER_SOURCES: Readonly<Record<string, SourceId>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  azure: 'azure_openai',
  aws: 'bedrock',
  google: 'vertex_ai',
};
const TOOL_WORDS: readonly [RegExp, SourceId][] = [
  [/\blite\s?llm\b/i, 'litellm'],
  [/\blangfuse\b/i, 'langfuse'],
  [/\b(open\s?telemetry|otel|otlp)\b/i, 'opentelemetry'],
];
const DEFAULT_ORDER: readonly SourceId[] = [
  'opentelemetry',
  'csv',
  'openai',
  'anthropic',
  'azure_openai',
  'bedrock',
  'vertex_ai',
  'litellm',
  'langfuse',
];

/** The sources to show, those the user named first (in the order named), then the default order. */
export function orderedSources(triage: TriageResult, text: string): SourceId[] {
  const named = [
    ...triage.entities.providers.flatMap((provider) => PROVIDER_SOURCES[provider] ?? []),
    ...TOOL_WORDS.filter(([pattern]) => pattern.test(text)).map(([, source]) => source),
  ];
  return [...new Set([...named, ...DEFAULT_ORDER])];
}

function periodOf(triage: TriageResult): DataRequest['period'] {
  const range = triage.entities.time_range;
  const asked = range === null ? 0 : Math.ceil((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS);
  if (asked > PREFERRED_PERIOD_DAYS) {
    return {
      days: Math.min(asked, MAX_PERIOD_DAYS),
      why: `the period you asked about (${range?.mention ?? ''}), up to ${MAX_PERIOD_DAYS} days`,
    };
  }
  return {
    days: PREFERRED_PERIOD_DAYS,
    why: `${PREFERRED_PERIOD_DAYS} days hold four weekly cycles, so weekday peaks and batch windows show and the monthly figures are measured rather than scaled; ${MIN_PERIOD_DAYS} days (two weekly cycles) is the least that works.`,
  };
}

function dataState(sufficiency: SufficiencyResult | undefined, first: string): string {
  const route = `the quickest route for you: ${first}.`;
  if (sufficiency === undefined || sufficiency.requests === 0) {
    return `No usage data is stored for this organization yet. Send ${PREFERRED_PERIOD_DAYS} days of request-level usage; ${route}`;
  }
  const allows = {
    sufficient: 'a full analysis',
    partial: 'figures with caveats',
    insufficient: 'no savings claims yet',
  }[sufficiency.level];
  const missing = missingFieldNames(sufficiency);
  const add =
    missing.length === 0 ? `Send more usage (${PREFERRED_PERIOD_DAYS} days)` : `Add ${missing.join(', ')}`;
  return `Your ${sufficiency.requests.toLocaleString('en-US')} stored requests allow ${allows}. ${add} to firm them up; ${route}`;
}

function summaryOf(sufficiency: SufficiencyResult | undefined, first: string): string {
  const stated = sufficiency?.stated_baseline ?? null;
  const baseline =
    stated === null
      ? ''
      : ` Until then, the report works from the $${stated.monthly_cost_usd.toLocaleString('en-US')}/month you stated.`;
  return `${dataState(sufficiency, first)}${baseline}`;
}

function snippetOptions(triage: TriageResult) {
  const model = triage.entities.models.find((entry) => entry.provider !== null);
  return {
    provider: model?.provider ?? 'openai',
    model: model?.model ?? 'gpt-4o-mini',
    feature: triage.entities.features[0] ?? 'support-chat',
  };
}

export const dataHelperAgent: Agent<
  { triage: TriageResult; sufficiency: SufficiencyResult | undefined },
  DataRequest
> = {
  name: 'data_helper',
  timeoutMs: 30_000,
  async run({ triage, sufficiency }, context, deps) {
    const urls = ingestionUrls(deps.publicApiUrl);
    const order = orderedSources(triage, context.text);
    const options = snippetOptions(triage);
    const sources = await context.events.tool(
      'build_data_request',
      { providers: triage.entities.providers, missing: missingFieldNames(sufficiency) },
      () => Promise.resolve(order.map((id) => SOURCE_GUIDES[id](urls, options))),
      (output) => ({ sources: output.map((source) => source.source) }),
    );
    const request: DataRequest = {
      summary: summaryOf(sufficiency, sources[0]?.title ?? 'OpenTelemetry'),
      period: periodOf(triage),
      fields: requestedFields(sufficiency),
      sources,
      ingestion: urls,
      csv_template: csvTemplate(triage),
    };
    await context.events.thinking(
      `Prepared a data request: ${request.fields.length} fields over ${request.period.days} days, starting with ${sources[0]?.title ?? 'OpenTelemetry'}.`,
    );
    return request;
  },
};
