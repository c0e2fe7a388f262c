/**
 * Open connections per user on this instance, so one person (or a leaked token) cannot hold an
 * unbounded number of sockets and run feeds.
 */
export class ConnectionLimits {
  private readonly open = new Map<string, number>();

  constructor(private readonly perUser: number) {}

  /** Takes a slot for the user: the function that frees it (once), or undefined when they are at the limit. */
  acquire(userId: string): (() => void) | undefined {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.perUser) {
      return undefined;
    }
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left <= 0) {
        this.open.delete(userId);
      } else {
        this.open.set(userId, left);
      }
    };
  }

  openOf(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
