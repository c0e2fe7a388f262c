import type { Message, Run } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { activeRun, conversationItems } from './conversation';

const THREAD = '00000000-0000-4000-8000-000000000002';

function message(id: string, role: Message['role'], at: string): Message {
  return { id, thread_id: THREAD, role, content: id, user_id: role === 'user' ? 'u1' : null, created_at: at };
}

function run(id: string, status: Run['status'], at: string): Run {
  return {
    id,
    org_id: '00000000-0000-4000-8000-000000000001',
    thread_id: THREAD,
    status,
    workflow: null,
    agents: [],
    current_agent: null,
    created_by: 'u1',
    created_at: at,
    started_at: null,
    ended_at: null,
    report_id: null,
    error: null,
    last_seq: -1,
  };
}

const at = (second: number) => `2026-12-04T12:00:${String(second).padStart(2, '0')}.000Z`;

describe('conversationItems', () => {
  it('puts each run after the message it answers and hides a completed run’s answer', () => {
    const items = conversationItems(
      [message('q1', 'user', at(1)), message('a1', 'assistant', at(5)), message('q2', 'user', at(6))],
      [run('r2', 'failed', at(6)), run('r1', 'completed', at(1))],
    );
    expect(items.map((item) => item.key)).toEqual(['m-q1', 'r-r1', 'm-q2', 'r-r2']);
  });

  it('keeps an assistant message that follows a run without a report', () => {
    const items = conversationItems(
      [message('q1', 'user', at(1)), message('a1', 'assistant', at(3))],
      [run('r1', 'failed', at(2))],
    );
    expect(items.map((item) => item.key)).toEqual(['m-q1', 'r-r1', 'm-a1']);
  });

  it('shows messages without runs in time order', () => {
    const items = conversationItems([message('b', 'user', at(2)), message('a', 'user', at(1))], []);
    expect(items.map((item) => item.key)).toEqual(['m-a', 'm-b']);
  });
});

describe('activeRun', () => {
  it('finds the run still in progress', () => {
    expect(activeRun([run('r2', 'running', at(2)), run('r1', 'completed', at(1))])?.id).toBe('r2');
    expect(activeRun([run('r1', 'cancelled', at(1))])).toBeUndefined();
  });
});
