import { timestamp, pgSchema } from 'drizzle-orm/pg-core';

/** The backend's own PostgreSQL schema (ARCHITECTURE §5): isolated from the auth service's tables. */
export const appSchema = pgSchema('app');

/** `created_at timestamptz not null default now()`, the column every owned row has. */
export const createdAtColumn = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
