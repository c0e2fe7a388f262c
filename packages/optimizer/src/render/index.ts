/**
 * Renderings of an analysis report: terminal text, Markdown and a self-contained HTML page. Pure
 * functions of the report (ARCHITECTURE §4.2); no I/O.
 * @module
 */
export { renderReportText, type TextRenderOptions } from './render-text.js';
export { renderReportMarkdown } from './render-markdown.js';
export { escapeHtml, renderReportHtml } from './render-html.js';
export { formatUsd, formatPercent, KIND_LABELS, rankOpportunities } from './format.js';
