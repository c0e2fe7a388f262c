/**
 * The Native decoder against real ClickHouse output (the embedded engine, or the server of
 * CLICKHOUSE_URL): every column type it reads gives the same values as the JSON formats, across
 * several blocks, and a column type it does not read is refused by name.
 * @module
 */
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from './clickhouse.js';
import { openBackendClickHouse } from './index.js';
import { decodeNativeColumns, NativeFormatError } from './native-columns.js';

let store: ClickHouseStore;

beforeAll(async () => {
  store = await openBackendClickHouse(
    loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-native') })),
  );
});

afterAll(async () => {
  await store.close();
});

const TYPED = `
  SELECT
    toInt8(number % 7 - 3) AS i8, toUInt8(number % 250) AS u8,
    toInt16(-300 * number) AS i16, toUInt16(number * 3) AS u16,
    toInt32(-70000 * number) AS i32, toUInt32(number * 70000) AS u32,
    toInt64(-1) * toInt64(number) * 4294967311 AS i64, toUInt64(number) * 4294967311 AS u64,
    toFloat32(number) / 4 AS f32, toFloat64(number) / 3 AS f64,
    number % 2 = 0 AS bool_expression, toBool(number % 3 = 0) AS bool,
    concat('text-', toString(number), if(number % 5 = 0, ' ünïcödé ✓', '')) AS text,
    if(number % 4 = 0, NULL, number * 1.5) AS nullable_float,
    if(number % 3 = 0, NULL, toString(number)) AS nullable_text,
    toLowCardinality(concat('model-', toString(number % 4))) AS low_cardinality,
    toLowCardinality(if(number % 6 = 0, NULL, concat('f-', toString(number % 3)))) AS low_cardinality_nullable,
    CAST(if(number % 2 = 0, 'success', 'error') AS Enum8('success' = 1, 'error' = 2)) AS status
  FROM numbers(150000)`;

describe('Native columns', () => {
  it('read every supported type as the JSON output gives it, over several blocks', async () => {
    const columns = await store.queryColumns(`${TYPED} SETTINGS max_block_size = 65536`);
    const rows = await store.queryRows<Record<string, unknown>>(TYPED);
    expect(columns.u64).toHaveLength(150_000);
    const asColumns = Object.fromEntries(
      Object.keys(columns).map((name) => [name, rows.map((row) => row[name])]),
    );
    // JSON writes booleans of expressions as 0/1 and Bool columns as true/false, as Native does.
    const asArrays = Object.fromEntries(
      Object.entries(columns).map(([name, values]) => [name, Array.from(values)]),
    );
    expect(asArrays).toEqual(asColumns);
    // Plain numbers arrive as doubles in one typed array; Nullable and LowCardinality as values.
    expect(columns.u64).toBeInstanceOf(Float64Array);
    expect(columns.i8).toBeInstanceOf(Float64Array);
    expect(columns.nullable_float).toBeInstanceOf(Array);
    expect(columns.u64?.[149_999]).toBe(149_999 * 4294967311);
    expect(columns.text?.[5]).toBe('text-5 ünïcödé ✓');
    expect(columns.low_cardinality_nullable?.slice(0, 3)).toEqual([null, 'f-1', 'f-2']);
  });

  it('decodes only the last value of a last-only column, across blocks', async () => {
    const lastOnly = new Set(['text', 'u64', 'low_cardinality']);
    const columns = await store.queryColumns(`${TYPED} SETTINGS max_block_size = 65536`, {}, lastOnly);
    expect(columns.text).toEqual(['text-149999']);
    expect(columns.u64).toEqual([149_999 * 4294967311]);
    expect(columns.low_cardinality).toEqual(['model-3']);
    expect(columns.f64).toHaveLength(150_000);
    const empty = await store.queryColumns(`${TYPED} LIMIT 0`, {}, lastOnly);
    expect(empty.text ?? []).toEqual([]);
  });

  it('answers block by block, with the last value of each block for a last-only column', async () => {
    const lastOnly = new Set(['text']);
    const query = `${TYPED} SETTINGS max_block_size = 65536, max_threads = 1`;
    const blocks = await store.queryBlocks(query, {}, lastOnly);
    expect(blocks.map((block) => block.u64?.length)).toEqual([65_536, 65_536, 18_928]);
    expect(blocks.map((block) => block.text)).toEqual([
      ['text-65535 ünïcödé ✓'],
      ['text-131071'],
      ['text-149999'],
    ]);
    const joined = await store.queryColumns(query);
    expect(blocks.flatMap((block) => Array.from(block.f64 ?? []))).toEqual(Array.from(joined.f64 ?? []));
  });

  it('answers an empty result with no rows', async () => {
    const columns = await store.queryColumns(`${TYPED} LIMIT 0`);
    expect(Object.values(columns).every((values) => values.length === 0)).toBe(true);
  });

  it('refuses a column type it does not read, naming it', async () => {
    await expect(store.queryColumns('SELECT [1, 2] AS numbers')).rejects.toThrow(
      /does not read columns of type Array\(UInt8\)/,
    );
  });

  it('refuses a payload that ends inside a block', () => {
    expect(() => decodeNativeColumns(Buffer.from([1, 5, 1, 120]))).toThrow(NativeFormatError);
  });
});
