/**
 * A thread's history as the conversation shows it: the user's messages and the runs that answered
 * them, oldest first. A completed run's answer is its report (shown by the run card), so the
 * assistant message the run added to the thread (the report's Markdown) is not shown a second time.
 * @module
 */
import type { Message, Run } from '@netra/shared/contracts';

export type ConversationItem =
  { kind: 'message'; key: string; message: Message } | { kind: 'run'; key: string; run: Run };

function timeOf(item: ConversationItem): number {
  return Date.parse(item.kind === 'message' ? item.message.created_at : item.run.created_at);
}

/** Messages before runs at the same instant: a run starts after the message it answers. */
function byTime(left: ConversationItem, right: ConversationItem): number {
  const order = timeOf(left) - timeOf(right);
  if (order !== 0) {
    return order;
  }
  return left.kind === right.kind ? 0 : left.kind === 'message' ? -1 : 1;
}

/** Whether an assistant message repeats the report of the run item before it. */
function answersCompletedRun(item: ConversationItem, previous: ConversationItem | undefined): boolean {
  return (
    item.kind === 'message' &&
    item.message.role === 'assistant' &&
    previous?.kind === 'run' &&
    previous.run.status === 'completed'
  );
}

export function conversationItems(messages: readonly Message[], runs: readonly Run[]): ConversationItem[] {
  const items: ConversationItem[] = [
    ...messages.map((message) => ({ kind: 'message' as const, key: `m-${message.id}`, message })),
    ...runs.map((run) => ({ kind: 'run' as const, key: `r-${run.id}`, run })),
  ].sort(byTime);
  const shown: ConversationItem[] = [];
  let previous: ConversationItem | undefined;
  for (const item of items) {
    if (!answersCompletedRun(item, previous)) {
      shown.push(item);
    }
    // An answer that is skipped keeps pointing at its run, so a second copy is skipped too.
    previous = answersCompletedRun(item, previous) ? previous : item;
  }
  return shown;
}

/** The run still in progress on the thread (the newest not ended), if any. */
export function activeRun(runs: readonly Run[]): Run | undefined {
  return runs.find((run) => run.status === 'queued' || run.status === 'running');
}
