/**
 * A redis-server of the test's own on a free port, to stop and start again: a Redis outage without
 * touching the machine's shared Redis.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '@netra/test-framework/ports';
import { portAnswers } from '#test-support/port-answers.js';
import { waitUntil } from './wait.js';

export class RedisProcess {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Starts the server (empty: nothing is saved) and waits until it accepts connections; nothing to
   * do while it runs. (A second server on the taken port would exit at once, and tracking it would
   * leave the running one to outlive the test.)
   */
  async resume(): Promise<void> {
    if (this.child !== undefined && this.child.exitCode === null) {
      return;
    }
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitUntil(`redis-server on ${this.port}`, async () =>
      (await portAnswers(this.port)) ? true : undefined,
    );
  }

  /** Kills the server (this test's own process, by its pid) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) {
      return;
    }
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}
