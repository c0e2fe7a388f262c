/** Unit tests of the export file name: the server's, else a safe fallback. */
import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download';

const report = { id: '01a241f7-fd8c-722a-aaeb-4db0b809db25', created_at: '2026-12-04T16:51:37.280Z' };

describe('fileNameOf', () => {
  it('takes the name the server gives', () => {
    expect(fileNameOf('attachment; filename="netra-report-2026-12-04-01a241f7.md"', report, 'md')).toBe(
      'netra-report-2026-12-04-01a241f7.md',
    );
    expect(fileNameOf("attachment; filename*=UTF-8''r%C3%A9port.json", report, 'json')).toBe('réport.json');
  });

  it('falls back to the server’s naming without a usable header', () => {
    expect(fileNameOf(null, report, 'json')).toBe('netra-report-2026-12-04-01a241f7.json');
    expect(fileNameOf('attachment; filename="../x.md"', report, 'md')).toBe(
      'netra-report-2026-12-04-01a241f7.md',
    );
  });
});
