'use client';
/**
 * Copies a text to the clipboard and says so ("Copied", announced politely). Where the Clipboard
 * API is missing (a page served over plain http on another host), a hidden textarea and
 * `execCommand('copy')` do it.
 * @module
 */
import { useEffect, useState } from 'react';
import { Button } from './button';
import styles from './ui.module.css';

async function copyText(text: string): Promise<boolean> {
  if ('clipboard' in navigator) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: try the older way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only fallback without the Clipboard API
  const copied = document.execCommand('copy');
  area.remove();
  return copied;
}

type CopyState = 'idle' | 'copied' | 'failed';

const STATUS_TEXT: Readonly<Record<CopyState, string>> = {
  idle: '',
  copied: 'Copied',
  failed: 'Could not copy: select the text and copy it',
};

/** `label` names what is copied ("Copy key"); it starts with the visible word "Copy". */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') {
      return undefined;
    }
    const timer = setTimeout(() => {
      setState('idle');
    }, 2_000);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-label={label}
        data-print="hide"
        onClick={() => {
          void copyText(text).then((copied) => {
            setState(copied ? 'copied' : 'failed');
          });
        }}
      >
        Copy
      </Button>
      <span role="status" className={styles.copyStatus}>
        {STATUS_TEXT[state]}
      </span>
    </>
  );
}
