'use client';
/**
 * The message box: a labelled `<textarea>` where Enter sends and Shift+Enter breaks the line, and a
 * Send button. Both are disabled while a message is being sent; the text stays when sending fails.
 * @module
 */
import { MAX_CHAT_TEXT } from '@netra/shared/contracts';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui';
import { composeKeyAction, messageToSend } from '../lib/compose-keys';
import styles from './chat.module.css';

interface MessageBoxProps {
  sending: boolean;
  error: string | null;
  onSend: (text: string) => Promise<boolean>;
}

/** The box's text and keys: Enter submits, a sent message clears the box, a failed one stays. */
function useComposer(sending: boolean, onSend: (text: string) => Promise<boolean>) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // Back to typing once the message is sent (the box was disabled meanwhile).
    if (!sending) {
      box.current?.focus({ preventScroll: true });
    }
  }, [sending]);
  const submit = async () => {
    const message = messageToSend(text);
    if (message !== null && !sending && (await onSend(message))) {
      setText('');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const { key, shiftKey, nativeEvent } = event;
    if (composeKeyAction({ key, shiftKey, isComposing: nativeEvent.isComposing }) === 'send') {
      event.preventDefault();
      void submit();
    }
  };
  const onSubmit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    void submit();
  };
  return { text, setText, box, onKeyDown, onSubmit };
}

export function MessageBox({ sending, error, onSend }: MessageBoxProps) {
  const { text, setText, box, onKeyDown, onSubmit } = useComposer(sending, onSend);
  return (
    <form className={styles.composer} onSubmit={onSubmit} aria-label="Send a message">
      <label htmlFor="chat-message" className={styles.composerLabel}>
        Message
      </label>
      <div className={styles.composerRow}>
        <textarea
          id="chat-message"
          ref={box}
          className={styles.composerInput}
          rows={3}
          maxLength={MAX_CHAT_TEXT}
          value={text}
          disabled={sending}
          placeholder="Ask about your AI spend…"
          aria-describedby={error === null ? 'chat-message-hint' : 'chat-message-hint chat-message-error'}
          aria-invalid={error === null ? undefined : true}
          onChange={(event) => {
            setText(event.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <Button type="submit" loading={sending} disabled={messageToSend(text) === null}>
          Send
        </Button>
      </div>
      <p id="chat-message-hint" className={styles.composerHint}>
        Enter sends, Shift+Enter adds a line.
      </p>
      {error === null ? null : (
        <p id="chat-message-error" className={styles.composerError} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
