/**
 * The model_rightsizing actions: a per-feature routing rule, the LiteLLM router config that sends
 * the feature to the cheaper model (with the current model as fallback), and the evaluation gate.
 * @module
 */
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import { jsonSnippet, litellmModelEntry, yamlString } from './snippets.js';
import { featureItems, featureLabel, featureSlug } from './segment-change.js';

function routingRule(segment: SegmentProfile, candidate: string): OpportunityAction {
  const rule = {
    match: { feature: segment.feature, provider: segment.provider, model: segment.model },
    route_to: { provider: segment.priced_provider, model: candidate },
    rollout: { shadow_share: 0.1, promote_after: 'evaluation passes' },
  };
  return {
    title: `Route ${featureLabel(segment)} to ${candidate}`,
    detail:
      `Send this feature's requests to ${candidate} instead of ${segment.model}; start with a shadow share ` +
      'to compare answers before switching all traffic.',
    snippet: jsonSnippet(rule),
    language: 'json',
  };
}

function litellmConfig(segment: SegmentProfile, candidate: string): OpportunityAction {
  const alias = `${featureSlug(segment)}-model`;
  const snippet = [
    'model_list:',
    litellmModelEntry(candidate, segment.priced_provider, candidate),
    litellmModelEntry(segment.priced_model, segment.priced_provider, segment.priced_model),
    'router_settings:',
    `  # The feature calls model=${yamlString(alias)}; the alias now resolves to the cheaper model.`,
    '  model_group_alias:',
    `    ${yamlString(alias)}: ${yamlString(candidate)}`,
    '  fallbacks:',
    `    - ${yamlString(candidate)}: [${yamlString(segment.priced_model)}]`,
  ].join('\n');
  return {
    title: 'LiteLLM router config',
    detail:
      `Point the feature at the alias ${yamlString(alias)}; the router sends it to ${candidate} and falls ` +
      `back to ${segment.priced_model} when the call fails.`,
    snippet,
    language: 'yaml',
  };
}

function evaluationStep(segment: SegmentProfile, candidate: string): OpportunityAction {
  return {
    title: 'Evaluate on real prompts before rollout',
    detail:
      `Replay a sample of ${featureItems(segment, 'prompts')} on ${candidate} and compare with ${segment.model}'s ` +
      'answers (exact match for labels, field-level match for extraction); switch only if quality holds.',
  };
}

/** The rightsizing actions for one segment and its candidate model. */
export function rightsizingActions(segment: SegmentProfile, candidate: string): OpportunityAction[] {
  return [
    routingRule(segment, candidate),
    litellmConfig(segment, candidate),
    evaluationStep(segment, candidate),
  ];
}
