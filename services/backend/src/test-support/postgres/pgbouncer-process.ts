/**
 * A PgBouncer of the test's own, in transaction pooling mode, on a free port in front of the test
 * run's PostgreSQL server: what a deployment puts between many backend instances and PostgreSQL.
 * Debian's `pgbouncer` package provides the binary (`.ci/run` installs it).
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@netra/test-framework/ports';
import { portAnswers } from '#test-support/port-answers.js';
import { waitUntil } from '#test-support/runs/wait.js';

/** PgBouncer refuses to run as root; it then runs as the `postgres` user the server package created. */
function runAs(): string[] {
  return userInfo().uid === 0 ? ['-u', 'postgres'] : [];
}

function config(server: URL, port: number, dir: string): string {
  return [
    '[databases]',
    `* = host=${server.hostname} port=${server.port || '5432'}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    'default_pool_size = 4',
    'max_client_conn = 200',
    'ignore_startup_parameters = extra_float_digits,options,statement_timeout,application_name',
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    'unix_socket_dir =',
    '',
  ].join('\n');
}

export class PgBouncerProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** @throws with how to install it when the pgbouncer binary is missing. */
  static async start(serverUrl: string): Promise<PgBouncerProcess> {
    if (spawnSync('pgbouncer', ['--version']).error !== undefined) {
      throw new Error('pgbouncer is not installed: apt-get install -y pgbouncer');
    }
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'netra-pgbouncer-'));
    chmodSync(dir, 0o777);
    // Trust still only admits the users listed: the one the test run connects as.
    const user = decodeURIComponent(new URL(serverUrl).username) || userInfo().username;
    writeFileSync(join(dir, 'users.txt'), `"${user}" ""\n`);
    writeFileSync(join(dir, 'pgbouncer.ini'), config(new URL(serverUrl), port, dir));
    const child = spawn('pgbouncer', [...runAs(), join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
    await waitUntil(`pgbouncer on ${port}`, async () => ((await portAnswers(port)) ? true : undefined));
    return new PgBouncerProcess(child, dir, port);
  }

  /** `databaseUrl` with its host and port replaced by this pooler's. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
