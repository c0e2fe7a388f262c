'use client';

import { useState } from 'react';
import { Button } from '@/components/ui';

/** Copies a text to the clipboard and says so (announced through the button's changed name). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
        });
      }}
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}
