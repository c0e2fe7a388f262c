import type { MessageListener } from './hot-store.js';

/**
 * Hands a message to each listener. One that throws is reported as a process warning rather than
 * rethrown, so it neither keeps the message from the others nor fails the publisher (in process) or
 * the subscriber connection (on Redis).
 */
export function deliver(listeners: Iterable<MessageListener>, channel: string, message: string): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      process.emitWarning(`a listener of channel "${channel}" threw: ${reason}`, 'HotStoreListenerWarning');
    }
  }
}
