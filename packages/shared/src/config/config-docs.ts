import type { ConfigDocRow } from './config-spec.js';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** A markdown table of configuration variables, as the README shows them. */
export function renderConfigTable(rows: readonly ConfigDocRow[]): string {
  const lines = ['| variable | default | description |', '| --- | --- | --- |'];
  for (const row of rows) {
    const shown = row.default === '' ? '—' : row.literalDefault ? `\`${row.default}\`` : row.default;
    const secret = row.secret ? ' (secret)' : '';
    lines.push(`| \`${row.name}\` | ${escapeCell(shown)} | ${escapeCell(row.description)}${secret} |`);
  }
  return lines.join('\n');
}

/** The README section between `<!-- config:NAME -->` and `<!-- /config:NAME -->`, trimmed. */
export function readmeConfigSection(readme: string, name: string): string | undefined {
  const start = `<!-- config:${name} -->`;
  const end = `<!-- /config:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1 || to < from) {
    return undefined;
  }
  return readme.slice(from + start.length, to).trim();
}
