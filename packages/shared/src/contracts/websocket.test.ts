import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION } from './report.js';
import {
  clientMessageSchema,
  runEventSchema,
  serverMessageSchema,
  type ServerMessageOf,
} from './websocket.js';

const TS = '2025-07-01T12:00:00.000Z';
const THREAD = '0197c0de-7a00-7000-8000-000000000001';
const RUN = 'run_0197c0de-7a00-7000-8000-000000000002';
const run = { run_id: RUN, thread_id: THREAD, agent: 'optimization', seq: 7 };

const EMPTY_REPORT = {
  schema_version: REPORT_SCHEMA_VERSION,
  generated_at: TS,
  period: { start: TS, end: TS, days: 1 / 24 },
  baseline: {
    requests: 0,
    total_cost_usd: 0,
    monthly_cost_usd: 0,
    unpriced_requests: 0,
    by_model: [],
    by_feature: [],
  },
  data_quality: { sufficiency: 'insufficient', completeness: 0, missing: [], notes: [] },
  opportunities: [],
  plan: {
    monthly_savings_usd: 0,
    savings_pct: 0,
    opportunity_ids: [],
    proven: { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] },
  },
};

describe('client → server messages (§4.3)', () => {
  it.each([
    { type: 'start_agent', payload: { text: 'Where can I save?' }, ts: TS },
    { type: 'start_agent', payload: { thread_id: THREAD, text: 'Again' } },
    { type: 'user_message', payload: { thread_id: THREAD, text: 'And batch?' } },
    { type: 'stop_agent', payload: { run_id: RUN } },
    { type: 'subscribe_run', payload: { run_id: RUN, after_seq: 12 } },
    { type: 'subscribe_run', payload: { run_id: RUN } },
    { type: 'switch_thread', payload: { thread_id: THREAD } },
    { type: 'ping', payload: {} },
  ])('accepts $type', (message) => {
    expect(clientMessageSchema.parse(message)).toMatchObject(message);
  });

  it('gives ping an empty payload when none is sent', () => {
    expect(clientMessageSchema.parse({ type: 'ping' })).toEqual({ type: 'ping', payload: {} });
  });

  it.each([
    ['an unknown type', { type: 'drop_tables', payload: {} }],
    ['a server-only type', { type: 'pong', payload: {} }],
    ['blank text', { type: 'start_agent', payload: { text: '   ' } }],
    ['text over the limit', { type: 'start_agent', payload: { text: 'x'.repeat(32_001) } }],
    ['a user message without its thread', { type: 'user_message', payload: { text: 'hi' } }],
    ['a negative after_seq', { type: 'subscribe_run', payload: { run_id: RUN, after_seq: -1 } }],
    ['a fractional after_seq', { type: 'subscribe_run', payload: { run_id: RUN, after_seq: 1.5 } }],
    ['a timestamp that is not ISO-8601', { type: 'ping', payload: {}, ts: 'yesterday' }],
    ['no type', { payload: {} }],
  ])('refuses %s', (_case, message) => {
    expect(clientMessageSchema.safeParse(message).success).toBe(false);
  });
});

describe('server → client messages (§4.3)', () => {
  it.each([
    { type: 'connection_established', payload: { connection_id: 'c1', user_id: 'u1' }, ts: TS },
    { type: 'agent_started', payload: {}, ts: TS, ...run },
    { type: 'agent_thinking', payload: { text: 'Reading the profile' }, ts: TS, ...run },
    {
      type: 'tool_executing',
      payload: { tool: 'profile', call_id: 'call-1', input: { days: 14 } },
      ts: TS,
      ...run,
    },
    {
      type: 'tool_completed',
      payload: { tool: 'profile', call_id: 'call-1', ok: true, duration_ms: 812 },
      ts: TS,
      ...run,
    },
    { type: 'agent_completed', payload: { summary: 'Nine candidates' }, ts: TS, ...run },
    {
      type: 'agent_error',
      payload: { code: 'llm_timeout', message: 'no answer', retryable: true },
      ts: TS,
      ...run,
    },
    { type: 'progress_update', payload: { stage: 'quantify', progress: 0.5 }, ts: TS, ...run },
    { type: 'final_report', payload: { report_id: 'rep-1', report: EMPTY_REPORT }, ts: TS, ...run },
    { type: 'run_completed', payload: { report_id: 'rep-1' }, ts: TS, ...run },
    {
      type: 'run_failed',
      payload: { code: 'internal_error', message: 'Internal server error' },
      ts: TS,
      ...run,
    },
    {
      type: 'thread_data',
      payload: {
        thread: { id: THREAD, title: null, created_by: 'u1', created_at: TS, updated_at: TS },
        messages: [
          {
            id: '0197c0de-7a00-7000-8000-000000000003',
            thread_id: THREAD,
            role: 'user',
            content: 'hi',
            user_id: 'u1',
            created_at: TS,
          },
        ],
        active_run_id: null,
      },
      ts: TS,
    },
    { type: 'pong', payload: {}, ts: TS },
    { type: 'error', payload: { code: 'bad_message', message: 'Unknown type' }, ts: TS },
  ])('accepts $type', (message) => {
    expect(serverMessageSchema.parse(message)).toMatchObject(message);
  });

  it('narrows on type', () => {
    const message = serverMessageSchema.parse({
      type: 'final_report',
      payload: { report_id: 'rep-1', report: EMPTY_REPORT },
      ts: TS,
      ...run,
    });
    const report: ServerMessageOf<'final_report'> | undefined =
      message.type === 'final_report' ? message : undefined;
    expect(report?.payload.report.data_quality.sufficiency).toBe('insufficient');
  });

  it.each([
    ['a run event without its run fields', { type: 'agent_thinking', payload: { text: 'x' }, ts: TS }],
    [
      'a run event with a negative seq',
      { type: 'agent_thinking', payload: { text: 'x' }, ts: TS, ...run, seq: -1 },
    ],
    ['a message without ts', { type: 'pong', payload: {} }],
    ['an error without a code', { type: 'error', payload: { message: 'x' }, ts: TS }],
    [
      'a final report that is not a §4.2 report',
      { type: 'final_report', payload: { report_id: 'r', report: {} }, ts: TS, ...run },
    ],
    ['progress above 1', { type: 'progress_update', payload: { stage: 's', progress: 2 }, ts: TS, ...run }],
    ['a client-only type', { type: 'start_agent', payload: { text: 'x' }, ts: TS }],
  ])('refuses %s', (_case, message) => {
    expect(serverMessageSchema.safeParse(message).success).toBe(false);
  });

  it('lists exactly the run events that carry run fields', () => {
    expect(runEventSchema.options.map((option) => option.shape.type.value)).toEqual([
      'agent_started',
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'agent_completed',
      'agent_error',
      'progress_update',
      'final_report',
      'run_completed',
      'run_failed',
    ]);
  });
});
