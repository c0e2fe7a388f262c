import { eq, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { AuthDatabase } from '#platform/stores/postgres.js';
import { auditLog, type AuditRow } from './audit.tables.js';

export interface AuditEntry {
  event: string;
  userId?: string | undefined;
  email?: string | undefined;
  provider?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  details?: Record<string, unknown>;
}

/** Every PostgreSQL query on the audit log (`auth_audit_log`); entries are only ever appended. */
export class AuditRepository {
  constructor(private readonly db: AuthDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      id: newId(),
      event: entry.event,
      userId: entry.userId ?? null,
      email: entry.email ?? null,
      provider: entry.provider ?? null,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
      details: entry.details ?? {},
    });
  }

  /** Entries naming an email (in any letter case), oldest first. */
  async listForEmail(email: string): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(sql`lower(${auditLog.email}) = lower(${email})`)
      .orderBy(auditLog.createdAt);
  }

  /** Entries of one account, oldest first. */
  async listForUser(userId: string): Promise<AuditRow[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt);
  }

  /** Entries of one login provider (OAuth/OIDC), oldest first; failures before sign-in name no email. */
  async listForProvider(provider: string): Promise<AuditRow[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.provider, provider)).orderBy(auditLog.createdAt);
  }
}
