'use client';

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import styles from './ui.module.css';

export interface TabItem {
  id: string;
  label: ReactNode;
  content: ReactNode;
}

export interface TabsProps {
  /** Names the tab list for screen readers. */
  label: string;
  items: readonly TabItem[];
  value: string;
  onChange: (id: string) => void;
}

const MOVES: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/** Arrow keys, Home and End move the selection and the focus along the tab list. */
function useTabKeys(
  items: readonly TabItem[],
  currentId: string | undefined,
  onChange: (id: string) => void,
) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    const index = items.findIndex((item) => item.id === currentId);
    const next = move === undefined ? undefined : items[move(index, items.length)];
    if (next !== undefined) {
      event.preventDefault();
      onChange(next.id);
      list.current?.querySelector<HTMLElement>(`[data-tab="${next.id}"]`)?.focus();
    }
  };
  return { list, onKeyDown };
}

/**
 * Tabs after the WAI-ARIA pattern: one tab stop, arrow keys / Home / End move and select, the
 * panel is labelled by its tab. Controlled, so a screen can keep the tab in the URL.
 */
export function Tabs({ label, items, value, onChange }: TabsProps) {
  const baseId = useId();
  const current = items.find((item) => item.id === value) ?? items[0];
  const { list, onKeyDown } = useTabKeys(items, current?.id, onChange);
  return (
    <div>
      <div ref={list} role="tablist" aria-label={label} className={styles.tabList} onKeyDown={onKeyDown}>
        {items.map((item) => (
          <TabButton
            key={item.id}
            baseId={baseId}
            item={item}
            selected={item.id === current?.id}
            onSelect={onChange}
          />
        ))}
      </div>
      {current === undefined ? null : (
        <div
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-${current.id}`}
          tabIndex={0}
          className={styles.tabPanel}
        >
          {current.content}
        </div>
      )}
    </div>
  );
}

function TabButton(props: {
  baseId: string;
  item: TabItem;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const { baseId, item, selected } = props;
  return (
    <button
      type="button"
      role="tab"
      id={`${baseId}-${item.id}`}
      data-tab={item.id}
      aria-selected={selected}
      aria-controls={`${baseId}-panel`}
      tabIndex={selected ? 0 : -1}
      className={styles.tab}
      onClick={() => {
        props.onSelect(item.id);
      }}
    >
      {item.label}
    </button>
  );
}
