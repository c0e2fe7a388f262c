import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config services/backend/drizzle.config.ts` writes SQL migrations to ./drizzle. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './services/backend/src/modules/*/*.tables.ts',
  out: './services/backend/drizzle',
  schemaFilter: ['app'],
});
