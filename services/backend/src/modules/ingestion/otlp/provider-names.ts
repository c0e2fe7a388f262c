/**
 * Provider names as instrumentations write them → the canonical provider names of §4.1. One
 * table for every OTLP family: semantic-convention values (`gen_ai.provider.name`, the older
 * `gen_ai.system`), OpenInference `llm.provider` / `llm.system`, the Vercel AI SDK's
 * `ai.model.provider` (`<provider>.<api>`, e.g. `openai.responses`) and what agent frameworks put
 * in `gen_ai.system` (Google ADK: `gcp.vertex.agent`; OpenLLMetry once: `OpenAI`, `Anthropic`).
 * @module
 */
import { ownValue } from '#modules/ingestion/formats/value-readers.js';

/** Lower-cased spelling → canonical provider. */
const PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'anthropic.messages': 'anthropic',
  'gcp.vertex.agent': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  vertex: 'google',
  gemini: 'google',
  google: 'google',
  google_genai: 'google',
  'google.generative-ai': 'google',
  'az.ai.inference': 'azure',
  'az.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'azure.ai.openai': 'azure',
  azure: 'azure',
  azure_openai: 'azure',
  'azure-openai': 'azure',
  'aws.bedrock': 'bedrock',
  bedrock: 'bedrock',
  'amazon-bedrock': 'bedrock',
  amazon_bedrock: 'bedrock',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  mistral: 'mistral',
  x_ai: 'xai',
  xai: 'xai',
  'ibm.watsonx.ai': 'ibm',
};

/**
 * The canonical provider for a name as sent: the whole name first (`azure.ai.openai`), then its
 * first dotted segment (`openai.responses` → `openai`, `google.vertex.chat` → `google`); a name
 * neither knows stays as sent, lower-cased.
 */
export function normaliseProvider(raw: string): string {
  const name = raw.trim().toLowerCase();
  const whole = ownValue(PROVIDERS, name);
  if (whole !== undefined) {
    return whole;
  }
  const head = name.split('.')[0] ?? name;
  return ownValue(PROVIDERS, head) ?? name;
}
