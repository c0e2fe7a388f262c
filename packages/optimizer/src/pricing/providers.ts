/**
 * Provider names: the ids of the bundled genai-prices catalog and the many spellings events use for
 * them (SDK names, LiteLLM route prefixes, OpenTelemetry `gen_ai.provider.name` / `gen_ai.system`).
 * @module
 */
import { findProvider } from '@pydantic/genai-prices';

/**
 * Every provider id in the genai-prices data bundled with the installed version. genai-prices has no
 * API that lists them, so they are named here; a test checks each still resolves.
 */
export const CATALOG_PROVIDER_IDS = [
  'anthropic',
  'arcee',
  'avian',
  'aws',
  'azure',
  'baseten',
  'cerebras',
  'cloudflare',
  'cohere',
  'cursor',
  'deepseek',
  'doubleword',
  'fireworks',
  'github-copilot',
  'google',
  'groq',
  'huggingface_cerebras',
  'huggingface_fireworks-ai',
  'huggingface_groq',
  'huggingface_hyperbolic',
  'huggingface_nebius',
  'huggingface_novita',
  'huggingface_nscale',
  'huggingface_ovhcloud',
  'huggingface_publicai',
  'huggingface_sambanova',
  'huggingface_together',
  'minimax',
  'mistral',
  'modal',
  'moonshotai',
  'novita',
  'openai',
  'openrouter',
  'ovhcloud',
  'perplexity',
  'quicksilverpro',
  'together',
  'typesafe',
  'voyageai',
  'x-ai',
  'zai',
  'zhipuai',
] as const;

const CATALOG_IDS: ReadonlySet<string> = new Set(CATALOG_PROVIDER_IDS);

/** Spellings seen in events, mapped to catalog ids. Keys are lower case. */
const ALIASES: Readonly<Record<string, string>> = {
  // OpenTelemetry gen_ai.provider.name values and the older gen_ai.system values.
  'aws.bedrock': 'aws',
  'az.ai.openai': 'azure',
  'az.ai.inference': 'azure',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  mistral_ai: 'mistral',
  x_ai: 'x-ai',
  moonshot_ai: 'moonshotai',
  // SDK, gateway and LiteLLM route names.
  amazon: 'aws',
  'amazon-bedrock': 'aws',
  amazon_bedrock: 'aws',
  aws_bedrock: 'aws',
  bedrock: 'aws',
  bedrock_converse: 'aws',
  'azure-openai': 'azure',
  azure_openai: 'azure',
  azure_ai: 'azure',
  gemini: 'google',
  'google-genai': 'google',
  google_genai: 'google',
  google_ai_studio: 'google',
  'google-vertex': 'google',
  google_vertex: 'google',
  vertex: 'google',
  vertex_ai: 'google',
  'vertex-ai': 'google',
  vertex_ai_beta: 'google',
  'vertex_ai-language-models': 'google',
  mistralai: 'mistral',
  'mistral-ai': 'mistral',
  xai: 'x-ai',
  grok: 'x-ai',
  together_ai: 'together',
  'together-ai': 'together',
  togetherai: 'together',
  fireworks_ai: 'fireworks',
  'fireworks-ai': 'fireworks',
  cohere_chat: 'cohere',
  moonshot: 'moonshotai',
  zhipu: 'zhipuai',
  workers_ai: 'cloudflare',
  'workers-ai': 'cloudflare',
  voyage: 'voyageai',
  github_copilot: 'github-copilot',
};

/**
 * Names of self-hosted runtimes: a model served there is billed by the customer's own hardware, so
 * it is never priced from a public list (only from an organization override).
 */
const SELF_HOSTED: ReadonlySet<string> = new Set([
  'ollama',
  'vllm',
  'hosted_vllm',
  'sglang',
  'tgi',
  'llamacpp',
  'llama.cpp',
  'lmstudio',
  'lm_studio',
  'triton',
  'local',
  'self-hosted',
  'self_hosted',
  'selfhosted',
]);

/** Trims and lower-cases an id, the form every lookup compares. */
export function normalizeId(value: string): string {
  return value.trim().toLowerCase();
}

/** Whether a (normalized) provider name is a self-hosted runtime. */
export function isSelfHosted(provider: string): boolean {
  return SELF_HOSTED.has(provider);
}

/**
 * The catalog id for a (normalized) provider name, or undefined when neither our aliases nor
 * genai-prices' own provider matching recognize it.
 */
export function toCatalogProvider(provider: string): string | undefined {
  if (CATALOG_IDS.has(provider)) {
    return provider;
  }
  const alias = ALIASES[provider];
  if (alias !== undefined) {
    return alias;
  }
  return provider === '' ? undefined : findProvider({ providerId: provider })?.id;
}

/** The catalog id when the name is one of our known spellings (no fuzzy matching). */
export function knownProviderSpelling(provider: string): string | undefined {
  return CATALOG_IDS.has(provider) ? provider : ALIASES[provider];
}
