import type { ClientInfo } from '#platform/http/client.js';
import type { AuditRepository } from './audit.repository.js';
import type { AuditRow } from './audit.tables.js';

/** What an audit entry says besides its event and the client: whose account, which provider, why. */
export interface AuditFields {
  userId?: string | undefined;
  email?: string | undefined;
  provider?: string | undefined;
  details?: Record<string, unknown>;
}

/** The audit log: every sign-in, refusal, link and session event, with the client's IP and user agent. */
export class AuditService {
  constructor(private readonly log: AuditRepository) {}

  /** Appends one event on behalf of `client`. */
  record(client: ClientInfo, event: string, fields: AuditFields = {}): Promise<void> {
    return this.log.append({ event, ip: client.ip, userAgent: client.userAgent, ...fields });
  }

  /** Appends a provider login step; every such entry carries `method: oauth` and the provider. */
  recordProviderEvent(
    client: ClientInfo,
    event: string,
    fields: AuditFields & { provider: string },
  ): Promise<void> {
    const details = { method: 'oauth', provider: fields.provider, ...fields.details };
    return this.record(client, event, { ...fields, details });
  }

  /** Entries naming an email (any letter case), oldest first. */
  forEmail(email: string): Promise<AuditRow[]> {
    return this.log.listForEmail(email);
  }

  /** Entries of one account, oldest first. */
  forUser(userId: string): Promise<AuditRow[]> {
    return this.log.listForUser(userId);
  }

  /** Entries of one login provider, oldest first. */
  forProvider(provider: string): Promise<AuditRow[]> {
    return this.log.listForProvider(provider);
  }
}
