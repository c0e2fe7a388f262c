import { randomUUID } from 'node:crypto';
import { AppError } from '@netra/shared';
import {
  clientMessageSchema,
  type ClientMessageOf,
  type RunEvent,
  type ServerMessage,
  WS_CLOSE,
} from '@netra/shared/contracts';
import type { WebSocket } from 'ws';
import type { RunsService } from '#modules/runs/runs.service.js';
import { presentMessage, presentThread } from '#modules/threads/threads.schema.js';
import type { ThreadsService } from '#modules/threads/threads.service.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { requireRole } from '#platform/http/roles.js';
import { RunFeed, type RunFeedDeps } from './run-feed.js';
import type { WsMetrics } from './ws.metrics.js';

/** Messages of a thread sent with `thread_data` (the newest page; older ones over REST). */
const THREAD_MESSAGES = 100;
/** A run's events start at seq 0: "after -1" is the whole run. */
const FROM_START = -1;

export interface SessionDeps extends RunFeedDeps {
  threads: ThreadsService;
  runs: RunsService;
  metrics: WsMetrics;
  /** Bytes a connection may have waiting to be sent; beyond it the client is dropped as too slow. */
  maxBufferedBytes: number;
}

type Outbound = ServerMessage | RunEvent;

/** What a session uses of its socket. */
export type SessionSocket = Pick<
  WebSocket,
  'send' | 'readyState' | 'OPEN' | 'bufferedAmount' | 'close' | 'terminate'
>;

/** How long a slow client's close frame may wait behind its full buffer before the socket is cut. */
const SLOW_CLOSE_GRACE_MS = 10_000;

/**
 * One authenticated connection: its inbound messages, and the runs it follows. A run's events reach
 * only the connections that started, switched to or subscribed to it, each through its own feed.
 */
