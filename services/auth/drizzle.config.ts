import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate --config services/auth/drizzle.config.ts` writes SQL migrations to ./drizzle. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './services/auth/src/platform/stores/schema.ts',
  out: './services/auth/drizzle',
  schemaFilter: ['auth'],
});
