/**
 * The stylesheet of the HTML report, inlined into the page so the file needs nothing else. System
 * fonts only: a web font would be a fetch.
 * @module
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #5b6470; --line: #d8dde3; --accent: #0b6e4f; --warn: #a15c00; --card: #f4f6f8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ed; --muted: #9aa4af; --line: #38404a; --accent: #4cc38a; --warn: #f0a64a; --card: #1d232a; } }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin-bottom: 4px; }
h2 { margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { margin: 16px 0 6px; }
.meta { color: var(--muted); margin: 4px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--card); border-radius: 8px; padding: 12px 16px; min-width: 160px; }
.card span { display: block; color: var(--muted); font-size: 0.85em; }
.card strong { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.numbers td + td, table.numbers th + th { text-align: right; font-variant-numeric: tabular-nums; }
.opportunity { border: 1px solid var(--line); border-radius: 8px; padding: 4px 20px 12px; margin: 16px 0; }
.facts strong { color: var(--accent); }
.flag { color: var(--warn); font-weight: 600; }
pre { background: var(--card); padding: 10px; border-radius: 6px; overflow-x: auto; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
`;
