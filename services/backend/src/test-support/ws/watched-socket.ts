/**
 * A `/ws` test client that keeps, besides the validated messages of `TestSocket`, the raw text of
 * every frame the server sent, so isolation tests can search everything a connection received for
 * ids it must never see (not only the `run_id` fields of well-formed events).
 * @module
 */
import type { ClientMessage, RunEvent, ServerMessage } from '@netra/shared/contracts';
import { runEventSchema } from '@netra/shared/contracts';
import type { TestUser } from '#test-support/auth-service.js';
import { TestSocket } from './test-socket.js';

const RUN_EVENT_TYPES = new Set<string>(runEventSchema.options.map((option) => option.shape.type.value));

export function isRunEvent(message: ServerMessage): message is RunEvent {
  return RUN_EVENT_TYPES.has(message.type);
}

function isEnding(message: ServerMessage, runId: string): message is RunEvent {
  return (
    isRunEvent(message) &&
    message.run_id === runId &&
    (message.type === 'run_completed' || message.type === 'run_failed')
  );
}

/** Seqs 0, 1, 2… as long as `events`: what a whole run delivered without gap or repeat looks like. */
export function fromZero(events: readonly RunEvent[]): number[] {
  return events.map((_event, index) => index);
}

export class WatchedSocket {
  /** Every frame the server sent, as text, in arrival order. */
  readonly frames: string[] = [];
  /** When each frame arrived (ms since the epoch), by the frame's index. */
  readonly arrivals: number[] = [];

  private constructor(readonly test: TestSocket) {
    // Registered in the same tick as the socket is created, so no frame can arrive before it.
    test.socket.on('message', (data: Buffer) => {
      this.frames.push(data.toString('utf8'));
      this.arrivals.push(Date.now());
    });
  }

  /** Opens `/ws` on `baseUrl` for `user` in `orgId` and waits for `connection_established`. */
  static async connect(baseUrl: string, user: TestUser, orgId: string): Promise<WatchedSocket> {
    const watched = new WatchedSocket(TestSocket.open(baseUrl, orgId, { token: user.token }));
    await watched.test.nextOf('connection_established');
    return watched;
  }

  get messages(): ServerMessage[] {
    return this.test.messages;
  }

  send(message: ClientMessage): void {
    this.test.send(message);
  }

  /** The run events received, of one run or of every run. */
  runEvents(runId?: string): RunEvent[] {
    return this.messages.filter(isRunEvent).filter((event) => runId === undefined || event.run_id === runId);
  }

  /** The ids of runs received in any run event, in order of first arrival. */
  runIds(): string[] {
    return [...new Set(this.runEvents().map((event) => event.run_id))];
  }

  /** Waits for the run's `run_completed` / `run_failed`; answers the run's events received. */
  async untilEnded(runId: string): Promise<RunEvent[]> {
    await this.test.next((message): message is RunEvent => isEnding(message, runId));
    return this.runEvents(runId);
  }

  /** A round trip: every frame the server queued for this connection before the pong is in. */
  async settled(): Promise<void> {
    const from = this.messages.length;
    this.send({ type: 'ping', payload: {} });
    await this.test.nextOf('pong', from);
  }

  /**
   * For each event of the run received, ms from its `ts` (when the run emitted it) to its arrival
   * here: a figure to print, telling live delivery (ms) from a late replay (seconds).
   */
  lagsMs(runId: string): number[] {
    return this.messages.flatMap((message, index) =>
      isRunEvent(message) && message.run_id === runId
        ? [(this.arrivals[index] ?? Number.NaN) - Date.parse(message.ts)]
        : [],
    );
  }

  /** Which of `ids` appear anywhere in the text of the frames received. */
  mentions(ids: Iterable<string>): string[] {
    return [...ids].filter((id) => this.frames.some((frame) => frame.includes(id)));
  }

  /** The message types received, e.g. to show that a watcher got nothing but its own answers. */
  types(): string[] {
    return this.messages.map((message) => message.type);
  }

  terminate(): void {
    if (this.test.socket.readyState === this.test.socket.OPEN) {
      this.test.socket.terminate();
    }
  }
}
