import { pgSchema, timestamp } from 'drizzle-orm/pg-core';

/** The auth service's own PostgreSQL schema (ARCHITECTURE §5): isolated from the backend's tables even in a shared database. */
export const authSchema = pgSchema('auth');

/** `created_at timestamptz not null default now()`, the column every auth row has. */
export const createdAtColumn = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
