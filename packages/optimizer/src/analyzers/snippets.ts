/**
 * Helpers for the ready-to-paste snippets of actions: JSON bodies, YAML scalars and LiteLLM model
 * names. Values that come from the data (feature and model names) are always quoted, so a name with
 * a quote or a colon still yields valid JSON and YAML.
 * @module
 */

/** A JSON value pretty-printed the way request bodies are shown in docs. */
export function jsonSnippet(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A YAML double-quoted scalar (a JSON string is one). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

// LiteLLM route prefixes for catalog provider ids, where they differ from the id.
const LITELLM_PREFIX: Readonly<Record<string, string>> = {
  google: 'gemini',
  aws: 'bedrock',
  together: 'together_ai',
  fireworks: 'fireworks_ai',
  'x-ai': 'xai',
  cloudflare: 'cloudflare',
};

/** The `litellm_params.model` a LiteLLM proxy needs to call a catalog (provider, model). */
export function litellmModel(provider: string, model: string): string {
  const prefix = LITELLM_PREFIX[provider] ?? provider;
  // Fireworks serves its public models under an account path the catalog ids leave out.
  const path =
    provider === 'fireworks' && !model.includes('/') ? `accounts/fireworks/models/${model}` : model;
  return `${prefix}/${path}`;
}

/** The environment variable LiteLLM reads a provider's key from, in its `os.environ/…` syntax. */
export function litellmApiKey(provider: string): string {
  const name = (LITELLM_PREFIX[provider] ?? provider).toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `os.environ/${name}_API_KEY`;
}

/** One `model_list` entry of a LiteLLM proxy config, indented as a list item. */
export function litellmModelEntry(modelName: string, provider: string, model: string): string {
  return [
    `  - model_name: ${yamlString(modelName)}`,
    '    litellm_params:',
    `      model: ${yamlString(litellmModel(provider, model))}`,
    `      api_key: ${yamlString(litellmApiKey(provider))}`,
  ].join('\n');
}

/** Which API family a catalog provider speaks, for request-shape snippets. */
export type ApiFamily = 'openai' | 'anthropic' | 'google' | 'other';

/** The API family of a catalog provider id. */
export function apiFamily(provider: string): ApiFamily {
  if (provider === 'openai' || provider === 'azure') {
    return 'openai';
  }
  if (provider === 'anthropic') {
    return 'anthropic';
  }
  return provider === 'google' ? 'google' : 'other';
}

/** A number with thousands separators, for titles and details. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Dollars for details ("$12.34"). */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount >= 1 ? 2 : 4)}`;
}
