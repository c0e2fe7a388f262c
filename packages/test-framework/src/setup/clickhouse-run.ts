/**
 * A per-run ClickHouse database, created and dropped over the HTTP interface.
 * @module
 */

export interface ClickhouseRun {
  /** CLICKHOUSE_URL for services: the server URL with the run's database as its path. */
  url: string;
  database: string;
  drop: () => Promise<void>;
}

/** The server part of a ClickHouse URL with credentials moved into headers, as fetch requires. */
function endpoint(url: string): { base: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  const headers: Record<string, string> = {};
  if (parsed.username !== '') {
    headers['X-ClickHouse-User'] = decodeURIComponent(parsed.username);
    headers['X-ClickHouse-Key'] = decodeURIComponent(parsed.password);
  }
  return { base: `${parsed.protocol}//${parsed.host}/`, headers };
}

/** Runs one statement through the ClickHouse HTTP interface and returns the response text. */
export async function clickhouseStatement(url: string, sql: string): Promise<string> {
  const { base, headers } = endpoint(url);
  const response = await fetch(base, { method: 'POST', headers, body: sql });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`ClickHouse refused "${sql}": HTTP ${response.status} ${text.trim().slice(0, 300)}`);
  }
  return text;
}

/** The same ClickHouse URL with another database (the client reads the database from the path). */
export function withClickhouseDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates `netra_test_<runId>` on the server `url` points at. */
export async function createClickhouseRun(url: string, runId: string): Promise<ClickhouseRun> {
  const database = `netra_test_${runId}`;
  await clickhouseStatement(url, `CREATE DATABASE IF NOT EXISTS ${database}`);
  return {
    url: withClickhouseDatabase(url, database),
    database,
    drop: async () => {
      await clickhouseStatement(url, `DROP DATABASE IF EXISTS ${database} SYNC`);
      // The backend keeps analysis scratch tables in a database of their own beside the run's.
      await clickhouseStatement(url, `DROP DATABASE IF EXISTS ${database}_scratch SYNC`);
    },
  };
}
