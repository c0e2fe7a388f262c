'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui';

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays before the button reads "Copy" again. */
const RESET_MS = 2_000;

const LABELS: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };

/**
 * Copies `text` to the clipboard. The button's text turns to "Copied" (announced politely by a status line), or
 * "Copy failed" when the browser refuses (no permission, insecure context).
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    timer.current = setTimeout(() => {
      setState('idle');
    }, RESET_MS);
  };
  return (
    <>
      <Button variant="secondary" size="sm" data-state={state} data-print="hide" onClick={() => void copy()}>
        {LABELS[state]}
        <span className="visually-hidden"> {what}</span>
      </Button>
      <span role="status" className="visually-hidden">
        {state === 'idle' ? '' : `${LABELS[state]}: ${what}`}
      </span>
    </>
  );
}
