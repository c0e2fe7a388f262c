/**
 * The server side's handle on the WebSocket bench's client process (ws-clients.ts): forks it with
 * the same TypeScript loader as the bench, sends it one command at a time and waits for its answer.
 * A client process that reports an error or exits fails the bench.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type {
  ClosedReport,
  CollectCommand,
  ConnectCommand,
  DeliveryReport,
  FromClients,
  ReadyReport,
} from './ws-protocol.js';

const CLIENTS_MODULE = join(import.meta.dirname, 'ws-clients.ts');

export class ClientProcess {
  private constructor(private readonly child: ChildProcess) {}

  static start(): ClientProcess {
    const child = fork(CLIENTS_MODULE, [], {
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ClientProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  connect(command: ConnectCommand): Promise<ReadyReport> {
    return this.ask(command, 'ready');
  }

  collect(command: CollectCommand): Promise<DeliveryReport> {
    return this.ask(command, 'delivered');
  }

  close(): Promise<ClosedReport> {
    return this.ask({ type: 'close' }, 'closed');
  }

  /** Ends the process (its sockets close with it). */
  stop(): void {
    if (this.child.connected) {
      this.child.disconnect();
    }
  }

  private ask<K extends FromClients['type']>(
    command: ConnectCommand | CollectCommand | { type: 'close' },
    answer: K,
  ): Promise<Extract<FromClients, { type: K }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromClients) => {
        cleanup();
        if (message.type === answer) {
          resolve(message as Extract<FromClients, { type: K }>);
        } else {
          reject(new Error(`client process: ${message.type === 'error' ? message.message : message.type}`));
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`client process exited (${code}) while asked to ${command.type}`));
      };
      const cleanup = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(command);
    });
  }
}
