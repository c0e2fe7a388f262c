import type { Thread } from '@netra/shared/contracts';

/** A thread's name in lists and headings; untitled until its first message names it. */
export function threadTitle(thread: Pick<Thread, 'title'>): string {
  const title = thread.title?.trim() ?? '';
  return title === '' ? 'Untitled chat' : title;
}
