'use client';
import { useParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { ThreadSidebar } from './thread-sidebar';
import styles from './chat.module.css';

/** `/chat` and `/chat/[threadId]`: the sidebar stays mounted while the open thread changes. */
export function ChatLayout({ children }: { children: ReactNode }) {
  const params = useParams<{ threadId?: string }>();
  return (
    <div className={styles.layout}>
      <ThreadSidebar selectedId={params.threadId ?? null} />
      <div className={styles.main}>{children}</div>
    </div>
  );
}
