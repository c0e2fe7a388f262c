'use client';
/**
 * One thread in the sidebar: its link, and rename (inline: Enter saves, Escape cancels) and delete
 * (asks first). Each row's buttons name the thread, so a screen reader hears which one they act on.
 * @module
 */
import type { Thread } from '@netra/shared/contracts';
import Link from 'next/link';
import { useState, type KeyboardEvent } from 'react';
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

export function ThreadItem({ thread, selected, busy, onRename, onDelete }: ThreadItemProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const title = threadTitle(thread);
  const back = () => {
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
        title={title}
        busy={busy}
        onCancel={back}
        onConfirm={() => {
          void onDelete().catch(() => undefined);
        }}
      />
    );
  }
  return (
    <div className={styles.threadRow} data-selected={selected || undefined}>
      <Link
        href={`/chat/${thread.id}`}
        className={styles.threadLink}
        aria-current={selected ? 'page' : undefined}
      >
        {title}
      </Link>
      <div className={styles.threadActions}>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Rename “${title}”`}
          onClick={() => {
            setMode('rename');
          }}
        >
          Rename
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Delete “${title}”`}
          onClick={() => {
            setMode('delete');
          }}
        >
          Delete
        </Button>
      </div>
    </div>
  );
}
