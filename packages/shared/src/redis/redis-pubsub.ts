import type { Redis } from 'ioredis';
import { deliver } from './deliver.js';
import type { MessageListener } from './hot-store.js';

interface Channel {
  listeners: Set<MessageListener>;
  /** Settles once Redis confirmed the subscription: later subscribers of the channel wait for it too. */
  subscribed: Promise<unknown>;
}

/**
 * The subscribing side of the Redis bus: one connection in subscriber mode (opened on first use),
 * one Redis subscription per channel shared by every local listener of it.
 */
export class RedisSubscriptions {
  private connection: Redis | undefined;
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
  ) {}

  private subscriber(): Redis {
    if (this.connection !== undefined) {
      return this.connection;
    }
    const connection = this.client.duplicate({ keyPrefix: '' });
    connection.on('error', () => undefined);
    connection.on('message', (prefixed: string, message: string) => {
      const channel = prefixed.slice(this.keyPrefix.length);
      deliver(this.channels.get(channel)?.listeners ?? [], channel, message);
    });
    this.connection = connection;
    return connection;
  }

  async subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>> {
    const subscriber = this.subscriber();
    let entry = this.channels.get(channel);
    if (entry === undefined) {
      entry = { listeners: new Set(), subscribed: subscriber.subscribe(this.keyPrefix + channel) };
      this.channels.set(channel, entry);
    }
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const subscription: MessageListener = (message) => {
      listener(message);
    };
    entry.listeners.add(subscription);
    const unsubscribe = () => this.unsubscribe(channel, entry, subscription);
    try {
      await entry.subscribed;
    } catch (error) {
      await unsubscribe().catch(() => undefined);
      throw error;
    }
    return unsubscribe;
  }

  private async unsubscribe(channel: string, entry: Channel, subscription: MessageListener): Promise<void> {
    entry.listeners.delete(subscription);
    if (entry.listeners.size > 0 || this.channels.get(channel) !== entry) {
      return;
    }
    // Dropped before UNSUBSCRIBE is sent, so a new subscriber's SUBSCRIBE follows it on the connection.
    this.channels.delete(channel);
    await this.connection?.unsubscribe(this.keyPrefix + channel);
  }

  async close(): Promise<void> {
    this.channels.clear();
    await this.connection?.quit();
  }
}
