/**
 * Models and providers a message names, resolved through the organization's price catalog so that
 * every spelling lands on one catalog id: "GPT-4" and "gpt4" → gpt-4, "gpt4o" → gpt-4o, "Sonnet 4" →
 * claude-sonnet-4-0, "claude 3.5 sonnet" → claude-3-5-sonnet, "claude sonnet" → the newest Sonnet the
 * catalog prices. The family shapes people write are read first, then literal ids in the rest
 * ("o3-mini-2025-01-31", an override's own name). A family the catalog cannot place still names its provider.
 * @module
 */
import type { ModelMetadata, PriceCatalog } from '@netra/optimizer';

export interface ModelMention {
  mention: string;
  model: string;
  provider: string | null;
}

/** A mention with where it starts, so mentions keep the text's order. */
type Found = ModelMention & { index: number };

/** Catalog lookups a text may cost at most (each distinct id is resolved once by the catalog). */
const MAX_LOOKUPS = 60;

/** Ids as written: a letter first, then segments joined by - . _ : /. */
const LITERAL_ID = /\b[a-z][a-z0-9]*(?:[-._:/][a-z0-9]+)+\b/gi;

interface Family {
  pattern: RegExp;
  provider: string;
  candidates(match: RegExpExecArray, catalog: PriceCatalog): string[];
}

const version = (raw: string | undefined) => raw?.replace('.', '-');

const FAMILIES: readonly Family[] = [
  {
    pattern: /\b(?:chat)?gpt[\s-]?(\d(?:\.\d)?)(o)?(?:[\s-]?(mini|nano|turbo|pro))?\b/gi,
    provider: 'openai',
    candidates: (m) => [`gpt-${m[1]}${m[2] ?? ''}${m[3] === undefined ? '' : `-${m[3]}`}`.toLowerCase()],
  },
  {
    pattern: /\bo([134])(?:[\s-](mini|pro))?\b/gi,
    provider: 'openai',
    candidates: (m) => [`o${m[1]}${m[2] === undefined ? '' : `-${m[2]}`}`.toLowerCase()],
  },
  {
    pattern:
      /\b(?:claude[\s-]?)?(?:(\d(?:[.-]\d)?)[\s-]?)?(sonnet|opus|haiku)(?:[\s-]?(\d(?:[.-]\d)?)(?!\d))?\b/gi,
    provider: 'anthropic',
    candidates: (m, catalog) => {
      const family = (m[2] ?? '').toLowerCase();
      const v = version(m[3] ?? m[1]);
      return v === undefined
        ? newest(catalog, 'anthropic', new RegExp(`\\b${family}\\b`, 'i'))
        : [`claude-${family}-${v}`, `claude-${v}-${family}`];
    },
  },
  {
    pattern: /\bgemini(?:[\s-]?(\d(?:\.\d)?))?(?:[\s-]?(pro|flash[\s-]lite|flash|ultra|nano))?\b/gi,
    provider: 'google',
    candidates: (m, catalog) => {
      if (m[1] === undefined && m[2] === undefined) {
        return []; // "Gemini" alone names the provider, not a model
      }
      const tier = (m[2] ?? 'pro').toLowerCase().replace(/\s/g, '-');
      return m[1] === undefined
        ? newest(catalog, 'google', new RegExp(`^gemini \\d[\\d.]* ${tier.replace('-', ' ')}$`, 'i'))
        : [`gemini-${m[1]}-${tier}`];
    },
  },
  {
    pattern:
      /\b(mistral|mixtral|codestral|llama|grok|deepseek|qwen)(?:[\s-]+([a-z]*\d[a-z0-9.]*|large|medium|small|tiny|chat|coder|reasoner|r\+?|a))?(?:[\s-]+(\d+b|instruct|large|small|mini))?\b/gi,
    provider: '',
    candidates: (m) => {
      const parts = [m[1], m[2], m[3]].filter((part): part is string => part !== undefined);
      // The bare family word names no model ("llama" alone); only family plus variant is looked up.
      return parts.slice(1).map((_, index) =>
        parts
          .slice(0, parts.length - index)
          .join('-')
          .toLowerCase(),
      );
    },
  },
];

