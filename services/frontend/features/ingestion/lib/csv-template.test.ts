import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { buildCsvTemplate, csvCell, TEMPLATE_FIELDS } from './csv-template';

const NOW = Date.parse('2026-12-04T16:00:00Z');

/** Reads the template back as the generic CSV reader does: blank cells are absent, numbers are numbers. */
function rowsOf(csv: string): Record<string, unknown>[] {
  const [header, ...rows] = csv.trim().split('\n');
  const fields = header!.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    const record: Record<string, unknown> = {};
    fields.forEach((field, index) => {
      const cell = cells[index] ?? '';
      if (cell !== '') {
        record[field] = /^\d+$/.test(cell) ? Number(cell) : field === 'tags' ? [cell] : cell;
      }
    });
    return record;
  });
}

describe('CSV template', () => {
  it('has one column per canonical usage-event field', () => {
    const header = buildCsvTemplate(NOW).split('\n')[0]!.split(',');
    expect(header).toEqual([...TEMPLATE_FIELDS]);
    for (const field of [
      'timestamp',
      'model',
      'input_tokens',
      'output_tokens',
      'cache_read_tokens',
      'feature',
    ]) {
      expect(header).toContain(field);
    }
  });

  it('holds two example rows that are valid canonical events, dated just before the download', () => {
    const rows = rowsOf(buildCsvTemplate(NOW));
    expect(rows).toHaveLength(2);
    for (const [index, row] of rows.entries()) {
      const parsed = parseUsageEvent(row, index);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    }
    expect(rows[0]?.timestamp).toBe('2026-12-04T14:00:00.000Z');
    expect(rows[1]).toMatchObject({ status: 'error', error_type: 'timeout' });
  });

  it('quotes cells that need it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
