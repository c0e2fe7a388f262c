import type { Principal } from '#platform/http/current-user.js';
import type { UserRow } from './users.tables.js';
import type { UsersRepository } from './users.repository.js';

const REFRESH_EVERY_MS = 5 * 60_000;

function isRecent(last: Recorded, principal: Principal): boolean {
  return (
    Date.now() - last.at < REFRESH_EVERY_MS && last.email === principal.email && last.name === principal.name
  );
}

interface Recorded {
  at: number;
  email: string;
  name: string | null;
}

/** The backend's knowledge of the people its tokens name. */
export class UsersService {
  /**
   * What this process last wrote of each user, and when: a busy user costs a write every few
   * minutes, and at once when their token names them differently (a rename shows in member lists
   * on the next request, not minutes later).
   */
  private readonly recorded = new Map<string, Recorded>();

  constructor(private readonly users: UsersRepository) {}

  /** Records the visit: `new` the first time the backend sees this person, `recent` when recorded lately. */
  async recordVisit(principal: Principal): Promise<'new' | 'known' | 'recent'> {
    const last = this.recorded.get(principal.userId);
    if (last !== undefined && isRecent(last, principal)) {
      return 'recent';
    }
    const { created } = await this.users.upsert({
      id: principal.userId,
      email: principal.email,
      name: principal.name,
    });
    this.recorded.set(principal.userId, { at: Date.now(), email: principal.email, name: principal.name });
    return created ? 'new' : 'known';
  }

  findByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.users.findByIds(ids);
  }
}
