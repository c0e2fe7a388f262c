/**
 * How to get usage out of each source and into this organization, each pointed at the upload our
 * ingestion reads for it (`ingestion/formats/detect-format.ts`): OpenAI and Anthropic usage exports
 * and LiteLLM and Langfuse exports are detected as they are (their cost exports are uploaded with
 * their format named, as billed cost); Bedrock invocation logs and Vertex AI
 * logs are reshaped into canonical JSON Lines or CSV first; Azure OpenAI and any other source go
 * through the CSV template or OpenTelemetry.
 * @module
 */
import type { DataRequest } from '@netra/shared/contracts';
import { API_KEY_VARIABLE, uploadCommand, type IngestionUrls } from './ingestion-urls.js';
import { otelPythonSnippet, type SnippetOptions } from './otel-snippet.js';

export type SourceGuide = DataRequest['sources'][number];
export type SourceId =
  | 'openai'
  | 'anthropic'
  | 'azure_openai'
  | 'bedrock'
  | 'vertex_ai'
  | 'litellm'
  | 'langfuse'
  | 'opentelemetry'
  | 'csv';

type Builder = (urls: IngestionUrls, options: SnippetOptions) => SourceGuide;

const openai: Builder = (urls) => ({
  source: 'openai',
  title: 'OpenAI: Usage API or dashboard export',
  steps: [
    'With an Admin key, page through GET https://api.openai.com/v1/organization/usage/completions?start_time=<unix seconds 30 days ago>&bucket_width=1h&group_by=model (follow next_page) and save the JSON pages into one file; or open platform.openai.com → Usage → Export and download the CSV.',
    `Upload the file as it is; the format is detected: ${uploadCommand(urls, 'openai-usage.json')}`,
    'These are hourly totals per model: enough for the baseline and model choice. For per-request latency, errors and repeats, add OpenTelemetry (below).',
    `To compare with what you were billed, also upload the Costs API pages (GET https://api.openai.com/v1/organization/costs) or the dashboard cost CSV, naming the format: ${uploadCommand(urls, 'openai-costs.json', 'format=openai_costs')}`,
  ],
});

const anthropic: Builder = (urls) => ({
  source: 'anthropic',
  title: 'Anthropic: Admin API usage report or Console export',
  steps: [
    'With an Admin API key (x-api-key, anthropic-version: 2023-06-01), page through GET https://api.anthropic.com/v1/organizations/usage_report/messages?starting_at=<RFC 3339, 30 days ago>&bucket_width=1h&group_by[]=model and save the JSON pages; or open console.anthropic.com → Usage → Export and download the CSV.',
    `Upload the file as it is; the format is detected: ${uploadCommand(urls, 'anthropic-usage.json')}`,
    'Cache reads and writes come with the report; per-request detail needs OpenTelemetry (below).',
    `To compare with what you were billed, also upload the cost report (GET https://api.anthropic.com/v1/organizations/cost_report, or the Console cost export), naming the format: ${uploadCommand(urls, 'anthropic-costs.json', 'format=anthropic_costs')}`,
  ],
});

const azure: Builder = (urls) => ({
  source: 'azure_openai',
  title: 'Azure OpenAI: Azure Monitor metrics, or OpenTelemetry',
  steps: [
    'In the Azure portal, open the Azure OpenAI resource → Monitoring → Metrics; chart Processed Prompt Tokens, Generated Completion Tokens and Azure OpenAI Requests, split by ModelDeploymentName, 1-hour granularity, last 30 days, and download to CSV.',
    'Shape it as one row per hour and deployment with the columns timestamp, period_end, model (the model behind the deployment), provider=azure, request_count, input_tokens and output_tokens, or keep your column names and map them.',
    `Upload it: ${uploadCommand(urls, 'azure-usage.csv', 'format=csv&map=<your time column>=timestamp,<your deployment column>=model')}`,
    'Cost Management exports hold money, not tokens; for per-request figures instrument the app with OpenTelemetry (below), provider "azure.ai.openai".',
  ],
});

