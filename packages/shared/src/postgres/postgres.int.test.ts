import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { tempDataDir, testStores } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { executeRows, openPostgres } from './index.js';

/** A drizzle migrations folder with one migration, as drizzle-kit would generate it. */
function migrationsFolder(table: string): string {
  const dir = tempDataDir('migrations');
  mkdirSync(join(dir, 'meta'));
  writeFileSync(
    join(dir, '0000_init.sql'),
    `CREATE TABLE "${table}" ("id" serial PRIMARY KEY, "name" text NOT NULL);\n--> statement-breakpoint\n` +
      `INSERT INTO "${table}" ("name") VALUES ('seed');\n`,
  );
  const journal = {
    version: '7',
    dialect: 'postgresql',
    entries: [{ idx: 0, version: '7', when: 1764000000000, tag: '0000_init', breakpoints: true }],
  };
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}

async function open() {
  return openPostgres({
    url: testStores().databaseUrl,
    dataDir: join(tempDataDir('pg'), 'postgres'),
    environment: 'test',
    schema: {},
    applicationName: 'netra-shared-test',
  });
}

describe('openPostgres', () => {
  it('runs in the mode the run provides and answers queries', async () => {
    const postgres = await open();
    try {
      expect(postgres.mode).toBe(testStores().mode.postgres);
      await postgres.ping();
      const rows = await executeRows(postgres.db, sql`select 41 + 1 as answer`);
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await postgres.close();
    }
  });

  it('applies migrations once, however often they run', async () => {
    const table = `shared_probe_${Date.now().toString(36)}`;
    const folder = migrationsFolder(table);
    const postgres = await open();
    try {
      const options = { migrationsFolder: folder, migrationsSchema: `drizzle_${table}` };
      await postgres.migrate(options);
      await postgres.migrate(options);
      const rows = await executeRows(postgres.db, sql.raw(`select count(*)::int as n from "${table}"`));
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await postgres.close();
    }
  });

  it('creates the embedded data directory on first open', async () => {
    const dir = join(tempDataDir('pg-dir'), 'nested', 'postgres');
    const postgres = await openPostgres({
      url: undefined,
      dataDir: dir,
      environment: 'test',
      schema: {},
      applicationName: 'x',
    });
    await postgres.close();
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  });
});

const socketDir = '/var/run/postgresql';
const serverDatabase = testStores().databaseUrl;

// Only a PostgreSQL server has a Unix socket: with the embedded tier (no DATABASE_URL, PGlite in the
// process) there is nothing to connect to, so this block runs on server runs only — as CI's always are
// (.ci/run sets DATABASE_URL). A server run without the socket directory fails here instead of skipping.
describe.skipIf(serverDatabase === undefined)(
  'openPostgres over a Unix socket (server runs only: embedded PGlite has no socket)',
  () => {
    it('connects through the socket directory with SSL parameters dropped', async () => {
      expect(existsSync(socketDir), `the PostgreSQL server's socket directory ${socketDir}`).toBe(true);
      const database = new URL(serverDatabase as string).pathname.slice(1);
      const postgres = await openPostgres({
        url: `postgresql:///${database}?host=${socketDir}&sslmode=require`,
        dataDir: tempDataDir('unused'),
        environment: 'production',
        schema: {},
        applicationName: 'netra-socket-test',
      });
      try {
        const rows = await executeRows(postgres.db, sql`select current_database() as name`);
        expect(rows).toEqual([{ name: database }]);
      } finally {
        await postgres.close();
      }
    });
  },
);