export class WsSession {
  readonly connectionId = randomUUID();
  private readonly feeds = new Map<string, RunFeed>();
  private closed = false;
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SessionDeps,
    private readonly socket: SessionSocket,
    private readonly actor: OrgPrincipal,
  ) {}

  open(): void {
    this.send({
      type: 'connection_established',
      payload: { connection_id: this.connectionId, user_id: this.actor.userId },
      ts: new Date().toISOString(),
    });
  }

  close(): void {
    this.closed = true;
    for (const feed of this.feeds.values()) {
      feed.stop();
    }
    this.feeds.clear();
  }

  /**
   * Handles one inbound frame after the ones before it, so a client's `switch_thread` then
   * `subscribe_run` take effect in that order; a bad or failing message answers `error` and the
   * connection stays open.
   */
  receive(raw: string): Promise<void> {
    this.inbox = this.inbox.then(() => this.handle(raw));
    return this.inbox;
  }

  private async handle(raw: string): Promise<void> {
    try {
      const message = parse(raw, this.deps.metrics);
      await this.dispatch(message);
    } catch (error) {
      this.sendError(error);
    }
  }

  private async dispatch(message: ReturnType<typeof parse>): Promise<void> {
    switch (message.type) {
      case 'ping':
        this.send({ type: 'pong', payload: {}, ts: new Date().toISOString() });
        return;
      case 'start_agent':
        return this.startAgent(message.payload);
      case 'user_message':
        return this.startRun(message.payload.thread_id, message.payload.text);
      case 'stop_agent':
        return this.stopAgent(message);
      case 'subscribe_run':
        return this.subscribeRun(message);
      case 'switch_thread':
        return this.switchThread(message.payload.thread_id);
    }
  }

  private async startAgent(payload: ClientMessageOf<'start_agent'>['payload']): Promise<void> {
    requireRole(this.actor.role, 'member');
    const threadId = payload.thread_id ?? (await this.deps.threads.create(this.actor, undefined)).id;
    await this.startRun(threadId, payload.text);
  }

  private async startRun(threadId: string, text: string): Promise<void> {
    requireRole(this.actor.role, 'member');
    const run = await this.deps.runs.start(this.actor, threadId, text);
    this.follow(run.id, FROM_START);
  }

  private async stopAgent(message: ClientMessageOf<'stop_agent'>): Promise<void> {
    requireRole(this.actor.role, 'member');
    await this.deps.runs.cancel(this.actor.orgId, message.payload.run_id);
  }

  private async subscribeRun(message: ClientMessageOf<'subscribe_run'>): Promise<void> {
    const run = await this.deps.runs.get(this.actor.orgId, message.payload.run_id);
    if (run.createdBy !== this.actor.userId) {
      throw new AppError(403, 'forbidden', 'Only the person who started this run follows it live');
    }
    this.follow(run.id, message.payload.after_seq ?? FROM_START);
  }

  /** Sends the thread and its latest messages, and moves the live subscription to its active run if it is the caller's. */
  private async switchThread(threadId: string): Promise<void> {
    const { threads, runs } = this.deps;
    const thread = await threads.get(this.actor.orgId, threadId);
    const messages = await threads.listMessages(this.actor.orgId, threadId, { limit: THREAD_MESSAGES });
    const latest = await runs.listOfThread(this.actor.orgId, threadId, { limit: 1 });
    const active = latest.items.find((run) => run.endedAt === null);
    this.send({
      type: 'thread_data',
      payload: {
        thread: presentThread(thread),
        messages: messages.items.map(presentMessage),
        active_run_id: active?.id ?? null,
      },
      ts: new Date().toISOString(),
    });
    this.unfollowAll();
    if (active !== undefined && active.createdBy === this.actor.userId) {
      this.follow(active.id, FROM_START);
    }
  }

  /** Starts (or restarts from `afterSeq`) the feed of one run to this connection. */
  private follow(runId: string, afterSeq: number): void {
    this.feeds.get(runId)?.stop();
    const feed = new RunFeed(this.deps, this.actor.orgId, runId, afterSeq, (event, text) => {
      this.deps.metrics.delivered((Date.now() - Date.parse(event.ts)) / 1000);
      this.sendText(event.type, text);
    });
    this.feeds.set(runId, feed);
    void feed
      .run()
      .catch((error: unknown) => {
        this.sendError(error);
      })
      .finally(() => {
        if (this.feeds.get(runId) === feed) {
          this.feeds.delete(runId);
        }
      });
  }

  private unfollowAll(): void {
    for (const feed of this.feeds.values()) {
      feed.stop();
    }
    this.feeds.clear();
  }

  private send(message: Outbound): void {
    this.sendText(message.type, JSON.stringify(message));
  }

  private sendText(type: Outbound['type'], text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) {
      return;
    }
    this.socket.send(text);
    this.deps.metrics.sent(type);
    if (this.socket.bufferedAmount > this.deps.maxBufferedBytes) {
      this.dropSlowClient();
    }
  }

  /**
   * Ends a connection that reads slower than its runs produce, before its buffer grows further: its
   * feeds stop at once, the close frame queues behind what is buffered, and the socket is cut if the
   * client has not read up to it within the grace. The client reconnects and resumes with `after_seq`.
   */
  private dropSlowClient(): void {
    this.close();
    this.deps.metrics.droppedSlow();
    this.socket.close(
      WS_CLOSE.slowConsumer,
      `slow consumer: over ${this.deps.maxBufferedBytes} bytes unread`,
    );
    setTimeout(() => {
      this.socket.terminate();
    }, SLOW_CLOSE_GRACE_MS).unref();
  }

  private sendError(error: unknown): void {
    const known = error instanceof AppError;
    this.send({
      type: 'error',
      payload: {
        code: known ? error.code : 'internal_error',
        message: known ? error.message : 'The message could not be handled',
      },
      ts: new Date().toISOString(),
    });
  }
}

function parse(raw: string, metrics: WsMetrics) {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    metrics.received('invalid');
    throw new AppError(400, 'invalid_message', 'The message is not JSON');
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    metrics.received('invalid');
    throw new AppError(400, 'invalid_message', parsed.error.issues[0]?.message ?? 'Invalid message');
  }
  metrics.received(parsed.data.type);
  return parsed.data;
}
