import { describe, expect, it } from 'vitest';
import { exportFileName, exportQuery, lastDays } from './export-range';

describe('export range', () => {
  it('defaults to the last days including today', () => {
    expect(lastDays(30, new Date('2026-03-31T15:00:00Z'))).toEqual({
      from: '2026-03-02',
      through: '2026-03-31',
    });
  });

  it('sends the day after the last day as the exclusive end', () => {
    expect(exportQuery({ from: '2026-02-01', through: '2026-02-28' }, 'focus')).toEqual({
      query: { from: '2026-02-01', to: '2026-03-01', format: 'focus' },
    });
  });

  it('refuses a reversed or missing range naming the field', () => {
    expect(exportQuery({ from: '2026-02-10', through: '2026-02-01' }, 'csv')).toEqual({
      error: { field: 'to', message: 'The last day must not be before the first day' },
    });
    expect(exportQuery({ from: '', through: '2026-02-01' }, 'csv')).toMatchObject({
      error: { field: 'from' },
    });
  });

  it('names the file after the organization, the range and the format', () => {
    expect(exportFileName('acme', { from: '2026-02-01', through: '2026-02-28' }, 'focus')).toBe(
      'netra-usage-acme-2026-02-01-to-2026-02-28-focus.csv',
    );
  });
});
