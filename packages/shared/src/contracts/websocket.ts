/**
 * The WebSocket messages of ARCHITECTURE §4.3 (`/ws` on the backend). Every message is an envelope
 * `{type, payload, ts}`; events of an agent run also carry `run_id`, `thread_id`, `agent` and `seq`
 * (monotonic per run, so a client that reconnects resumes with `subscribe_run {after_seq}`). Each
 * direction is one union discriminated on `type`.
 * @module
 */
import { z } from 'zod';
import { analysisReportSchema } from './report.js';
import { REPORT_TIERS, reportSummarySchema } from './run-report.js';
import { messageSchema, threadSchema } from './threads.js';

/**
 * Close codes of `/ws` and what a client does on each: authenticate again (1008), fix its offer
 * (1003), or reconnect and resume with `subscribe_run {after_seq}` (1011, 1012, 1013).
 */
export const WS_CLOSE = {
  /** No `jwt-auth` among the offered subprotocols. */
  unsupportedProtocol: 1003,
  /** Missing, invalid, expired or revoked token, unknown organization, or too many connections. */
  authFailed: 1008,
  /** The server could not set the connection up (a store is down). */
  notReady: 1011,
  /** The server is shutting down; another instance (or this one, restarted) takes the reconnect. */
  restarting: 1012,
  /** The client read too slowly: its send buffer passed the server's bound. */
  slowConsumer: 1013,
} as const;

/** Ids of threads and runs as the REST surface hands them out. */
const id = z.string().min(1).max(128);
/** When the message was sent: ISO-8601 with an offset (`Date#toISOString` gives `Z`). */
const timestamp = z.iso.datetime({ offset: true });
/** The longest chat text a client may send in one message. */
export const MAX_CHAT_TEXT = 32_000;
const chatText = z.string().trim().min(1).max(MAX_CHAT_TEXT);
const noPayload = z.object({}).default({});
const errorPayload = z.object({ code: z.string().min(1), message: z.string() });

function clientMessage<T extends string, P extends z.ZodType>(type: T, payload: P) {
  // A client's clock is not trusted and not needed: its `ts` is optional.
  return z.object({ type: z.literal(type), payload, ts: timestamp.optional() });
}

function serverMessage<T extends string, P extends z.ZodType>(type: T, payload: P) {
  return z.object({ type: z.literal(type), payload, ts: timestamp });
}

/** Which run an event belongs to, which agent emitted it, and its place in the run's event order. */
export const runEventFieldsSchema = z.object({
  run_id: id,
  thread_id: id,
  agent: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
});
export type RunEventFields = z.infer<typeof runEventFieldsSchema>;

function runEvent<T extends string, P extends z.ZodType>(type: T, payload: P) {
  return serverMessage(type, payload).extend(runEventFieldsSchema.shape);
}

export const clientMessageSchema = z.discriminatedUnion('type', [
  clientMessage('start_agent', z.object({ thread_id: id.optional(), text: chatText })),
  clientMessage('user_message', z.object({ thread_id: id, text: chatText })),
  clientMessage('stop_agent', z.object({ run_id: id })),
  clientMessage(
    'subscribe_run',
    z.object({ run_id: id, after_seq: z.number().int().nonnegative().optional() }),
  ),
  clientMessage('switch_thread', z.object({ thread_id: id })),
  clientMessage('ping', noPayload),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

/** Events of an agent run, in the order a run usually emits them. */
export const runEventSchema = z.discriminatedUnion('type', [
  runEvent('agent_started', z.object({ message: z.string().optional() })),
  runEvent('agent_thinking', z.object({ text: z.string() })),
  runEvent(
    'tool_executing',
    z.object({ tool: z.string().min(1), call_id: id, input: z.unknown().optional() }),
  ),
  runEvent(
    'tool_completed',
    z.object({
      tool: z.string().min(1),
      call_id: id,
      ok: z.boolean(),
      output: z.unknown().optional(),
      duration_ms: z.number().nonnegative().optional(),
    }),
  ),
  runEvent(
    'agent_completed',
    z.object({ summary: z.string().optional(), duration_ms: z.number().nonnegative().optional() }),
  ),
  runEvent('agent_error', errorPayload.extend({ retryable: z.boolean() })),
  runEvent(
    'progress_update',
    z.object({
      stage: z.string().min(1),
      message: z.string().optional(),
      /** 0–1 when the stage knows how far it is. */
      progress: z.number().min(0).max(1).optional(),
    }),
  ),
  runEvent(
    'final_report',
    z.object({
      report_id: id,
      /** The engine's §4.2 report; the whole run report is `GET …/reports/{report_id}`. */
      report: analysisReportSchema,
      tier: z.enum(REPORT_TIERS).optional(),
      summary: reportSummarySchema.optional(),
    }),
  ),
  runEvent('run_completed', z.object({ report_id: id.optional() })),
  runEvent('run_failed', errorPayload),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];

export const serverMessageSchema = z.discriminatedUnion('type', [
  serverMessage('connection_established', z.object({ connection_id: id, user_id: z.string().min(1) })),
  ...runEventSchema.options,
  serverMessage(
    'thread_data',
    z.object({
      thread: threadSchema,
      messages: z.array(messageSchema),
      /** The run in progress on the thread, if any, to subscribe to. */
      active_run_id: id.nullable(),
    }),
  ),
  serverMessage('pong', noPayload),
  serverMessage('error', errorPayload),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageType = ServerMessage['type'];

/** The server message of one type, e.g. `ServerMessageOf<'final_report'>`. */
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;
/** The client message of one type, e.g. `ClientMessageOf<'start_agent'>`. */
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
