'use client';
/**
 * One thread in the sidebar: its link, and rename (inline: Enter saves, Escape cancels) and delete
 * (asks first). Each row's buttons name the thread, so a screen reader hears which one they act on.
 * @module
 */
import type { Thread } from '@netra/shared/contracts';
import Link from 'next/link';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui';
import { threadTitle } from '../lib/thread-title';
import styles from './chat.module.css';

interface ThreadItemProps {
  thread: Thread;
  selected: boolean;
  busy: boolean;
  onRename: (title: string) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}

function RenameForm(props: {
  initial: string;
  busy: boolean;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(props.initial);
  const save = () => {
    const trimmed = title.trim();
    if (trimmed === '' || trimmed === props.initial) {
      props.onCancel();
    } else {
      props.onSave(trimmed);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
    }
  };
  return (
    <div className={styles.threadEdit}>
      <label className="visually-hidden" htmlFor="chat-rename">
        Chat title
      </label>
      <input
        id="chat-rename"
        className={styles.renameInput}
        value={title}
        maxLength={200}
        disabled={props.busy}
        // The field appears because the user asked to rename: focusing it is expected.
        autoFocus
        onChange={(event) => {
          setTitle(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <Button size="sm" onClick={save} loading={props.busy}>
        Save
      </Button>
      <Button size="sm" variant="ghost" onClick={props.onCancel}>
        Cancel
      </Button>
    </div>
  );
}

function DeleteConfirm(props: { title: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className={styles.threadEdit} role="group" aria-label={`Delete “${props.title}”?`}>
      <span className={styles.confirmText}>Delete this chat?</span>
      <Button size="sm" variant="danger" onClick={props.onConfirm} loading={props.busy}>
        Delete
      </Button>
      <Button size="sm" variant="ghost" onClick={props.onCancel}>
        Cancel
      </Button>
    </div>
  );
}

type Mode = 'view' | 'rename' | 'delete';

/** The thread's link and its actions; after a rename or delete is cancelled the focus returns here. */
function ThreadRow(props: {
  thread: Thread;
  selected: boolean;
  returnTo: Mode;
  onMode: (mode: Mode) => void;
}) {
  const title = threadTitle(props.thread);
  const actions = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.returnTo !== 'view') {
      actions.current?.querySelector<HTMLButtonElement>(`[data-action="${props.returnTo}"]`)?.focus();
    }
  }, [props.returnTo]);
  return (
    <div className={styles.threadRow} data-selected={props.selected || undefined}>
      <Link
        href={`/chat/${props.thread.id}`}
        className={styles.threadLink}
        aria-current={props.selected ? 'page' : undefined}
      >
        {title}
      </Link>
      <div className={styles.threadActions} ref={actions}>
        {(['rename', 'delete'] as const).map((mode) => (
          <Button
            key={mode}
            size="sm"
            variant="ghost"
            data-action={mode}
            aria-label={`${mode === 'rename' ? 'Rename' : 'Delete'} “${title}”`}
            onClick={() => {
              props.onMode(mode);
            }}
          >
            {mode === 'rename' ? 'Rename' : 'Delete'}
          </Button>
        ))}
      </div>
    </div>
  );
}

export function ThreadItem({ thread, selected, busy, onRename, onDelete }: ThreadItemProps) {
  const [mode, setMode] = useState<Mode>('view');
  const [returnTo, setReturnTo] = useState<Mode>('view');
  const back = () => {
    setReturnTo(mode);
    setMode('view');
  };
  if (mode === 'rename') {
    return (
      <RenameForm
        initial={thread.title ?? ''}
        busy={busy}
        onCancel={back}
        onSave={(next) => {
          void onRename(next).then(back, () => undefined);
        }}
      />
    );
  }
  if (mode === 'delete') {
    return (
      <DeleteConfirm
        title={threadTitle(thread)}
        busy={busy}
        onCancel={back}
        onConfirm={() => {
          void onDelete().catch(() => undefined);
        }}
      />
    );
  }
  return <ThreadRow thread={thread} selected={selected} returnTo={returnTo} onMode={setMode} />;
}