const bedrock: Builder = (urls) => ({
  source: 'bedrock',
  title: 'AWS Bedrock: model invocation logging to S3 or CloudWatch Logs',
  steps: [
    'Bedrock console → Settings → Model invocation logging: turn it on with an S3 bucket or a CloudWatch Logs group (metadata is enough; text and images are not needed).',
    'After some days of traffic, download the log records (aws s3 sync, or a CloudWatch Logs export) and turn each into a canonical event with jq:',
    `Upload the JSON Lines: ${uploadCommand(urls, 'bedrock-events.jsonl', 'format=canonical')}`,
  ],
  snippet:
    'cat *.json | jq -c \'{event_id: .requestId, timestamp, provider: "bedrock", model: .modelId, ' +
    'operation: "chat", input_tokens: .input.inputTokenCount, output_tokens: .output.outputTokenCount}\' > bedrock-events.jsonl',
  language: 'bash',
});

const vertex: Builder = (urls) => ({
  source: 'vertex_ai',
  title: 'Google Vertex AI: request-response logging to BigQuery',
  steps: [
    'Enable request-response logging for each Gemini model you use (setPublisherModelConfig, or set_request_response_logging_config in the Python SDK) with sampling rate 1.0 and a BigQuery destination.',
    "Query the logging table for each request's time, model and the response's usageMetadata (promptTokenCount, candidatesTokenCount, cachedContentTokenCount) as the columns timestamp, model, input_tokens, output_tokens, cache_read_tokens (provider google), and export the result as CSV.",
    `Upload it: ${uploadCommand(urls, 'vertex-usage.csv', 'format=csv')}`,
    'The Cloud Billing export to BigQuery holds money per SKU, not requests: use it to check totals, not as usage.',
  ],
});

const litellm: Builder = (urls) => ({
  source: 'litellm',
  title: 'LiteLLM proxy: spend logs export, or the OpenTelemetry callback',
  steps: [
    'Export the spend logs: GET <your proxy>/spend/logs?start_date=<YYYY-MM-DD>&end_date=<YYYY-MM-DD> with the master key, saved as JSON (or export the LiteLLM_SpendLogs table as CSV).',
    `Upload the file as it is; the format is detected: ${uploadCommand(urls, 'litellm-spend-logs.json')}`,
    `For ongoing data, add the "otel" callback to the proxy config with OTEL_EXPORTER="otlp_http", OTEL_ENDPOINT="${urls.otlp_traces_url}" and OTEL_HEADERS="Authorization=Bearer <your ${API_KEY_VARIABLE}>".`,
  ],
});

const langfuse: Builder = (urls) => ({
  source: 'langfuse',
  title: 'Langfuse: observations export',
  steps: [
    'Page through GET <your Langfuse host>/api/public/observations?type=GENERATION&fromStartTime=<ISO, 30 days ago> (basic auth with the project keys) and save the JSON pages; or in the UI open Observations, filter to generations and export JSON or CSV.',
    `Upload the file as it is; the format is detected: ${uploadCommand(urls, 'langfuse-observations.json')}`,
  ],
});

const opentelemetry: Builder = (urls, options) => ({
  source: 'opentelemetry',
  title: 'OpenTelemetry: send every model call as it happens',
  steps: [
    `Create an ingestion API key for this organization (Settings → API keys) and set it as ${API_KEY_VARIABLE} in the app's environment.`,
    `Export GenAI spans over OTLP/HTTP (JSON or protobuf) to ${urls.otlp_traces_url} with the header Authorization: Bearer <key>; existing GenAI instrumentations (OpenLLMetry, OpenInference, the Vercel AI SDK) are read too.`,
    'Set the feature on each call (gen_ai.agent.name) so recommendations are scoped to it.',
  ],
  snippet: otelPythonSnippet(urls, options),
  language: 'python',
});

const csv: Builder = (urls) => ({
  source: 'csv',
  title: 'Any other source: the CSV template',
  steps: [
    'Write one row per request (or per time bucket with request_count and period_end) under the header of the CSV template below; leave unknown cells empty.',
    `Upload it: ${uploadCommand(urls, 'usage.csv')}. Columns with other names can be mapped: ?format=csv&map=<column>=<field>,…`,
    `Or post the same fields as JSON, up to 10,000 events a request, to ${urls.events_url}.`,
  ],
});

export const SOURCE_GUIDES: Readonly<Record<SourceId, Builder>> = {
  openai,
  anthropic,
  azure_openai: azure,
  bedrock,
  vertex_ai: vertex,
  litellm,
  langfuse,
  opentelemetry,
  csv,
};
