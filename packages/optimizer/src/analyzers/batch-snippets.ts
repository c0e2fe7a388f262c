/**
 * The batch-API migration recipe per provider: the JSONL line shape each batch API takes and the
 * 24-hour completion window every one of them works with.
 * @module
 */
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import { apiFamily } from './snippets.js';
import { featureItems, featureSlug } from './segment-change.js';

const MESSAGES = [{ role: 'user', content: '<the request as sent today>' }];

function customId(segment: SegmentProfile): string {
  return `${featureSlug(segment)}-000001`;
}

function openAiLine(segment: SegmentProfile): string {
  // Azure batch deployments take the same line with the path relative to the deployment.
  const url = segment.priced_provider === 'azure' ? '/chat/completions' : '/v1/chat/completions';
  return JSON.stringify({
    custom_id: customId(segment),
    method: 'POST',
    url,
    body: { model: segment.priced_model, messages: MESSAGES, max_tokens: 1024 },
  });
}

function anthropicLine(segment: SegmentProfile): string {
  return JSON.stringify({
    custom_id: customId(segment),
    params: { model: segment.priced_model, max_tokens: 1024, messages: MESSAGES },
  });
}

function googleLine(segment: SegmentProfile): string {
  return JSON.stringify({
    key: customId(segment),
    request: { contents: [{ role: 'user', parts: [{ text: '<the request as sent today>' }] }] },
  });
}

const OPENAI_SUBMIT: OpportunityAction = {
  title: 'Upload the file and create the batch',
  detail: 'Results arrive within the 24 h completion window; match them back by custom_id.',
  snippet:
    "const file = await client.files.create({ file: fs.createReadStream('requests.jsonl'), purpose: 'batch' });\n" +
    "await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });",
  language: 'ts',
};

const ANTHROPIC_SUBMIT: OpportunityAction = {
  title: 'Submit the lines to the Message Batches API',
  detail:
    'POST /v1/messages/batches with `{"requests": [ …lines… ]}` (up to 100,000 per batch); most finish ' +
    'within an hour and all within 24 h; fetch results by custom_id.',
  snippet: 'await client.messages.batches.create({ requests: lines });',
  language: 'ts',
};

const GENERIC_SUBMIT: OpportunityAction = {
  title: "Submit the file to the provider's batch endpoint",
  detail: 'Batch jobs complete within 24 h; poll the job and match results back by key.',
};

function submitStep(segment: SegmentProfile): OpportunityAction {
  switch (apiFamily(segment.priced_provider)) {
    case 'openai':
      return OPENAI_SUBMIT;
    case 'anthropic':
      return ANTHROPIC_SUBMIT;
    case 'google':
    case 'other':
      return GENERIC_SUBMIT;
  }
}

function lineFor(segment: SegmentProfile): string | undefined {
  switch (apiFamily(segment.priced_provider)) {
    case 'openai':
      return openAiLine(segment);
    case 'anthropic':
      return anthropicLine(segment);
    case 'google':
      return googleLine(segment);
    case 'other':
      return undefined;
  }
}

/** The migration recipe: queue the work, write one JSONL line per request, submit, collect. */
export function batchActions(segment: SegmentProfile): OpportunityAction[] {
  const line = lineFor(segment);
  return [
    {
      title: `Queue ${featureItems(segment, 'requests')} instead of calling the API synchronously`,
      detail:
        'Collect the requests this job sends (they are not streamed and not interactive), write them as one ' +
        'JSONL line each with a unique custom_id, and process the results when the batch completes (24 h window).',
      ...(line === undefined ? {} : { snippet: line, language: 'jsonl' }),
    },
    submitStep(segment),
  ];
}
