import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import type { FileRow, ReadUsageFileOptions } from './file-format.types.js';
import { readAll } from './test-support.js';

function dataset(path: string): string {
  return fileURLToPath(new URL(`../../../../../../datasets/${path}`, import.meta.url));
}

/** Reads a dataset through small, odd-sized chunks and validates every record with the canonical schema. */
async function convertDataset(
  path: string,
  options: ReadUsageFileOptions,
): Promise<{ rows: FileRow[]; accepted: number }> {
  const { rows } = await readAll(createReadStream(dataset(path), { highWaterMark: 4093 }), options);
  const accepted = rows.filter(
    (row, index) => row.record !== undefined && parseUsageEvent(row.record, index).ok,
  );
  return { rows, accepted: accepted.length };
}

describe('real datasets', () => {
  it('converts every row of the Azure LLM inference trace (code) through a column map', async () => {
    const { rows, accepted } = await convertDataset('azure-llm-2023/AzureLLMInferenceTrace_code.csv', {
      format: 'csv',
      map: { TIMESTAMP: 'timestamp', ContextTokens: 'input_tokens', GeneratedTokens: 'output_tokens' },
      model: 'gpt-4o',
    });
    expect(rows.filter((row) => row.error !== undefined)).toEqual([]);
    expect(accepted).toBe(8819);
    expect(rows[0]).toEqual({
      line: 2,
      record: {
        timestamp: '2023-11-16T18:17:03.979Z',
        input_tokens: 4808,
        output_tokens: 10,
        model: 'gpt-4o',
      },
    });
  });

  it('converts every request of the Mooncake conversation trace with relative timestamps and prefix hashes', async () => {
    const base = new Date('2025-02-21T00:00:00Z');
    const { rows, accepted } = await convertDataset('mooncake/conversation_trace.jsonl', {
      format: 'canonical',
      map: { input_length: 'input_tokens', output_length: 'output_tokens', hash_ids: 'prefix_hashes' },
      model: 'kimi',
      provider: 'moonshot',
      timestampBase: base,
    });
    expect(rows.filter((row) => row.error !== undefined)).toEqual([]);
    expect(accepted).toBe(12031);
    expect(rows[0]?.record).toMatchObject({
      timestamp: base.toISOString(),
      input_tokens: 6758,
      output_tokens: 500,
      prefix_hashes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'],
    });
  });
});
