'use client';
/**
 * One chat: its history (messages and the runs that answered them), example prompts while it is
 * empty, and the message box. On `/chat` (no thread yet) the first message creates the thread.
 * @module
 */
import type { Message } from '@netra/shared/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { Alert, Spinner } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { useStartRun, useThreadMessages, useThreadRuns } from '../hooks/use-thread-history';
import { useOrgId, useThread, useThreadActions } from '../hooks/use-threads';
import { conversationItems } from '../lib/conversation';
import { threadTitle } from '../lib/thread-title';
import { ExamplePrompts } from './example-prompts';
import { MessageBox } from './message-box';
import { RunCard } from './run-card';
import styles from './chat.module.css';

function MessageBubble({ message }: { message: Message }) {
  return (
    <div className={styles.message} data-role={message.role}>
      <p className="visually-hidden">{message.role === 'user' ? 'You said' : 'Netra answered'}</p>
      <p className={styles.messageText}>{message.content}</p>
    </div>
  );
}

/** Sends a message: on `/chat` creates the thread first, then starts the run and opens the thread. */
function useSend(threadId: string | null) {
  const router = useRouter();
  const { create } = useThreadActions();
  const start = useStartRun();
  const send = async (text: string): Promise<boolean> => {
    try {
      const id = threadId ?? (await create.mutateAsync(undefined)).id;
      await start.mutateAsync({ threadId: id, text });
      if (threadId === null) {
        router.push(`/chat/${id}`);
      }
      return true;
    } catch {
      return false;
    }
  };
  const error = start.error ?? create.error;
  // Until the organization is known there is nowhere to send to.
  const ready = useOrgId() !== null;
  return { send, sending: !ready || start.isPending || create.isPending, error: error?.message ?? null };
}

function Conversation({ threadId }: { threadId: string }) {
  const messages = useThreadMessages(threadId);
  const runs = useThreadRuns(threadId);
  const items = useMemo(
    () => conversationItems(messages.data ?? [], runs.data ?? []),
    [messages.data, runs.data],
  );
  if (messages.isPending || runs.isPending) {
    return <Spinner label="Loading the conversation" />;
  }
  const error = messages.error ?? runs.error;
  if (error !== null) {
    return (
      <Alert tone="bad" title="The conversation could not be loaded">
        {error.message}
      </Alert>
    );
  }
  return (
    <ol className={styles.conversation} aria-label="Conversation">
      {items.map((item) => (
        <li key={item.key}>
          {item.kind === 'message' ? <MessageBubble message={item.message} /> : <RunCard run={item.run} />}
        </li>
      ))}
    </ol>
  );
}

function useIsEmpty(threadId: string | null): boolean {
  const messages = useThreadMessages(threadId);
  const runs = useThreadRuns(threadId);
  return threadId === null || (messages.data?.length === 0 && runs.data?.length === 0);
}

export function ChatThread({ threadId }: { threadId: string | null }) {
  const thread = useThread(threadId);
  const { send, sending, error } = useSend(threadId);
  const empty = useIsEmpty(threadId);
  if (thread.error !== null) {
    const missing = isApiError(thread.error) && thread.error.status === 404;
    return (
      <Alert tone="bad" title={missing ? 'This chat does not exist' : 'The chat could not be loaded'}>
        {missing ? 'It may have been deleted. ' : `${thread.error.message} `}
        <Link href="/chat">Start a new chat</Link>
      </Alert>
    );
  }
  const title =
    threadId === null ? 'New chat' : thread.data === undefined ? 'Chat' : threadTitle(thread.data);
  return (
    <div className={styles.thread}>
      <h1 className={styles.threadTitle}>{title}</h1>
      {threadId === null ? null : <Conversation threadId={threadId} />}
      {empty ? <ExamplePrompts disabled={sending} onPick={(prompt) => void send(prompt)} /> : null}
      <MessageBox sending={sending} error={error} onSend={send} />
    </div>
  );
}
