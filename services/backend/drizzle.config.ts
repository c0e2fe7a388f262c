import { defineConfig } from 'drizzle-kit';

/** `NODE_OPTIONS='--conditions=source --import tsx' npx drizzle-kit generate --config services/backend/drizzle.config.ts` writes SQL migrations to ./drizzle (the options let it resolve `#…` imports). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './services/backend/src/modules/*/*.tables.ts',
  out: './services/backend/drizzle',
  schemaFilter: ['app'],
});