/** Provider words, mapped to catalog provider ids. */
const PROVIDER_WORDS: readonly [RegExp, string][] = [
  [/\b(open\s?ai|chatgpt)\b/i, 'openai'],
  [/\b(anthropic|claude)\b/i, 'anthropic'],
  [/\b(google|gemini|vertex(?:\s?ai)?)\b/i, 'google'],
  [/\bazure\b/i, 'azure'],
  [/\b(bedrock|aws|amazon)\b/i, 'aws'],
  [/\b(mistral|mixtral|codestral)\b/i, 'mistral'],
  [/\bcohere\b/i, 'cohere'],
  [/\bdeepseek\b/i, 'deepseek'],
  [/\bgroq\b/i, 'groq'],
  [/\bopenrouter\b/i, 'openrouter'],
  [/\b(x\.ai|xai|grok)\b/i, 'x-ai'],
  [/\btogether(?:\.ai| ai)\b/i, 'together'],
  [/\bfireworks\b/i, 'fireworks'],
];

function versionOf(model: ModelMetadata): number[] {
  return (model.name ?? model.modelId).match(/\d+/g)?.map(Number) ?? [];
}

function compareVersions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/** The catalog's newest current model of a provider whose display name matches: "claude sonnet" today. */
function newest(catalog: PriceCatalog, provider: string, name: RegExp): string[] {
  const matching = catalog
    .models()
    .filter((model) => model.provider === provider && !model.deprecated && name.test(model.name ?? ''))
    .filter((model) => !/preview|exp|latest|\d{8}/.test(model.modelId));
  const best = matching.sort(
    (a, b) => compareVersions(versionOf(b), versionOf(a)) || a.modelId.length - b.modelId.length,
  )[0];
  return best === undefined ? [] : [best.modelId];
}

class Resolver {
  private lookups = 0;
  constructor(private readonly catalog: PriceCatalog) {}

  resolve(candidate: string): ModelMetadata | null {
    if (this.lookups >= MAX_LOOKUPS) {
      return null;
    }
    this.lookups += 1;
    return this.catalog.resolve(candidate);
  }
}

/**
 * Ids written as they are: first those with a digit ("claude-3-5-sonnet-20241022"), then plain
 * hyphenated names, which find the organization's own aliases and custom models ("prod-chat") and
 * the catalog's digit-less ids ("mistral-large", "command-r"); the catalog matches ids strictly, so
 * ordinary words ("follow-up", "real-time") find nothing.
 */
function literalMentions(text: string, resolver: Resolver, taken: boolean[], withDigit: boolean): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(LITERAL_ID)) {
    const end = match.index + match[0].length;
    if (/\d/.test(match[0]) !== withDigit || taken.slice(match.index, end).includes(true)) {
      continue;
    }
    const model = resolver.resolve(match[0]);
    if (model !== null) {
      found.push({ mention: match[0], model: model.modelId, provider: model.provider, index: match.index });
      taken.fill(true, match.index, end);
    }
  }
  return found;
}

function familyMention(match: RegExpExecArray, family: Family, catalog: PriceCatalog, resolver: Resolver) {
  for (const candidate of family.candidates(match, catalog)) {
    const model = resolver.resolve(candidate);
    if (model !== null) {
      return { mention: match[0].trim(), model: model.modelId, provider: model.provider, index: match.index };
    }
  }
  return null;
}

function familyMentions(text: string, catalog: PriceCatalog, resolver: Resolver, taken: boolean[]) {
  const found: Found[] = [];
  for (const family of FAMILIES) {
    for (const match of text.matchAll(family.pattern)) {
      if (taken[match.index] === true || match[0].trim() === '') {
        continue;
      }
      const mention = familyMention(match, family, catalog, resolver);
      if (mention !== null) {
        found.push(mention);
        taken.fill(true, match.index, match.index + match[0].length);
      }
    }
  }
  return found;
}

/** The models the text names, each once, in the order of the text. */
export function extractModels(text: string, catalog: PriceCatalog): ModelMention[] {
  const resolver = new Resolver(catalog);
  const taken = new Array<boolean>(text.length).fill(false);
  // Families first, so "gpt-4o mini" is one mention; then literal ids in what is left (dated ids, overrides).
  const families = familyMentions(text, catalog, resolver, taken);
  const mentions = [
    ...families,
    ...literalMentions(text, resolver, taken, true),
    ...literalMentions(text, resolver, taken, false),
  ];
  const seen = new Set<string>();
  return mentions
    .sort((a, b) => a.index - b.index)
    .filter((mention) => !seen.has(mention.model) && seen.add(mention.model))
    .map(({ mention, model, provider }) => ({ mention, model, provider }));
}

/** Providers named in the text or implied by the models it names, each once. */
export function extractProviders(text: string, models: readonly ModelMention[]): string[] {
  const named = PROVIDER_WORDS.filter(([pattern]) => pattern.test(text)).map(([, provider]) => provider);
  const implied = models.flatMap((model) => (model.provider === null ? [] : [model.provider]));
  return [...new Set([...named, ...implied])];
}
