/**
 * Markdown building blocks for the run report. Names from the organization's usage (features,
 * models) reach the report, so running text and table cells are escaped and code goes in fences
 * longer than any backtick run inside it.
 * @module
 */

/** Text safe in running Markdown: line breaks flattened, markup characters escaped. */
export function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function fenced(code: string, language: string | undefined): string {
  const longestRun = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const tag = (language ?? '').replace(/[^\w+.-]/g, '');
  return `${fence}${tag}\n${code.replace(/\n$/, '')}\n${fence}`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/**
 * A Markdown document nested one heading level deeper, its title line dropped; lines inside code
 * fences are left alone (a `# comment` in a snippet is not a heading).
 */
export function nestedDocument(markdown: string): string {
  let fence: string | null = null;
  const lines = markdown.replace(/^# [^\n]*\n+/, '').split('\n');
  return lines
    .map((line) => {
      const opener = /^(`{3,})/.exec(line)?.[1];
      if (fence === null && opener !== undefined) {
        fence = opener;
      } else if (
        fence !== null &&
        line.trim().startsWith(fence) &&
        line.trim() === '`'.repeat(line.trim().length)
      ) {
        fence = null;
      } else if (fence === null && /^#{1,5} /.test(line)) {
        return `#${line}`;
      }
      return line;
    })
    .join('\n')
    .trimEnd();
}
