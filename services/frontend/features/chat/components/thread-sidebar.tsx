'use client';
/**
 * The thread sidebar: "New chat", a search over titles and messages (the API's `q`, typed input
 * waits 300 ms), and the threads, the open one marked as the current page.
 * @module
 */
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { useOrgId, useThreadActions, useThreads } from '../hooks/use-threads';
import { ThreadItem } from './thread-item';
import styles from './chat.module.css';

function useDebounced(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}

function ThreadList(props: { search: string; selectedId: string | null }) {
  const router = useRouter();
  const threads = useThreads(props.search);
  const { rename, remove } = useThreadActions();
  if (threads.isPending) {
    return <Spinner label="Loading chats" />;
  }
  if (threads.error !== null) {
    return (
      <Alert tone="bad" title="Chats could not be loaded">
        {threads.error.message}
      </Alert>
    );
  }
  if (threads.data.length === 0) {
    return (
      <p className={styles.sidebarEmpty}>
        {props.search === ''
          ? 'No chats yet. Start one with “New chat”.'
          : `No chat matches “${props.search}”.`}
      </p>
    );
  }
  const actionError = rename.error ?? remove.error;
  return (
    <>
      {actionError === null ? null : (
        <Alert tone="bad" title="That did not work">
          {actionError.message}
        </Alert>
      )}
      <ul className={styles.threadList} aria-busy={threads.isFetching || undefined}>
        {threads.data.map((thread) => (
          <li key={thread.id}>
            <ThreadItem
              thread={thread}
              selected={thread.id === props.selectedId}
              busy={rename.isPending || remove.isPending}
              onRename={(title) => rename.mutateAsync({ id: thread.id, title })}
              onDelete={async () => {
                // Leave the chat before it is gone: its open view would otherwise ask for it once more.
                if (thread.id === props.selectedId) {
                  router.push('/chat');
                }
                await remove.mutateAsync(thread.id);
              }}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

export function ThreadSidebar({ selectedId }: { selectedId: string | null }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), 300);
  const { create } = useThreadActions();
  const orgId = useOrgId();
  const newChat = async () => {
    const thread = await create.mutateAsync(undefined);
    router.push(`/chat/${thread.id}`);
  };
  return (
    <aside className={styles.sidebar} aria-labelledby="chat-sidebar-heading">
      <div className={styles.sidebarHead}>
        <h2 id="chat-sidebar-heading" className={styles.sidebarTitle}>
          Chats
        </h2>
        <Button
          size="sm"
          loading={create.isPending}
          disabled={orgId === null}
          onClick={() => void newChat().catch(() => undefined)}
        >
          New chat
        </Button>
      </div>
      {create.error === null ? null : (
        <Alert tone="bad" title="The chat was not created">
          {create.error.message}
        </Alert>
      )}
      <div className={styles.search}>
        <label className={styles.searchLabel} htmlFor="chat-search">
          Search chats
        </label>
        <input
          id="chat-search"
          type="search"
          className={styles.searchInput}
          value={query}
          maxLength={200}
          placeholder="Titles and messages"
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
      </div>
      <ThreadList search={search} selectedId={selectedId} />
    </aside>
  );
}
