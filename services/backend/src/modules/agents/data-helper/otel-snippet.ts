/**
 * The OpenTelemetry route: a Python snippet that wraps each model call in a span with the GenAI
 * semantic conventions (`gen_ai.*`) and exports it over OTLP/HTTP to the organization's `/v1/traces`
 * with the ingestion key as `Authorization: Bearer …`. The attribute names are the ones the OTLP
 * mapper (`ingestion/otlp/genai-span-mapper.ts`) reads: the feature goes in `gen_ai.agent.name`.
 * Works with any provider SDK, and is the only route that carries prompt and prefix hashes.
 * @module
 */
import { API_KEY_VARIABLE, type IngestionUrls } from './ingestion-urls.js';

/** The span attributes the snippet sets, with the example values a test sends through the OTLP mapper. */
export const SNIPPET_ATTRIBUTES = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.agent.name': 'support-chat',
  'gen_ai.usage.input_tokens': 1850,
  'gen_ai.usage.output_tokens': 320,
  'gen_ai.usage.cache_read.input_tokens': 1024,
} as const;

export interface SnippetOptions {
  provider: string;
  model: string;
  feature: string;
}

/** The snippet with `{{name}}` placeholders; Python's own f-string braces are single. */
const PYTHON_TEMPLATE = `# pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http
import os
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

provider = TracerProvider(resource=Resource.create({
    "service.name": "my-app",
    "deployment.environment.name": "production",
}))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(
    endpoint="{{otlp_url}}",
    headers={"Authorization": "Bearer " + os.environ["{{api_key_variable}}"]},
)))
trace.set_tracer_provider(provider)
tracer = trace.get_tracer("llm-usage")

def traced_chat(client, feature, **request):
    """Calls the model inside a GenAI span; the span's end - start is the latency."""
    with tracer.start_as_current_span(f"chat {request['model']}") as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.provider.name", "{{provider}}")
        span.set_attribute("gen_ai.request.model", request["model"])
        span.set_attribute("gen_ai.agent.name", feature)  # the feature, e.g. "{{feature}}"
        response = client.chat.completions.create(**request)
        usage = response.usage
        span.set_attribute("gen_ai.response.model", response.model)
        span.set_attribute("gen_ai.usage.input_tokens", usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.output_tokens", usage.completion_tokens)
        cached = getattr(usage.prompt_tokens_details, "cached_tokens", 0) or 0
        span.set_attribute("gen_ai.usage.cache_read.input_tokens", cached)
        return response

# traced_chat(client, "{{feature}}", model="{{model}}", messages=[...])
`;

/** The Python snippet, with the organization's OTLP URL and the user's provider, model and feature. */
export function otelPythonSnippet(urls: IngestionUrls, options: SnippetOptions): string {
  const values: Record<string, string> = {
    otlp_url: urls.otlp_traces_url,
    api_key_variable: API_KEY_VARIABLE,
    provider: options.provider,
    model: options.model,
    feature: options.feature,
  };
  return PYTHON_TEMPLATE.replace(
    /\{\{(\w+)\}\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
}
