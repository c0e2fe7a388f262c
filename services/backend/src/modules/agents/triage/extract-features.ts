/**
 * Features of the organization's own data named in a message: "our chatbot's response time" names
 * the feature `chatbot`. Names match case-insensitively as whole words, with `-`, `_` and a space
 * interchangeable ("support bot" finds `support-bot`).
 * @module
 */
import { escapeRegExp } from './triage-text.js';

/** Feature names looked for at most (the org's busiest first, as `featuresOf` lists them). */
const MAX_FEATURES = 500;

function featurePattern(name: string): RegExp {
  const words = name
    .trim()
    .split(/[-_\s]+/)
    .map(escapeRegExp)
    .join('[-_\\s]?');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, 'iu');
}

/** The organization's features the text names, in the organization's order. */
export function extractFeatures(text: string, features: readonly string[]): string[] {
  return features
    .slice(0, MAX_FEATURES)
    .filter((name) => name.trim().length >= 2 && featurePattern(name).test(text));
}
