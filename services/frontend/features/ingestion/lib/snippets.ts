/**
 * Copy-paste snippets for sending usage to this organization, filled with the backend URL the web
 * app itself talks to (the runtime configuration) and the organization's name and id. The key is
 * read from `NETRA_API_KEY`; when a key was created on this page, the shell line sets it.
 * @module
 */

export interface SnippetContext {
  /** The backend's base URL, without a trailing slash. */
  backendUrl: string;
  orgId: string;
  orgName: string;
  /** A key created just now (shown once), or null: the snippets then ask for one. */
  apiKey: string | null;
  /** The example event's time (ISO-8601), so it lands in the dashboard's default range. */
  now: string;
}

export type SnippetId = 'curl' | 'file' | 'node' | 'python';

export interface Snippet {
  id: SnippetId;
  label: string;
  language: 'shell' | 'javascript' | 'python';
  code: string;
}

function base(context: SnippetContext): string {
  return context.backendUrl.replace(/\/+$/, '');
}

/** One line a shell can paste (single quotes kept literal). */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

function keyLine(context: SnippetContext): string {
  return context.apiKey === null
    ? 'export NETRA_API_KEY=nk_...   # an ingestion key of this organization (create one above)'
    : `export NETRA_API_KEY=${shellQuote(context.apiKey)}`;
}

function header(context: SnippetContext, comment: '#' | '//'): string {
  return `${comment} Netra Apex: usage for "${context.orgName}" (organization ${context.orgId})`;
}

export function curlSnippet(context: SnippetContext): string {
  const event = {
    timestamp: context.now,
    provider: 'openai',
    model: 'gpt-4o',
    input_tokens: 1200,
    output_tokens: 300,
    feature: 'support-chat',
  };
  return [
    header(context, '#'),
    keyLine(context),
    `curl -X POST ${shellQuote(`${base(context)}/api/v1/ingest/events`)} \\`,
    '  -H "Authorization: Bearer $NETRA_API_KEY" \\',
    "  -H 'Content-Type: application/json' \\",
    `  -d ${shellQuote(JSON.stringify({ events: [event] }))}`,
  ].join('\n');
}

export function fileSnippet(context: SnippetContext): string {
  return [
    header(context, '#'),
    keyLine(context),
    '# CSV, JSON Lines or JSON (canonical, OpenAI, Anthropic, LiteLLM, Langfuse exports); gzip allowed',
    `curl -X POST ${shellQuote(`${base(context)}/api/v1/ingest/files?format=auto`)} \\`,
    '  -H "Authorization: Bearer $NETRA_API_KEY" \\',
    "  -H 'Content-Type: text/csv' \\",
    '  --data-binary @usage.csv',
  ].join('\n');
}

export function nodeOtlpSnippet(context: SnippetContext): string {
  return [
    header(context, '//'),
    '// npm install @opentelemetry/sdk-node @opentelemetry/exporter-trace-otlp-proto @traceloop/instrumentation-openai',
    '// Save as otel.cjs and load it before your app: node --require ./otel.cjs app.js',
    "const { NodeSDK } = require('@opentelemetry/sdk-node');",
    "const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');",
    "const { OpenAIInstrumentation } = require('@traceloop/instrumentation-openai');",
    '',
    'const sdk = new NodeSDK({',
    "  serviceName: 'my-llm-app',",
    '  traceExporter: new OTLPTraceExporter({',
    `    url: ${JSON.stringify(`${base(context)}/v1/traces`)},`,
    '    headers: { Authorization: `Bearer ${process.env.NETRA_API_KEY}` },',
    '  }),',
    '  instrumentations: [new OpenAIInstrumentation()],',
    '});',
    'sdk.start();',
    "process.on('SIGTERM', () => sdk.shutdown());",
  ].join('\n');
}

export function pythonOtlpSnippet(context: SnippetContext): string {
  return [
    header(context, '#'),
    '# pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http opentelemetry-instrumentation-openai',
    'import os',
    'from opentelemetry import trace',
    'from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter',
    'from opentelemetry.instrumentation.openai import OpenAIInstrumentor',
    'from opentelemetry.sdk.resources import Resource',
    'from opentelemetry.sdk.trace import TracerProvider',
    'from opentelemetry.sdk.trace.export import BatchSpanProcessor',
    '',
    'provider = TracerProvider(resource=Resource.create({"service.name": "my-llm-app"}))',
    'provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(',
    `    endpoint=${JSON.stringify(`${base(context)}/v1/traces`)},`,
    '    headers={"Authorization": f"Bearer {os.environ[\'NETRA_API_KEY\']}"},',
    ')))',
    'trace.set_tracer_provider(provider)',
    'OpenAIInstrumentor().instrument()',
  ].join('\n');
}

/** Every snippet, in the order the tabs show them. */
export function buildSnippets(context: SnippetContext): Snippet[] {
  return [
    { id: 'curl', label: 'REST API (curl)', language: 'shell', code: curlSnippet(context) },
    { id: 'file', label: 'File (curl)', language: 'shell', code: fileSnippet(context) },
    { id: 'node', label: 'OpenTelemetry (Node)', language: 'javascript', code: nodeOtlpSnippet(context) },
    { id: 'python', label: 'OpenTelemetry (Python)', language: 'python', code: pythonOtlpSnippet(context) },
  ];
}
