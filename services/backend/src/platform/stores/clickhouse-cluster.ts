/**
 * ClickHouse cluster mode (`CLICKHOUSE_CLUSTER`, ARCHITECTURE §2 "scaling out"). The migrations are
 * written for one node; here each statement is rendered for a cluster:
 *
 * - a table becomes `<name>_local` on every node (`ON CLUSTER`), its MergeTree engine replicated
 *   (`Replicated…MergeTree('/clickhouse/tables/{shard}/<db>/<name>_local', '{replica}', …)`), and
 *   `<name>` becomes a Distributed table over them, sharded by organization — so the code keeps
 *   reading and writing `<name>`, and an organization's rows (and their duplicates, which the
 *   Replacing/Summing engines fold) always meet on one shard;
 * - a materialized view reads and writes the local tables on every node, so each shard aggregates
 *   what was inserted into it;
 * - `ALTER TABLE` changes the local tables and the Distributed one on every node;
 * - `INSERT … SELECT` backfills run once, through the Distributed tables.
 * @module
 */

const DATABASE = '{{database}}';
const LOCAL_SUFFIX = '_local';
/** The shard of a row: its organization, so an organization's rows never span shards. */
const SHARDING_KEY = 'sipHash64(org_id)';

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS \{\{database\}\}\.(\w+)\s*\n?\(/;
const ENGINE = /ENGINE = (\w*MergeTree)(?:\(([^)]*)\))?/;
const CREATE_VIEW =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS \{\{database\}\}\.(\w+) TO \{\{database\}\}\.(\w+) AS/;
const ALTER_TABLE = /^ALTER TABLE \{\{database\}\}\.(\w+) /;

/** Backquoted, so a cluster name with dashes is one identifier. */
export function onCluster(cluster: string): string {
  return `ON CLUSTER \`${cluster.replaceAll('`', '')}\``;
}

export function localTableName(table: string): string {
  return `${table}${LOCAL_SUFFIX}`;
}

function replicatedEngine(statement: string, table: string): string {
  return statement.replace(ENGINE, (_match, engine: string, args: string | undefined) => {
    const path = `'/clickhouse/tables/{shard}/${DATABASE}/${localTableName(table)}'`;
    const rest = args === undefined || args.trim() === '' ? '' : `, ${args.trim()}`;
    return `ENGINE = Replicated${engine}(${path}, '{replica}'${rest})`;
  });
}

function clusterTable(statement: string, table: string, cluster: string): string[] {
  if (!ENGINE.test(statement)) {
    throw new Error(`cluster mode: CREATE TABLE ${table} has no MergeTree engine to replicate`);
  }
  const local = replicatedEngine(
    statement.replace(
      CREATE_TABLE,
      `CREATE TABLE IF NOT EXISTS ${DATABASE}.${localTableName(table)} ${onCluster(cluster)}\n(`,
    ),
    table,
  );
  const distributed =
    `CREATE TABLE IF NOT EXISTS ${DATABASE}.${table} ${onCluster(cluster)} AS ${DATABASE}.${localTableName(table)}\n` +
    `ENGINE = Distributed('${cluster}', ${DATABASE}, ${localTableName(table)}, ${SHARDING_KEY})`;
  return [local, distributed];
}

/** The view's SELECT reads the local tables: each shard aggregates the rows inserted into it. */
function clusterView(statement: string, view: string, target: string, cluster: string): string {
  const head = `CREATE MATERIALIZED VIEW IF NOT EXISTS ${DATABASE}.${view} ${onCluster(cluster)} TO ${DATABASE}.${localTableName(target)} AS`;
  const body = statement
    .replace(CREATE_VIEW, '')
    .replace(
      /FROM \{\{database\}\}\.(\w+)/g,
      (_match, source: string) => `FROM ${DATABASE}.${localTableName(source)}`,
    );
  return `${head}${body}`;
}

function clusterAlter(statement: string, table: string, cluster: string): string[] {
  const change = statement.replace(ALTER_TABLE, '');
  return [
    `ALTER TABLE ${DATABASE}.${localTableName(table)} ${onCluster(cluster)} ${change}`,
    `ALTER TABLE ${DATABASE}.${table} ${onCluster(cluster)} ${change}`,
  ];
}

/**
 * One single-node migration statement as the statements a cluster runs instead.
 * @throws on a statement kind cluster mode does not know how to render (a new kind of migration
 * must be taught here before it can ship).
 */
export function clusterStatements(statement: string, cluster: string): string[] {
  const table = CREATE_TABLE.exec(statement)?.[1];
  if (table !== undefined) {
    return clusterTable(statement, table, cluster);
  }
  const view = CREATE_VIEW.exec(statement);
  if (view?.[1] !== undefined && view[2] !== undefined) {
    return [clusterView(statement, view[1], view[2], cluster)];
  }
  const altered = ALTER_TABLE.exec(statement)?.[1];
  if (altered !== undefined) {
    return clusterAlter(statement, altered, cluster);
  }
  if (statement.startsWith('INSERT INTO ')) {
    return [statement];
  }
  throw new Error(`cluster mode cannot render this migration statement: ${statement.slice(0, 80)}`);
}
