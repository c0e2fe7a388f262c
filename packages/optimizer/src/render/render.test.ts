/**
 * The three renderings of an analysis report, on hand-built reports: ranking, money formatting,
 * escaping of customer-supplied names, and the empty (insufficient data) report.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { formatUsd, rankOpportunities } from './format.js';
import { emptyReport, HOSTILE_FEATURE, sampleReport } from './render-fixture.js';
import { fencedBlock, markdownCell } from './render-markdown.js';
import { escapeHtml, renderReportHtml } from './render-html.js';
import { renderReportMarkdown } from './render-markdown.js';
import { renderReportText } from './render-text.js';

describe('money formatting', () => {
  it('follows the magnitude: whole dollars from $100, cents from $1, three digits below', () => {
    expect(formatUsd(21_164.01)).toBe('$21,164');
    expect(formatUsd(1_234_567.89)).toBe('$1,234,568');
    expect(formatUsd(51.456)).toBe('$51.46');
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(0.012345)).toBe('$0.0123');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00001)).toBe('<$0.0001');
    expect(formatUsd(-12.5)).toBe('-$12.50');
  });
});

describe('ranking', () => {
  it('orders opportunities by monthly dollars, largest first', () => {
    const ids = rankOpportunities(sampleReport()).map((opportunity) => opportunity.kind);
    expect(ids).toEqual(['response_caching', 'model_rightsizing', 'error_waste']);
  });

  it('prints them in that order in every rendering', () => {
    const report = sampleReport();
    for (const text of [renderReportText(report), renderReportMarkdown(report), renderReportHtml(report)]) {
      const caching = text.indexOf('response cache');
      const rightsizing = text.indexOf('claude-3-5-haiku');
      const errors = text.indexOf('billed failures');
      expect(caching).toBeGreaterThan(-1);
      expect(caching).toBeLessThan(rightsizing);
      expect(rightsizing).toBeLessThan(errors);
    }
  });
});

describe('renderReportText', () => {
  const text = renderReportText(sampleReport(), { width: 100 });

  it('has the header, baseline tables, opportunities, plan and data notes', () => {
    expect(text).toContain('Period    2025-02-01 → 2025-02-15 (14 days)');
    expect(text).toContain('Data      partial · completeness 82.0%');
    expect(text).toContain('Baseline  $21,164/month · $9,877 in the period');
    expect(text).toContain('Requests  1,234,567 (12 unpriced)');
    expect(text).toMatch(/openai\/gpt-4o\s+900,000\s+\$15,000\s+70\.9%/);
    expect(text).toMatch(/support-bot\s+700,000\s+\$10,714\s+50\.6%/);
    expect(text).toContain('1. Response caching — support-bot · openai/gpt-4o');
    expect(text).toContain(
      '$3,211/month (15.2% of baseline)\n     confidence high · risk low · effort medium',
    );
    expect(text).toContain('repeat cost (USD) $1,498');
    expect(text).toContain('Add a response cache: Key the cache on prompt_hash and model. (+1 more');
    expect(text).toContain(
      'Plan  Proven savings $3,321/month (15.7%)\n' +
        '      — potential up to $4,322/month with evaluation (20.4% of baseline)\n' +
        '      3 changes applied together',
    );
    expect(text).toContain('prefix_hashes: prompt caching');
  });

  it('flags opportunities that need an evaluation, and only those', () => {
    expect(text.match(/needs evaluation/g)).toHaveLength(1);
    const flagged = text.split('\n').find((line) => line.includes('needs evaluation'));
    expect(flagged).toContain('$1,000/month');
  });

  it('keeps every line within the width and uses no color unless asked', () => {
    const narrow = renderReportText(sampleReport(), { width: 70 });
    for (const line of narrow.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(70);
    }
    expect(text).not.toContain('\u001b[');
    expect(renderReportText(sampleReport(), { color: true })).toContain('\u001b[1m');
  });
});

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(sampleReport());

  it('escapes pipes in table cells so a feature name cannot break a table', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    const featureRow = markdown
      .split('\n')
      .find((line) => line.includes('alert') && line.includes('400,000'));
    expect(featureRow).toContain('\\|billing');
    // Header, alignment row and cells: 7 unescaped pipes for the 6-column baseline table.
    expect(featureRow?.match(/(?<!\\)\|/g)).toHaveLength(7);
  });

  it('writes every opportunity with its evidence table, assumptions and all actions', () => {
    expect(markdown.match(/^### \d\. /gm)).toHaveLength(3);
    expect(markdown).toContain('| repeat requests | 120,345 |');
    expect(markdown).toContain('- Cached answers stay valid for 24 hours.');
    expect(markdown).toContain('2. **Watch the hit rate**');
    expect(markdown).toContain('```yaml\n   cache:\n     ttl: 86400');
  });

  it('fences snippets longer than any backtick run inside them', () => {
    expect(fencedBlock('a ``` b', 'ts')).toBe('````ts\na ``` b\n````');
    expect(markdown).toContain('````ts');
  });

  it('escapes markup in running text', () => {
    expect(markdown).toContain('Raise the client timeout \\<b\\>to 60 s\\</b\\>.');
    expect(markdown).not.toContain('<script>');
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(sampleReport());

  it('escapes HTML injected through a feature name', () => {
    expect(html).not.toContain(HOSTILE_FEATURE);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;|billing');
    expect(html).not.toContain('<b>to 60 s</b>');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('is one self-contained page: inline CSS, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link|<script|<img|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('shows every opportunity, its flag and its snippets', () => {
    expect(html.match(/<section class="opportunity">/g)).toHaveLength(3);
    expect(html.match(/needs evaluation/g)).toHaveLength(1);
    expect(html).toContain(
      '<pre><code class="language-yaml">cache:\n  ttl: 86400\n  key: &quot;{prompt_hash}:{model}&quot;',
    );
  });
});

describe('the savings headline', () => {
  const headline = 'Proven savings $3,321/month (15.7%) — potential up to $4,322/month with evaluation';

  it('leads every rendering with the proven figure and shows the potential beside it', () => {
    const report = sampleReport();
    const text = renderReportText(report, { width: 120 });
    expect(text).toContain(`Savings   ${headline}`);
    expect(text.indexOf('Savings   Proven')).toBeLessThan(text.indexOf('Spend by model'));
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain(`**${headline}**`);
    expect(markdown.indexOf(headline)).toBeLessThan(markdown.indexOf('## Baseline'));
    expect(markdown).toContain('| Proven savings | $3,321/month (15.7% of baseline) |');
    expect(markdown).toContain('| Potential savings | $4,322/month (20.4% of baseline), with evaluation |');
    const html = renderReportHtml(report);
    expect(html).toContain(
      '<strong>Proven savings $3,321/month (15.7%)</strong> — <span class="meta">potential up to $4,322/month with evaluation</span>',
    );
  });

  it('says only the proven figure when every change is proven', () => {
    const report = sampleReport();
    report.plan.proven = { ...report.plan, opportunity_ids: [...report.plan.opportunity_ids] };
    for (const rendering of [
      renderReportText(report),
      renderReportMarkdown(report),
      renderReportHtml(report),
    ]) {
      expect(rendering).toContain('Proven savings $4,322/month (20.4%)');
      expect(rendering).not.toContain('potential up to');
    }
  });
});

describe('an empty report', () => {
  const report = emptyReport();

  it('says the data is insufficient and why, with no tables or plan', () => {
    const text = renderReportText(report);
    expect(text).toContain('Insufficient data');
    expect(text).toContain('events: No usage events were found');
    expect(text).not.toContain('Spend by model');
    expect(text).not.toContain('Plan');
  });

  it('renders in Markdown and HTML without opportunities', () => {
    expect(renderReportMarkdown(report)).toContain('No opportunity found in this usage.');
    expect(renderReportMarkdown(report)).toContain('Sufficiency: **insufficient**.');
    expect(renderReportHtml(report)).toContain('No opportunity found in this usage.');
  });
});

describe('the slice of requests without a feature', () => {
  it('reads (unnamed) in every rendering, never an empty cell', () => {
    const report = sampleReport();
    const [first] = report.baseline.by_feature;
    if (first !== undefined) {
      first.key = '';
    }
    expect(renderReportText(report, { width: 100 })).toMatch(/\(unnamed\)\s+700,000/);
    expect(renderReportMarkdown(report)).toContain('| (unnamed) | 700,000 |');
    expect(renderReportHtml(report)).toContain('<td>(unnamed)</td>');
  });
});
