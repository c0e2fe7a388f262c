/**
 * The curated downgrade ladder for model_rightsizing: for a premium model, the cheaper model of the
 * same provider that handles short, classification- or extraction-like work. Matched on the catalog
 * model id with any provider path and vendor prefix removed (`regional.anthropic.claude-…`,
 * `openai/gpt-4o`), so dated ids and cloud-hosted copies (Azure, Bedrock, Vertex) find their rung.
 * Targets list ids in the spellings providers use; the first that resolves in the catalog for the
 * same provider wins.
 * @module
 */

/** One rung: source models (by pattern) and the cheaper model to move them to. */
export interface LadderRung {
  readonly from: RegExp;
  readonly to: readonly string[];
}

const CLAUDE_SONNET_4 = ['claude-sonnet-4-0', 'claude-4-sonnet', 'anthropic.claude-sonnet-4-20250514-v1:0'];
const CLAUDE_HAIKU_3_5 = [
  'claude-3-5-haiku-latest',
  'claude-3-5-haiku',
  'anthropic.claude-3-5-haiku-20241022-v1:0',
];

/** The ladder, most specific pattern first. */
export const MODEL_LADDER: readonly LadderRung[] = [
  { from: /^gpt-4o(-\d{4}-\d{2}-\d{2})?$/, to: ['gpt-4o-mini'] },
  { from: /^chatgpt-4o-latest$/, to: ['gpt-4o-mini'] },
  { from: /^gpt-4\.1(-\d{4}-\d{2}-\d{2})?$/, to: ['gpt-4.1-mini'] },
  { from: /^gpt-4-turbo/, to: ['gpt-4o-mini'] },
  { from: /^gpt-4(-32k)?(-\d{4})?$/, to: ['gpt-4o-mini'] },
  { from: /^gpt-5(-\d{4}-\d{2}-\d{2})?$/, to: ['gpt-5-mini'] },
  { from: /^(o1|o1-preview|o3)(-\d{4}-\d{2}-\d{2})?$/, to: ['o4-mini'] },
  { from: /^claude-(opus-4|4-opus|3-opus)/, to: CLAUDE_SONNET_4 },
  { from: /^claude-(sonnet-4|4-sonnet|3-5-sonnet|3-7-sonnet)/, to: CLAUDE_HAIKU_3_5 },
  { from: /^mistral-large/, to: ['mistral-small-latest'] },
];

// gemini-<version>-pro[-suffix] → gemini-<version>-flash[-suffix]: the same generation's Flash.
const GEMINI_PRO = /^gemini-(\d+(?:\.\d+)?)-pro((?:-preview)?(?:-\d{2}-\d{2})?)$/;

/** A catalog model id without provider path or vendor prefix, lower-cased. */
export function ladderKey(modelId: string): string {
  const lastSegment = modelId.toLowerCase().slice(modelId.lastIndexOf('/') + 1);
  // Bedrock ids carry region and vendor prefixes: `regional.anthropic.claude-…`, `us.meta.llama…`.
  return lastSegment.replace(/^(?:[a-z]+\.)+(?=[a-z])/, '');
}

/** The ids to try, in order, as the cheaper rung of a catalog model id ([] when it has none). */
export function ladderTargets(modelId: string): readonly string[] {
  const key = ladderKey(modelId);
  const gemini = GEMINI_PRO.exec(key);
  if (gemini !== null) {
    return [`gemini-${gemini[1] ?? ''}-flash${gemini[2] ?? ''}`, `gemini-${gemini[1] ?? ''}-flash`];
  }
  return MODEL_LADDER.find((rung) => rung.from.test(key))?.to ?? [];
}
