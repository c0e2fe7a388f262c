/**
 * Reading the provider out of a model id. Events name models the way their SDK or gateway does:
 * LiteLLM routes (`openai/gpt-4o`, `bedrock/us-east-1/anthropic.claude-…`, `vertex_ai/…`,
 * `openrouter/anthropic/…`), Bedrock ids with a cross-region prefix (`us.anthropic.…`), Vertex
 * resource names and `@` versions, Gemini's `models/…`. This module lists, in order of preference,
 * the (provider, model) pairs worth looking up; genai-prices' match rules do the rest.
 * @module
 */
import { knownProviderSpelling } from './providers.js';

/** One lookup to try: a catalog provider id (undefined: let genai-prices infer it) and a model id. */
export interface IdCandidate {
  readonly provider: string | undefined;
  readonly model: string;
}

// Bedrock model ids: `<vendor>.<model>`, optionally behind a cross-region inference prefix.
const BEDROCK_ID =
  /^(?:(?:us|eu|apac|au|jp|ca|in|global|us-gov)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|qwen|openai|writer|google|nvidia|moonshot|minimax)\.[a-z0-9]/;
const BEDROCK_ARN = /^arn:aws[a-z-]*:bedrock:/;
const VERTEX_RESOURCE = /^(?:projects|publishers|models)\//;

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A Vertex/Gemini resource path reduced to the model id after its last `models/`. */
function afterModels(path: string): string {
  const at = path.lastIndexOf('models/');
  return at < 0 ? path : path.slice(at + 'models/'.length);
}

/** Strips the routing a provider's prefix carries: Bedrock regions, routes and ARNs; Vertex paths. */
function trimRoute(provider: string, rest: string): string {
  if (provider === 'aws') {
    return lastSegment(rest);
  }
  return provider === 'google' ? afterModels(rest) : rest;
}

/** The provider a leading `<provider>/` names, with the rest of the id; undefined without one. */
export function splitRoute(model: string): IdCandidate | undefined {
  const slash = model.indexOf('/');
  const provider = slash > 0 ? knownProviderSpelling(model.slice(0, slash)) : undefined;
  if (provider === undefined) {
    return undefined;
  }
  return { provider, model: trimRoute(provider, model.slice(slash + 1)) };
}

/** The provider an id's own shape implies when no prefix names it (Bedrock, Vertex). */
export function impliedByShape(model: string): IdCandidate | undefined {
  if (BEDROCK_ARN.test(model)) {
    return { provider: 'aws', model: lastSegment(model) };
  }
  if (BEDROCK_ID.test(model)) {
    return { provider: 'aws', model };
  }
  if (VERTEX_RESOURCE.test(model)) {
    return { provider: 'google', model: afterModels(model) };
  }
  // `claude-3-5-sonnet@20240620` and `mistral-large@2407` are Vertex AI's version syntax.
  return model.includes('@') ? { provider: 'google', model } : undefined;
}

function explicitCandidates(provider: string, model: string): IdCandidate[] {
  const route = splitRoute(model);
  if (route === undefined) {
    return [{ provider, model }];
  }
  // `azure` + `azure/gpt-4o`: the prefix repeats the provider. `openrouter` + `openai/gpt-4o`: the
  // prefix is part of the reseller's own model id, so the full id is tried first.
  return route.provider === provider
    ? [
        { provider, model: route.model },
        { provider, model },
      ]
    : [
        { provider, model },
        { provider, model: route.model },
      ];
}

function inferredCandidates(model: string): IdCandidate[] {
  const route = splitRoute(model);
  const shaped = impliedByShape(route?.model ?? model);
  const found: IdCandidate[] = [];
  if (route !== undefined) {
    found.push(route);
  }
  if (shaped !== undefined && route === undefined) {
    found.push(shaped);
  }
  found.push({ provider: undefined, model: route?.model ?? model });
  return found;
}

/** Vertex writes versions as `@20240620`; the catalogs mostly use `-20240620`. */
function withDashVersion(candidate: IdCandidate): IdCandidate | undefined {
  return candidate.model.includes('@')
    ? { provider: candidate.provider, model: candidate.model.replaceAll('@', '-') }
    : undefined;
}

/**
 * The lookups to try for a normalized (provider, model) pair, best first. `provider` is a catalog id
 * or undefined when the event names none (or one the catalog does not know).
 */
export function idCandidates(provider: string | undefined, model: string): IdCandidate[] {
  const primary = provider === undefined ? inferredCandidates(model) : explicitCandidates(provider, model);
  const variants = primary.map(withDashVersion).filter((c): c is IdCandidate => c !== undefined);
  return [...primary, ...variants];
}

/** The model id with any provider route removed, as shown to people and matched by overrides. */
export function bareModelId(model: string): string {
  return splitRoute(model)?.model ?? impliedByShape(model)?.model ?? model;
}
