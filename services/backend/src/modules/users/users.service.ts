import type { Principal } from '#platform/http/current-user.js';
import type { UserRow } from './users.tables.js';
import type { UsersRepository } from './users.repository.js';

const REFRESH_EVERY_MS = 5 * 60_000;

/** The backend's knowledge of the people its tokens name. */
export class UsersService {
  /** When each user's profile was last written by this process: a busy user costs a write every few minutes. */
  private readonly recorded = new Map<string, number>();

  constructor(private readonly users: UsersRepository) {}

  /** Records the visit: `new` the first time the backend sees this person, `recent` when recorded lately. */
  async recordVisit(principal: Principal): Promise<'new' | 'known' | 'recent'> {
    const last = this.recorded.get(principal.userId);
    if (last !== undefined && Date.now() - last < REFRESH_EVERY_MS) {
      return 'recent';
    }
    const { created } = await this.users.upsert({
      id: principal.userId,
      email: principal.email,
      name: principal.name,
    });
    this.recorded.set(principal.userId, Date.now());
    return created ? 'new' : 'known';
  }

  findByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.users.findByIds(ids);
  }
}
