import { describe, expect, it } from 'vitest';
import {
  buildSnippets,
  curlSnippet,
  nodeOtlpSnippet,
  pythonOtlpSnippet,
  type SnippetContext,
} from './snippets';

const context: SnippetContext = {
  backendUrl: 'https://netra.example.com/',
  orgId: '01a241f6-50d9-75d0-94cc-954ea21e7fe0',
  orgName: 'Acme',
  apiKey: null,
  now: '2026-12-04T16:00:00.000Z',
};

describe('snippets', () => {
  it('fills the REST call with the backend URL, the organization and a valid event', () => {
    const code = curlSnippet(context);
    expect(code).toContain("curl -X POST 'https://netra.example.com/api/v1/ingest/events'");
    expect(code).toContain('organization 01a241f6-50d9-75d0-94cc-954ea21e7fe0');
    expect(code).toContain('Authorization: Bearer $NETRA_API_KEY');
    const body = /-d '(.*)'$/m.exec(code)?.[1];
    expect(JSON.parse(body!)).toEqual({
      events: [expect.objectContaining({ timestamp: context.now, model: 'gpt-4o' })],
    });
  });

  it('sets a key created on the page, shell-quoted', () => {
    expect(curlSnippet({ ...context, apiKey: "nk_a'b" })).toContain("export NETRA_API_KEY='nk_a'\\''b'");
    expect(curlSnippet(context)).toContain('export NETRA_API_KEY=nk_...');
  });

  it("points the OTLP exporters at the backend's /v1/traces with the key as a bearer", () => {
    expect(nodeOtlpSnippet(context)).toContain('url: "https://netra.example.com/v1/traces"');
    expect(nodeOtlpSnippet(context)).toContain('Authorization: `Bearer ${process.env.NETRA_API_KEY}`');
    expect(pythonOtlpSnippet(context)).toContain('endpoint="https://netra.example.com/v1/traces"');
    expect(pythonOtlpSnippet(context)).toContain("os.environ['NETRA_API_KEY']");
  });

  it('lists every snippet once', () => {
    expect(buildSnippets(context).map((snippet) => snippet.id)).toEqual(['curl', 'file', 'node', 'python']);
  });
});
